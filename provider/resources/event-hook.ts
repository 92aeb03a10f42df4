import { OktaApiError, type OktaClient } from "../../core/client";
import type { EventHookInputs, EventHookOutputs, EventHookStatus } from "../generated/types";
import { HTTP_HEADER_NAME, isHttpsOrLoopback } from "../../core/client/http-rules";
import { closestEligibleType, isEventHookEligible } from "../../core/okta/event-types";
import {
    activateEventHook,
    allEventHooks,
    createEventHook,
    deactivateEventHook,
    deleteEventHook,
    getEventHook,
    replaceEventHook,
    verifyEventHook,
} from "../../core/okta/event-hooks";
import type { EventHookWrite, OktaEventHook } from "../../core/okta/types";
import { UNKNOWN, type CheckFailure } from "../schema";
import { looksForExisting, takesOver } from "../recovery";
import { changedScalars, orUndefined, sameScalar, sameSet, sameValue } from "./compare";
import { PartialFailure, type ResourceHandler } from "./handler";

export const eventHookHandler: ResourceHandler<EventHookInputs, EventHookOutputs> = {
    token: "okta:index:EventHook",

    changedInputs(olds, news) {
        const changed: string[] = changedScalars(olds, news, ["name", "url", "description"]);
        if (!sameSet(olds.eventTypes, news.eventTypes)) {
            changed.push("eventTypes");
        }
        for (const key of ["headers", "filters"] as const) {
            if (!sameValue(olds[key] ?? {}, news[key] ?? {})) {
                changed.push(key);
            }
        }
        // Okta never returns the auth value: compare with the one last set (none, for an adopted hook).
        if (!sameScalar(olds.authHeaderValue, news.authHeaderValue)) {
            changed.push("authHeaderValue");
        }
        if (news.authHeaderValue !== undefined && !sameScalar(olds.authHeaderName, news.authHeaderName)) {
            changed.push("authHeaderName");
        }
        const desired = desiredStatus(news);
        if (olds.status !== desired || (desired === "ACTIVE" && olds.verificationStatus !== "VERIFIED")) {
            changed.push("status");
        }
        return changed;
    },

    validate(inputs) {
        const failures: CheckFailure[] = [...urlFailures(inputs.url), ...eventTypeFailures(inputs.eventTypes), ...headerNameFailures(inputs)];
        if (inputs.doNotActivateOnCreate && inputs.status === "ACTIVE") {
            failures.push({
                property: "status",
                reason: "status ACTIVE contradicts doNotActivateOnCreate (the hook is created INACTIVE); leave status unset, and remove doNotActivateOnCreate when the hook may be activated",
            });
        }
        const eventTypes = inputs.eventTypes;
        const filters = typeof inputs.filters === "object" ? inputs.filters : {};
        for (const event of Object.keys(filters)) {
            if (Array.isArray(eventTypes) && !eventTypes.includes(UNKNOWN) && !eventTypes.includes(event)) {
                failures.push({ property: `filters.${event}`, reason: `filters.${event} filters an event type that is not in eventTypes` });
            }
        }
        return failures;
    },

    async create(client, inputs) {
        const existing = looksForExisting(inputs.adopt) ? await findHook(client, inputs.name, inputs.url) : undefined;
        if (existing && takesOver(inputs.adopt, existing, "EventHook", inputs.name)) {
            const adopted = outputsOf(existing, {});
            return { id: existing.id, outs: await this.update(client, existing.id, adopted, inputs, this.changedInputs(adopted, inputs)) };
        }
        // Okta allows hooks with the same name: a retried create looks for the newest one with this name and URL.
        const probe = async () => (await allEventHooks(client)).filter((h) => h.name === inputs.name && h.channel.config.uri === inputs.url).pop();
        let hook = await createEventHook(client, hookBody(inputs), probe);
        try {
            hook = await reachStatus(client, hook, inputs.doNotActivateOnCreate ? "INACTIVE" : desiredStatus(inputs));
        } catch (err) {
            throw new PartialFailure((err as Error).message, hook.id, { ...outputsOf(hook, inputs) });
        }
        return { id: hook.id, outs: outputsOf(hook, inputs) };
    },

    async read(client, id, olds) {
        const hook = await getEventHook(client, { eventHookId: id });
        const outs = outputsOf(hook, olds);
        return { id: hook.id, outs, inputs: inputsOf(outs) };
    },

    async update(client, id, olds, news, changed) {
        let hook: OktaEventHook | undefined;
        if (changed.some((key) => key !== "status")) {
            hook = await replaceEventHook(client, id, hookBody(news));
        }
        hook ??= await getEventHook(client, { eventHookId: id });
        try {
            hook = await reachStatus(client, hook, desiredStatus(news));
        } catch (err) {
            throw new PartialFailure((err as Error).message, id, { ...outputsOf(hook, olds) });
        }
        return outputsOf(hook, news);
    },

    async delete(client, id) {
        // Okta deletes only INACTIVE hooks.
        await deactivateEventHook(client, { eventHookId: id });
        await deleteEventHook(client, id);
    },
};

/** Okta delivers only over HTTPS (docs/preview-validation.md#event-hooks); the URL carries no credentials. */
function urlFailures(url: string | undefined): CheckFailure[] {
    if (typeof url !== "string" || url === UNKNOWN || !URL.canParse(url)) {
        return []; // Unknown until apply, or already refused by the schema's format.
    }
    const parsed = new URL(url);
    const failures: CheckFailure[] = [];
    if (!isHttpsOrLoopback(parsed)) {
        failures.push({
            property: "url",
            reason: "url must use https: Okta delivers events only to HTTPS endpoints (plain http only to a loopback host such as 127.0.0.1, for a local receiver)",
        });
    }
    if (parsed.username || parsed.password) {
        failures.push({ property: "url", reason: "url must not contain credentials (user:password@); send them with authHeaderValue" });
    }
    return failures;
}

/** Only the event types Okta offers to event hooks can be subscribed (docs/preview-validation.md#event-types). */
function eventTypeFailures(eventTypes: string[] | undefined): CheckFailure[] {
    if (!Array.isArray(eventTypes)) {
        return [];
    }
    return eventTypes.flatMap((type, index) => {
        if (typeof type !== "string" || type === UNKNOWN || isEventHookEligible(type)) {
            return [];
        }
        const closest = closestEligibleType(type);
        const hint = closest ? `; did you mean '${closest}'?` : "";
        return [{ property: `eventTypes.${index}`, reason: `eventTypes.${index} '${type}' is not an event type Okta offers for event hooks${hint}` }];
    });
}

function headerNameFailures(inputs: Partial<EventHookInputs>): CheckFailure[] {
    const failures: CheckFailure[] = [];
    const headers = inputs.headers !== null && typeof inputs.headers === "object" ? Object.keys(inputs.headers) : [];
    for (const name of headers.filter((header) => !HTTP_HEADER_NAME.test(header))) {
        failures.push({ property: `headers.${name}`, reason: `headers: '${name}' is not a valid HTTP header name` });
    }
    const authHeaderName = inputs.authHeaderName;
    if (typeof authHeaderName === "string" && authHeaderName !== UNKNOWN && !HTTP_HEADER_NAME.test(authHeaderName)) {
        failures.push({ property: "authHeaderName", reason: `authHeaderName '${authHeaderName}' is not a valid HTTP header name` });
    }
    return failures;
}

/** `status` when set; otherwise ACTIVE, or INACTIVE for a hook created with `doNotActivateOnCreate`. */
function desiredStatus(inputs: Partial<EventHookInputs>): EventHookStatus {
    return inputs.status ?? (inputs.doNotActivateOnCreate ? "INACTIVE" : "ACTIVE");
}

/** Activates or deactivates; an ACTIVE hook is verified, since Okta only delivers to verified hooks. */
async function reachStatus(client: OktaClient, start: OktaEventHook, desired: EventHookStatus): Promise<OktaEventHook> {
    let hook = start;
    if (hook.status !== desired) {
        const operation = desired === "ACTIVE" ? activateEventHook : deactivateEventHook;
        hook = await operation(client, { eventHookId: hook.id });
    }
    if (desired === "ACTIVE" && hook.verificationStatus !== "VERIFIED") {
        try {
            hook = await verifyEventHook(client, { eventHookId: hook.id });
        } catch (err) {
            if (err instanceof OktaApiError) {
                throw new Error(
                    `event hook ${hook.id} ('${hook.name}') was not verified: Okta sent a verification request to ` +
                        `${hook.channel.config.uri} and did not get the challenge back (${err.message}). The endpoint must ` +
                        'answer GET requests carrying `x-okta-verification-challenge` with {"verification": <that value>}; ' +
                        "or set doNotActivateOnCreate (or status INACTIVE) until it can",
                );
            }
            throw err;
        }
    }
    return hook;
}

function hookBody(inputs: EventHookInputs): EventHookWrite {
    const filters = Object.entries(inputs.filters ?? {});
    return {
        name: inputs.name,
        description: inputs.description ?? null,
        events: {
            type: "EVENT_TYPE",
            items: inputs.eventTypes,
            filter:
                filters.length > 0
                    ? { type: "EXPRESSION_LANGUAGE", eventFilterMap: filters.map(([event, expression]) => ({ event, condition: { expression } })) }
                    : null,
        },
        channel: {
            type: "HTTP",
            version: "1.0.0",
            config: {
                uri: inputs.url,
                headers: Object.entries(inputs.headers ?? {}).map(([key, value]) => ({ key, value })),
                authScheme:
                    inputs.authHeaderValue !== undefined
                        ? { type: "HEADER", key: inputs.authHeaderName ?? "Authorization", value: inputs.authHeaderValue }
                        : null,
            },
        },
    };
}

/** The hook named `name`, or else the one delivering to `url`. Okta lists all hooks in one page. */
async function findHook(client: OktaClient, name: string, url: string): Promise<OktaEventHook | undefined> {
    const hooks = await allEventHooks(client);
    return hooks.find((hook) => hook.name === name) ?? hooks.find((hook) => hook.channel.config.uri === url);
}

/** The hook's state: managed values, the auth header value as last set, `verificationStatus`, no timestamps (docs/state.md#what-state-holds). */
function outputsOf(hook: OktaEventHook, managed: Partial<EventHookInputs>): EventHookOutputs {
    const config = hook.channel.config;
    const filters = hook.events.filter?.eventFilterMap ?? [];
    return {
        name: hook.name,
        url: config.uri,
        description: orUndefined(hook.description),
        eventTypes: hook.events.items,
        headers: config.headers?.length ? Object.fromEntries(config.headers.map(({ key, value }) => [key, value])) : undefined,
        authHeaderName: config.authScheme?.key ?? managed.authHeaderName,
        authHeaderValue: config.authScheme ? managed.authHeaderValue : undefined,
        filters: filters.length > 0 ? Object.fromEntries(filters.map(({ event, condition }) => [event, condition.expression])) : undefined,
        status: hook.status,
        doNotActivateOnCreate: managed.doNotActivateOnCreate,
        adopt: managed.adopt,
        verificationStatus: hook.verificationStatus,
    };
}

function inputsOf(outs: EventHookOutputs): EventHookInputs {
    const { verificationStatus: _v, ...inputs } = outs;
    return inputs;
}
