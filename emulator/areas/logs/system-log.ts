import { randomUUID } from "node:crypto";
import type { RequestContext } from "../../platform/http";

/**
 * The org's System Log: every mutation appends an Okta-shaped LogEvent (docs/okta/system-log.md#log-event). Events are
 * kept in the order they were appended (Okta's "persistence time", which polling follows); listeners (event hook
 * delivery) see each event once, after it is stored.
 *
 * The stored event is the wire form. It follows the spec's `LogEvent` schema, which declares most properties
 * non-nullable: where real Okta sends `null` (e.g. `legacyEventType`, `detailEntry`, `outcome.reason`) the property is
 * omitted instead, as Okta's API conventions allow (docs/okta/http.md#null-properties).
 */

export interface LogActor {
    id: string;
    type: string;
    alternateId: string;
    displayName: string;
    /** Accepted as null from callers; omitted from the stored event when empty. */
    detailEntry?: Record<string, unknown> | null;
}

export interface LogTarget extends LogActor {
    changeDetails?: { from?: Record<string, unknown>; to?: Record<string, unknown> };
}

export type LogOutcomeResult =
    | "SUCCESS"
    | "FAILURE"
    | "SKIPPED"
    | "ALLOW"
    | "DENY"
    | "CHALLENGE"
    | "UNKNOWN"
    | "RATE_LIMIT"
    | "DEFERRED"
    | "SCHEDULED"
    | "ABANDONED"
    | "UNANSWERED";

export type LogSeverity = "DEBUG" | "INFO" | "WARN" | "ERROR";

export interface LogEvent {
    uuid: string;
    /** Milliseconds, UTC: `2026-03-16T03:47:50.123Z`. */
    published: string;
    eventType: string;
    version: "0";
    displayMessage: string;
    severity: LogSeverity;
    legacyEventType?: string;
    actor: LogActor;
    client: {
        userAgent: { rawUserAgent: string; os: string; browser: string };
        zone: string;
        device: string;
        ipAddress: string;
    };
    outcome: { result: LogOutcomeResult; reason?: string };
    target: LogTarget[];
    transaction: { type: "WEB" | "JOB"; id: string; detail: Record<string, unknown> };
    debugContext: { debugData: Record<string, unknown> };
    authenticationContext: { authenticationStep: number; externalSessionId: string };
    securityContext: { asNumber: null; asOrg: null; isp: null; domain: null; isProxy: null };
    request: { ipChain: { ip: string; version: "V4" | "V6" }[] };
}

/** What a route handler says about a change; the log fills in the rest. */
export interface LogEventInput {
    eventType: string;
    displayMessage: string;
    target?: LogTarget[];
    actor?: LogActor;
    severity?: LogSeverity;
    outcome?: { result: LogOutcomeResult; reason?: string | null };
    legacyEventType?: string | null;
    /** Extra `debugContext.debugData` entries. */
    debugData?: Record<string, unknown>;
    /** Only for seeded history: when the event happened. Appended events are published now. */
    published?: string;
}

/** The part of a request the log reads. */
export type LogRequestContext = Pick<RequestContext, "requestId" | "url" | "headers">;

/** Who made a request, as the log records it. */
export interface LogCaller {
    actor: LogActor;
    /** `transaction.detail.requestApiTokenId` (Okta's documented way to find one token's events). */
    apiTokenId?: string;
}

/** Used when a change has no API caller (seeding, background jobs such as event hook delivery). */
export const SYSTEM_ACTOR: LogActor = {
    id: "0oa1emulatorsystem00",
    type: "PublicClientApp",
    alternateId: "Okta System",
    displayName: "Okta System",
};

export type LogListener = (event: LogEvent) => void;

export interface SystemLogOptions {
    /** Resolves the caller of a request (by its Authorization header); unresolved callers are logged as the system. */
    callerOf?: (ctx: LogRequestContext) => LogCaller | undefined;
    /** Events kept in memory; the oldest are dropped beyond it (cursors stay valid). Default 100,000. */
    maxEvents?: number;
    now?: () => number;
}

/** An event with the bookkeeping queries need: its persistence sequence number and times in epoch ms. */
export interface StoredLogEvent {
    seq: number;
    persistedAt: number;
    publishedAt: number;
    event: LogEvent;
}

const DEFAULT_MAX_EVENTS = 100_000;

export class SystemLog {
    private readonly entries: StoredLogEvent[] = [];
    private readonly events: LogEvent[] = [];
    private readonly listeners = new Set<LogListener>();
    private nextSeq = 1;
    private readonly maxEvents: number;
    private readonly now: () => number;

    constructor(private readonly options: SystemLogOptions = {}) {
        this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
        this.now = options.now ?? Date.now;
    }

    /** Appends one event made by the request `ctx` (or by the system when there is none). */
    append(input: LogEventInput, ctx?: LogRequestContext): LogEvent {
        const now = this.now();
        const publishedAt = input.published ? Date.parse(input.published) : now;
        const event = buildEvent(input, publishedAt, ctx, ctx ? this.caller(ctx) : undefined);
        const last = this.entries[this.entries.length - 1];
        // Persistence time never goes backwards, so polling cursors and time bounds can use binary search.
        const persistedAt = Math.max(input.published ? publishedAt : now, last?.persistedAt ?? 0);
        this.entries.push({ seq: this.nextSeq++, persistedAt, publishedAt, event });
        this.events.push(event);
        this.trim();
        for (const listener of this.listeners) {
            try {
                listener(event);
            } catch {
                // A listener's failure (e.g. hook delivery) must not fail the request that logged the event.
            }
        }
        return event;
    }

    /** The caller of a request as the log would record it. */
    caller(ctx: LogRequestContext): LogCaller | undefined {
        return this.options.callerOf?.(ctx);
    }

    /** Every event in persistence order. */
    all(): readonly LogEvent[] {
        return this.events;
    }

    /** Every stored event with its bookkeeping, in persistence order. */
    stored(): readonly StoredLogEvent[] {
        return this.entries;
    }

    /** Sequence number of the newest event, 0 when the log has never held one. */
    get lastSeq(): number {
        return this.nextSeq - 1;
    }

    /** Index in `stored()` of the first event whose sequence number is greater than `seq`. */
    indexAfterSeq(seq: number): number {
        return lowerBound(this.entries, (entry) => entry.seq <= seq);
    }

    /** Index in `stored()` of the first event persisted at or after `ms`. */
    indexPersistedFrom(ms: number): number {
        return lowerBound(this.entries, (entry) => entry.persistedAt < ms);
    }

    get size(): number {
        return this.events.length;
    }

    subscribe(listener: LogListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    clear(): void {
        this.entries.length = 0;
        this.events.length = 0;
    }

    /** The stored events with their sequence numbers, as saved by `--data-file` (listeners and options are not). */
    snapshot(): { nextSeq: number; entries: StoredLogEvent[] } {
        return { nextSeq: this.nextSeq, entries: [...this.entries] };
    }

    /** Replaces the events without notifying listeners: restored events were delivered before. */
    restore(data: unknown): void {
        const d = data as { nextSeq: number; entries: StoredLogEvent[] };
        const ok =
            typeof d === "object" && d !== null && Number.isInteger(d.nextSeq) && Array.isArray(d.entries) &&
            d.entries.every((e) => Number.isInteger(e?.seq) && e.seq < d.nextSeq && typeof e.event?.uuid === "string");
        if (!ok) {
            throw new Error("not a System Log snapshot (expected nextSeq and a list of stored events)");
        }
        this.entries.length = 0;
        this.events.length = 0;
        for (const entry of d.entries) {
            this.entries.push(entry);
            this.events.push(entry.event);
        }
        this.nextSeq = d.nextSeq;
    }

    private trim(): void {
        // Trim in chunks so a full log does not shift the arrays on every append.
        if (this.entries.length > this.maxEvents + Math.ceil(this.maxEvents / 10)) {
            const excess = this.entries.length - this.maxEvents;
            this.entries.splice(0, excess);
            this.events.splice(0, excess);
        }
    }
}

/** A target (or actor) entry for one object. */
export function logTarget(type: string, id: string, alternateId: string, displayName: string): LogTarget {
    return { id, type, alternateId, displayName };
}

/** First index whose entry does not satisfy `before` (entries satisfying it form a prefix). */
function lowerBound<T>(items: readonly T[], before: (item: T) => boolean): number {
    let low = 0;
    let high = items.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (before(items[mid])) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

function buildEvent(
    input: LogEventInput,
    publishedAt: number,
    ctx: LogRequestContext | undefined,
    caller: LogCaller | undefined,
): LogEvent {
    const ip = "127.0.0.1";
    const userAgent = String(ctx?.headers["user-agent"] ?? "");
    const event: LogEvent = {
        uuid: randomUUID(),
        // System Log timestamps keep milliseconds, unlike object timestamps.
        published: new Date(publishedAt).toISOString(),
        eventType: input.eventType,
        version: "0",
        displayMessage: input.displayMessage,
        severity: input.severity ?? "INFO",
        actor: withoutNulls(input.actor ?? caller?.actor ?? SYSTEM_ACTOR),
        client: {
            userAgent: { rawUserAgent: userAgent || "UNKNOWN", os: "Unknown", browser: "UNKNOWN" },
            zone: "null",
            device: "Unknown",
            ipAddress: ip,
        },
        outcome: { result: input.outcome?.result ?? "SUCCESS" },
        target: (input.target ?? []).map(withoutNulls),
        transaction: {
            type: ctx ? "WEB" : "JOB",
            id: ctx?.requestId ?? randomUUID(),
            detail: caller?.apiTokenId ? { requestApiTokenId: caller.apiTokenId } : {},
        },
        debugContext: {
            debugData: {
                ...(ctx ? { requestId: ctx.requestId, requestUri: ctx.url.pathname, url: ctx.url.pathname + ctx.url.search } : {}),
                ...input.debugData,
            },
        },
        authenticationContext: { authenticationStep: 0, externalSessionId: "unknown" },
        securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
        request: { ipChain: [{ ip, version: "V4" }] },
    };
    if (input.legacyEventType) {
        event.legacyEventType = input.legacyEventType;
    }
    if (input.outcome?.reason) {
        event.outcome.reason = input.outcome.reason;
    }
    return event;
}

/** Drops an actor's or target's null `detailEntry` (the spec types it as a non-nullable object). */
function withoutNulls<T extends LogActor>(entry: T): T {
    if (entry.detailEntry !== null && entry.detailEntry !== undefined) {
        return { ...entry };
    }
    const { detailEntry: _dropped, ...rest } = entry;
    return rest as T;
}
