import { randomUUID } from "node:crypto";
import type { RequestContext } from "./http";

/**
 * The org's System Log: every mutation appends an Okta-shaped LogEvent (notes §6). Events are kept in the order they
 * were appended (Okta's "persistence time", which polling follows); listeners (event hook delivery) see each event
 * once, after it is stored.
 */

export interface LogActor {
    id: string;
    type: string;
    alternateId: string;
    displayName: string;
    detailEntry: Record<string, unknown> | null;
}

export interface LogTarget extends LogActor {
    changeDetails?: { from?: Record<string, unknown>; to?: Record<string, unknown> };
}

export type LogOutcomeResult = "SUCCESS" | "FAILURE" | "SKIPPED" | "ALLOW" | "DENY" | "CHALLENGE" | "UNKNOWN";

export interface LogEvent {
    uuid: string;
    published: string;
    eventType: string;
    version: "0";
    displayMessage: string;
    severity: "DEBUG" | "INFO" | "WARN" | "ERROR";
    legacyEventType: string | null;
    actor: LogActor;
    client: {
        userAgent: { rawUserAgent: string; os: string; browser: string };
        zone: string;
        device: string;
        id: string | null;
        ipAddress: string;
        geographicalContext: null;
    };
    outcome: { result: LogOutcomeResult; reason: string | null };
    target: LogTarget[];
    transaction: { type: "WEB" | "JOB"; id: string; detail: Record<string, unknown> };
    debugContext: { debugData: Record<string, unknown> };
    authenticationContext: {
        authenticationProvider: string | null;
        credentialProvider: string | null;
        credentialType: string | null;
        issuer: null;
        interface: null;
        authenticationStep: number;
        externalSessionId: string;
    };
    securityContext: { asNumber: null; asOrg: null; isp: null; domain: null; isProxy: null };
    request: { ipChain: { ip: string; geographicalContext: null; version: "V4" | "V6"; source: null }[] };
}

/** What a route handler says about a change; the log fills in the rest. */
export interface LogEventInput {
    eventType: string;
    displayMessage: string;
    target?: LogTarget[];
    actor?: LogActor;
    severity?: LogEvent["severity"];
    outcome?: { result: LogOutcomeResult; reason?: string | null };
    legacyEventType?: string | null;
    /** Extra `debugContext.debugData` entries. */
    debugData?: Record<string, unknown>;
}

/** Used when a change has no API caller (seeding, background jobs). */
export const SYSTEM_ACTOR: LogActor = {
    id: "0oa1emulatorsystem00",
    type: "PublicClientApp",
    alternateId: "Okta System",
    displayName: "Okta System",
    detailEntry: null,
};

export type LogListener = (event: LogEvent) => void;

export class SystemLog {
    private readonly events: LogEvent[] = [];
    private readonly listeners = new Set<LogListener>();

    /** Appends one event made by the request `ctx` (or by the system when there is none). */
    append(input: LogEventInput, ctx?: Pick<RequestContext, "requestId" | "url" | "headers">): LogEvent {
        const event = buildEvent(input, ctx);
        this.events.push(event);
        for (const listener of this.listeners) {
            listener(event);
        }
        return event;
    }

    /** Every event in persistence order. */
    all(): readonly LogEvent[] {
        return this.events;
    }

    get size(): number {
        return this.events.length;
    }

    subscribe(listener: LogListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    clear(): void {
        this.events.length = 0;
    }

    /** The events, as saved by `--data-file`. */
    snapshot(): LogEvent[] {
        return [...this.events];
    }

    /** Replaces the events without notifying listeners: restored events were delivered before. */
    restore(data: unknown): void {
        if (!Array.isArray(data) || !data.every((e) => typeof e?.uuid === "string" && typeof e?.eventType === "string")) {
            throw new Error("not a System Log snapshot (expected a list of events)");
        }
        this.events.length = 0;
        for (const event of data as LogEvent[]) {
            this.events.push(event);
        }
    }
}

/** A target (or actor) entry for one object. */
export function logTarget(type: string, id: string, alternateId: string, displayName: string): LogTarget {
    return { id, type, alternateId, displayName, detailEntry: null };
}

function buildEvent(input: LogEventInput, ctx?: Pick<RequestContext, "requestId" | "url" | "headers">): LogEvent {
    const ip = "127.0.0.1";
    const userAgent = String(ctx?.headers["user-agent"] ?? "");
    return {
        uuid: randomUUID(),
        // System Log timestamps keep milliseconds, unlike object timestamps.
        published: new Date().toISOString(),
        eventType: input.eventType,
        version: "0",
        displayMessage: input.displayMessage,
        severity: input.severity ?? "INFO",
        legacyEventType: input.legacyEventType ?? null,
        actor: input.actor ?? SYSTEM_ACTOR,
        client: {
            userAgent: { rawUserAgent: userAgent || "UNKNOWN", os: "Unknown", browser: "UNKNOWN" },
            zone: "null",
            device: "Unknown",
            id: null,
            ipAddress: ip,
            geographicalContext: null,
        },
        outcome: { result: input.outcome?.result ?? "SUCCESS", reason: input.outcome?.reason ?? null },
        target: input.target ?? [],
        transaction: { type: ctx ? "WEB" : "JOB", id: ctx?.requestId ?? randomUUID(), detail: {} },
        debugContext: {
            debugData: {
                ...(ctx ? { requestId: ctx.requestId, requestUri: ctx.url.pathname, url: ctx.url.pathname + ctx.url.search } : {}),
                ...input.debugData,
            },
        },
        authenticationContext: {
            authenticationProvider: null,
            credentialProvider: null,
            credentialType: null,
            issuer: null,
            interface: null,
            authenticationStep: 0,
            externalSessionId: "unknown",
        },
        securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
        request: { ipChain: [{ ip, geographicalContext: null, version: "V4", source: null }] },
    };
}
