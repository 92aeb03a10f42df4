import { ArgumentError } from "../okta/arguments";
import type { OktaClient, OktaResponse } from "../client";
import type { OktaLogEvent } from "../okta/types";
import { probeSystemLog, SYSTEM_LOG_MAX_PAGE, systemLogPages, systemLogPollingPath } from "../okta/logs";
import { decodeCursor, encodeCursor } from "./cursor";
import { rateLimitOf, serverTimeOf } from "./pacing";
import type { PollResult } from "./types";
import { isoTimestamp } from "./users";

/**
 * The "New System Logs" trigger, with Okta's polling semantics (docs/okta/system-log.md#polling-and-bounded): a query
 * without `until`, in ascending order, follows persistence time, so events that are stored late are still found; its
 * pages never end (a next link even on an empty page). The cursor is the next link of the last page read, so each event
 * is delivered exactly once, including events stored while a poll runs: they sit after the cursor.
 */

export interface SystemLogPollArgs {
    /** From an earlier poll. Without one (and without `since`), the first poll delivers nothing and starts after the last stored event. */
    cursor?: string;
    /** Without a cursor: deliver events stored from this ISO-8601 time on, instead of from now. */
    since?: string;
    /** Okta filter expression, e.g. `eventType sw "user.lifecycle"`; fixed for the lifetime of a cursor. */
    filter?: string;
    /** Page size (default and maximum 1,000). */
    limit?: number;
    /** Most events one poll delivers (default and maximum 10,000, the product's cap). */
    maxItems?: number;
}

interface LogCursorState {
    trigger: "systemLog";
    /** Path and query of the next page to read (Okta's next link), or where polling starts. */
    next: string;
    filter?: string;
}

const TRIGGER = "systemLog";

export async function pollSystemLogs(client: OktaClient, args: SystemLogPollArgs = {}): Promise<PollResult<OktaLogEvent>> {
    let next: string;
    let baseline = false;
    if (args.cursor !== undefined) {
        const state = decodeCursor<LogCursorState>(args.cursor, TRIGGER);
        if ((state.filter ?? undefined) !== (args.filter ?? undefined)) {
            throw new ArgumentError(`the cursor was made for filter '${state.filter ?? ""}', not '${args.filter ?? ""}'`);
        }
        next = state.next;
    } else if (args.since !== undefined) {
        next = systemLogPollingPath(isoTimestamp("since", args.since), args.filter);
    } else {
        // Start now: read (and drop) what is stored from this second on, so the cursor sits after the last event.
        const clock = await probeSystemLog(client);
        const now = Math.floor((serverTimeOf(clock) ?? Date.now()) / 1000) * 1000;
        next = systemLogPollingPath(new Date(now).toISOString(), args.filter);
        baseline = true;
    }

    const items: OktaLogEvent[] = [];
    let last: OktaResponse<unknown> | undefined;
    let lastNext: string | undefined;
    let lastPageHadItems = false;
    // The client caps every System Log read at 10,000 records; the starting read needs no cap of its own.
    const maxItems = baseline ? undefined : args.maxItems;
    const pageSize = Math.min(args.limit ?? SYSTEM_LOG_MAX_PAGE, SYSTEM_LOG_MAX_PAGE);
    for await (const page of systemLogPages(client, next, { limit: pageSize, maxItems })) {
        items.push(...page.items);
        last = page.response;
        lastNext = page.next;
        lastPageHadItems = page.items.length > 0;
    }
    if (lastNext === undefined) {
        throw new Error("Okta sent no next link for a System Log polling query; cannot continue from here");
    }
    const state: LogCursorState = { trigger: TRIGGER, next: pathOf(lastNext), filter: args.filter };
    // Polling reads end at an empty page; ending on a page with items means the cap stopped it: more are waiting.
    const more = !baseline && lastPageHadItems;
    return { items: baseline ? [] : items, cursor: encodeCursor(state), more, rateLimit: rateLimitOf(last!) };
}

function pathOf(link: string): string {
    const url = new URL(link);
    return url.pathname + url.search;
}
