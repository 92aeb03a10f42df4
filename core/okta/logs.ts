import { optionalChoice } from "./arguments";
import type { OktaClient, OktaResponse, Page } from "../client";
import type { OktaLogEvent } from "./types";
import { SYSTEM_LOG } from "./paths";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";

export const LOG_SORT_ORDERS = ["ASCENDING", "DESCENDING"] as const;

/** Okta's largest System Log page. */
export const SYSTEM_LOG_MAX_PAGE = 1000;

/**
 * The product's "Get System Logs". With both `since` and `until` it is a bounded query (ordered by `published`, the
 * last page has no next link); without `until` it is a polling query, whose pages never end, so a fetch-all stops at
 * the first empty page and `nextCursor` is where the next poll resumes. Fetch-all is capped at 10,000 records.
 */
export interface GetSystemLogsArgs extends ListOptions {
    /** Lower bound of `published` (ISO-8601); Okta defaults to 7 days before `until`. Exclusive with `after`. */
    since?: string;
    /** Upper bound of `published` (ISO-8601); absent = a polling query. */
    until?: string;
    /** Okta filter expression, e.g. `eventType eq "user.lifecycle.create"`. */
    filter?: string;
    /** Keywords (at most 10, each at most 40 characters). */
    q?: string;
    /** `ASCENDING` (Okta's default) or `DESCENDING`, by `published`. */
    sortOrder?: (typeof LOG_SORT_ORDERS)[number];
}

export async function getSystemLogs(client: OktaClient, args: GetSystemLogsArgs = {}, onProgress?: PageProgress): Promise<ListResult<OktaLogEvent>> {
    const query = {
        since: args.since,
        until: args.until,
        filter: args.filter,
        q: args.q,
        sortOrder: optionalChoice("sortOrder", args.sortOrder, LOG_SORT_ORDERS),
    };
    // A capped fetch-all reads in Okta's largest pages unless told otherwise: ten requests for the 10,000 cap.
    const limit = args.limit ?? (args.fetchAll ? SYSTEM_LOG_MAX_PAGE : undefined);
    return list<OktaLogEvent>(client, { path: SYSTEM_LOG, query }, { ...args, limit }, onProgress);
}

/** The newest System Log event's response, for its `Date` (the org's clock) and rate-limit headers. */
export function probeSystemLog(client: OktaClient): Promise<OktaResponse<unknown>> {
    return client.request({ method: "GET", path: SYSTEM_LOG, query: { limit: 1, sortOrder: "DESCENDING" } });
}

/**
 * A polling query from `since` (docs/okta/system-log.md#polling-requests-and-bounded-requests): no `until`, ascending,
 * so its pages never end and each next link is where the following poll resumes.
 */
export function systemLogPollingPath(since: string, filter: string | undefined): string {
    const query = new URLSearchParams({ since, sortOrder: "ASCENDING" });
    if (filter !== undefined) {
        query.set("filter", filter);
    }
    return `${SYSTEM_LOG}?${query.toString()}`;
}

/** The pages of a System Log query from a polling path or a stored next link, until the first empty page or the cap. */
export function systemLogPages(client: OktaClient, path: string, options: { limit: number; maxItems?: number }): AsyncGenerator<Page<OktaLogEvent>> {
    return client.pages<OktaLogEvent>(path, undefined, { limit: options.limit, fetchAll: true, maxItems: options.maxItems });
}
