import { compileCondition, type EventCondition } from "./el-filter";
import type { LogEvent } from "../logs/system-log";

/**
 * Event hooks as the emulator keeps them (SPEC `EventHook`; docs/okta/event-hooks.md#object). The record holds the
 * `authScheme.value` secret; `eventHookResource` is the only way a hook leaves the emulator over the API, and it never
 * includes it.
 */

export type EventHookStatus = "ACTIVE" | "INACTIVE";
export type EventHookVerificationStatus = "UNVERIFIED" | "VERIFIED";

export interface EventHookHeader {
    key: string;
    value: string;
}

export interface EventHookAuthScheme {
    type: "HEADER";
    key: string;
    /** Write-only secret: sent to the receiver, never returned. */
    value?: string;
}

export interface EventHookFilterEntry {
    event: string;
    condition: { version: null; expression: string };
}

export interface EventHookFilter {
    type: "EXPRESSION_LANGUAGE";
    eventFilterMap: EventHookFilterEntry[];
}

export interface EventHookChannel {
    type: "HTTP";
    version: "1.0.0";
    config: {
        uri: string;
        headers: EventHookHeader[];
        method: "POST";
        authScheme?: EventHookAuthScheme;
    };
}

export interface EventHookRecord {
    id: string;
    status: EventHookStatus;
    verificationStatus: EventHookVerificationStatus;
    name: string;
    description: string | null;
    created: string;
    createdBy: string;
    lastUpdated: string;
    events: { type: "EVENT_TYPE"; items: string[]; filter: EventHookFilter | null };
    channel: EventHookChannel;
}

/** Okta's limits (docs/okta/event-hooks.md#limits): active-and-verified hooks per org and event types per hook. */
export const MAX_ACTIVE_EVENT_HOOKS = 25;
export const MAX_EVENT_TYPES_PER_HOOK = 300;

/** The wire form of a hook: `authScheme.value` left out, `_links` by status as in recorded traffic. */
export function eventHookResource(baseUrl: string, hook: EventHookRecord): Record<string, unknown> {
    const self = `${baseUrl}/api/v1/eventHooks/${hook.id}`;
    const post = (href: string) => ({ href, hints: { allow: ["POST"] } });
    const { authScheme, ...config } = hook.channel.config;
    return {
        id: hook.id,
        status: hook.status,
        verificationStatus: hook.verificationStatus,
        name: hook.name,
        description: hook.description,
        created: hook.created,
        createdBy: hook.createdBy,
        lastUpdated: hook.lastUpdated,
        events: {
            type: hook.events.type,
            items: [...hook.events.items],
            filter: hook.events.filter && {
                type: hook.events.filter.type,
                eventFilterMap: hook.events.filter.eventFilterMap.map((entry) => ({
                    event: entry.event,
                    condition: { version: entry.condition.version, expression: entry.condition.expression },
                })),
            },
        },
        channel: {
            type: hook.channel.type,
            version: hook.channel.version,
            config: {
                uri: config.uri,
                headers: config.headers.map((h) => ({ ...h })),
                method: config.method,
                ...(authScheme ? { authScheme: { type: authScheme.type, key: authScheme.key } } : {}),
            },
        },
        _links:
            hook.status === "ACTIVE"
                ? { self: { href: self }, verify: post(`${self}/lifecycle/verify`), deactivate: post(`${self}/lifecycle/deactivate`) }
                : {
                      activate: post(`${self}/lifecycle/activate`),
                      self: { href: self },
                      delete: { href: self, hints: { allow: ["DELETE"] } },
                  },
    };
}

/** The headers Okta sends to the receiver: the custom headers, then the auth header. */
export function eventHookHeaders(hook: EventHookRecord): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const { key, value } of hook.channel.config.headers) {
        headers[key] = value;
    }
    const auth = hook.channel.config.authScheme;
    if (auth?.value !== undefined) {
        headers[auth.key] = auth.value;
    }
    return headers;
}

/** Only ACTIVE and VERIFIED hooks receive events (docs/okta/event-hooks.md#limits). */
export function isDeliverable(hook: EventHookRecord): boolean {
    return hook.status === "ACTIVE" && hook.verificationStatus === "VERIFIED";
}

/** Whether a hook wants an event: subscribed to its type and, when the hook filters that type, passing the filter. */
export function eventHookWants(hook: EventHookRecord, event: LogEvent): boolean {
    if (!hook.events.items.includes(event.eventType)) {
        return false;
    }
    const condition = conditionFor(hook.events.filter, event.eventType);
    return condition ? condition(event) : true;
}

/** Compiled conditions per filter object; a replaced filter is a new object, so the cache never goes stale. */
const compiled = new WeakMap<EventHookFilter, Map<string, EventCondition>>();

function conditionFor(filter: EventHookFilter | null, eventType: string): EventCondition | undefined {
    if (!filter) {
        return undefined;
    }
    let conditions = compiled.get(filter);
    if (!conditions) {
        conditions = new Map(filter.eventFilterMap.map((entry) => [entry.event, compileCondition(entry.condition.expression)]));
        compiled.set(filter, conditions);
    }
    return conditions.get(eventType);
}
