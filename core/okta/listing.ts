import { optionalPositiveInteger } from "./arguments";
import { itemCap, type OktaClient, type Query } from "../client";

/**
 * The listing options every paged read shares (the product's "Fetch All", "Limit" and "After", and a cap), and the one
 * place that turns them into a result. Pages come from the client's pagination (`client.pages`), which follows Okta's
 * next links, ends on an empty page, and stops at the cap on a page boundary.
 */
export interface ListOptions {
    /** Page size, sent as Okta's `limit` (each endpoint has its own default and maximum). */
    limit?: number;
    /** Cursor of the page to start from: a previous result's `nextCursor` (Okta's `after`). */
    after?: string;
    /** Follow `Link: rel="next"` until the last page (the product's "Fetch All"; default false: one page). */
    fetchAll?: boolean;
    /**
     * Most items a fetch-all returns (System Log reads: never more than 10,000). With `limit`, pages are requested so
     * that the cap falls on a page boundary and `nextCursor` resumes exactly after the last item returned.
     */
    maxItems?: number;
}

/** One listing result: the items, where to continue, and whether the cap stopped it. */
export interface ListResult<T> {
    items: T[];
    /** Pass as `after` to continue; absent when Okta reported no further page (or the cap cut a page short). */
    nextCursor?: string;
    /** True when a fetch-all stopped at its cap while Okta had more. */
    truncated: boolean;
}

/** What a listing reports after each page (the CLI shows it as progress). */
export type PageProgress = (itemsSoFar: number) => void;

/** A whole listing result: one page, or every page up to the cap. */
export async function list<T>(
    client: OktaClient,
    request: { path: string; query?: Query },
    options: ListOptions = {},
    onProgress?: PageProgress,
): Promise<ListResult<T>> {
    optionalPositiveInteger("limit", options.limit);
    optionalPositiveInteger("maxItems", options.maxItems);
    const fetchAll = Boolean(options.fetchAll);
    const paging = { limit: options.limit, after: options.after, fetchAll, maxItems: fetchAll ? options.maxItems : undefined };
    const items: T[] = [];
    let last: { after?: string; cut: boolean; more: boolean } | undefined;
    for await (const page of client.pages<T>(request.path, request.query, paging)) {
        items.push(...page.items);
        last = { after: page.after, cut: page.cut, more: page.cut || (page.next !== undefined && page.response.body.length > 0) };
        onProgress?.(items.length);
    }
    const cap = itemCap(request.path, paging.maxItems);
    return { items, nextCursor: last?.after, truncated: fetchAll && items.length >= cap && Boolean(last?.more) };
}
