import { ok, type RequestContext } from "../../platform/http";
import { formatCursor, readLogQuery, RETENTION_MS, type LogCursor, type LogQuery } from "./query";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import type { LogEvent, StoredLogEvent, SystemLog } from "./system-log";

/**
 * `GET /api/v1/logs` (SPEC listLogEvents; docs/okta/system-log.md#polling-and-bounded). Polling requests page by
 * persistence order and always carry a `next` link, so events appended later are picked up by the next poll, each
 * exactly once; bounded requests are ordered by `published` and their last page has no `next`. Cursors are positions in
 * the log, so they stay valid as events arrive.
 */
export function registerLogRoutes(router: Router, store: OrgStore, now: () => number = Date.now): void {
    router.on("GET", "/api/v1/logs", (ctx) => listLogEvents(ctx, store.log, now()));
}

interface LogPage {
    events: LogEvent[];
    next?: LogCursor;
}

function listLogEvents(ctx: RequestContext, log: SystemLog, now: number) {
    const query = readLogQuery(ctx.query, now);
    const page = query.polling ? pollingPage(log, query, now) : boundedPage(log, query, now);
    const links = [`<${ctx.baseUrl}${ctx.url.pathname}${ctx.url.search}>; rel="self"`];
    if (page.next) {
        links.push(`<${nextUrl(ctx, query, page.next)}>; rel="next"`);
    }
    return ok(page.events, { Link: links });
}

/** Events after the cursor (or persisted since `since`) in persistence order; the next cursor is where reading stopped. */
function pollingPage(log: SystemLog, query: LogQuery, now: number): LogPage {
    const stored = log.stored();
    const start = query.after ? log.indexAfterSeq(query.after.seq) : log.indexPersistedFrom(query.sinceMs);
    let position: LogCursor = query.after ?? positionBefore(stored, start, log, query.sinceMs);
    const events: LogEvent[] = [];
    if (query.limit === 0) {
        return { events, next: position };
    }
    for (let i = start; i < stored.length; i++) {
        const entry = stored[i];
        position = { ms: entry.persistedAt, seq: entry.seq };
        if (!isRetained(entry, now) || !query.matches(entry.event)) {
            continue;
        }
        events.push(entry.event);
        if (events.length === query.limit) {
            break;
        }
    }
    return { events, next: position };
}

/** The cursor just before index `start`: events from `start` on are still to be read. */
function positionBefore(stored: readonly StoredLogEvent[], start: number, log: SystemLog, sinceMs: number): LogCursor {
    if (start > 0) {
        return { ms: stored[start - 1].persistedAt, seq: stored[start - 1].seq };
    }
    return { ms: sinceMs, seq: stored.length > 0 ? stored[0].seq - 1 : log.lastSeq };
}

/** Events published in [since, until], ordered by `published` (ties by persistence order), after the cursor. */
function boundedPage(log: SystemLog, query: LogQuery, now: number): LogPage {
    const stored = log.stored();
    // An event is persisted no earlier than it is published, so nothing before this index can be in range.
    const candidates: StoredLogEvent[] = [];
    for (let i = log.indexPersistedFrom(query.sinceMs); i < stored.length; i++) {
        const entry = stored[i];
        if (
            entry.publishedAt >= query.sinceMs &&
            entry.publishedAt <= query.untilMs &&
            isRetained(entry, now) &&
            (!query.after || isAfter(entry, query.after, query.descending)) &&
            query.matches(entry.event)
        ) {
            candidates.push(entry);
        }
    }
    const direction = query.descending ? -1 : 1;
    candidates.sort((a, b) => direction * (a.publishedAt - b.publishedAt || a.seq - b.seq));
    const selected = candidates.slice(0, query.limit);
    const last = selected[selected.length - 1];
    const more = candidates.length > selected.length;
    return {
        events: selected.map((entry) => entry.event),
        next: more && last ? { ms: last.publishedAt, seq: last.seq } : more ? query.after : undefined,
    };
}

function isAfter(entry: StoredLogEvent, cursor: LogCursor, descending: boolean): boolean {
    const order = entry.publishedAt - cursor.ms || entry.seq - cursor.seq;
    return descending ? order < 0 : order > 0;
}

function isRetained(entry: StoredLogEvent, now: number): boolean {
    return entry.publishedAt >= now - RETENTION_MS;
}

/**
 * The next page's URL: the request's parameters with the new cursor. Polling links drop `since` (the cursor replaces
 * it); bounded links pin a defaulted `until`, so "now" does not move between pages.
 */
function nextUrl(ctx: RequestContext, query: LogQuery, cursor: LogCursor): string {
    const params = new URLSearchParams();
    params.set("limit", String(query.limit));
    for (const [key, value] of ctx.query) {
        if (key !== "after" && key !== "limit" && !(query.polling && key === "since")) {
            params.append(key, value);
        }
    }
    if (!query.polling && query.untilDefaulted) {
        params.set("until", new Date(query.untilMs).toISOString());
    }
    params.set("after", formatCursor(cursor));
    return `${ctx.baseUrl}${ctx.url.pathname}?${params.toString()}`;
}
