import { optionalPositiveInteger } from "../arguments";
import type { OktaClient, OktaResponse, QueryValue } from "../client";

/**
 * The listing options every paged read shares (the product's "Fetch All", "Limit" and "After"), and the one place that
 * turns them into requests. Functions, triggers and the CLI all page through `listPages`/`list`.
 */
export interface ListOptions {
    /** Page size, sent as Okta's `limit` (each endpoint has its own default and maximum). */
    limit?: number;
    /** Cursor of the page to start from: a previous result's `nextCursor` (Okta's `after`). */
    after?: string;
    /** Follow `Link: rel="next"` until the last page (the product's "Fetch All"; default false: one page). */
    fetchAll?: boolean;
    /**
     * Most items a fetch-all returns. Pages are requested so that the cap falls on a page boundary, so the result's
     * `nextCursor` resumes exactly after the last item returned.
     */
    maxItems?: number;
}

/** One listing result: the items, where to continue, and whether more were left (cap reached, or one page asked). */
export interface ListResult<T> {
    items: T[];
    /** Pass as `after` to continue; absent when Okta reported no further page. */
    nextCursor?: string;
    /** True when a fetch-all stopped at `maxItems` while Okta still had a next page. */
    truncated: boolean;
}

/** What a page loop reports after each page (the CLI shows it as progress). */
export type PageProgress = (itemsSoFar: number) => void;

/** The product caps System Log fetches at 10,000 records (Get System Logs: "Max 10000 records can be fetched at once"). */
export const SYSTEM_LOG_FETCH_CAP = 10_000;

export interface ListRequest {
    path: string;
    query?: Record<string, QueryValue>;
    /**
     * Polling listings (System Log without `until`) always send a next link, even on an empty page; they end at the
     * first empty page instead.
     */
    endsOnEmptyPage?: boolean;
    /** Used when the caller gives no `maxItems` (System Log: 10,000). */
    defaultMaxItems?: number;
    /** The endpoint's largest page, used for capped fetch-alls when the caller gives no `limit`. */
    maxPageSize?: number;
}

/** One fetched page, with the response it came from (triggers read `Date` and the rate-limit headers from it). */
export interface FetchedPage<T> {
    items: T[];
    /** The absolute next-page URL, when Okta sent one. */
    next?: string;
    response: OktaResponse<T[]>;
}

/**
 * The pages of a listing, in order, starting at `options.after`. Stops after one page unless `fetchAll`, at the last
 * page, at an empty page for polling listings, or when `maxItems` is reached.
 */
export async function* listPages<T>(client: OktaClient, request: ListRequest, options: ListOptions = {}): AsyncGenerator<FetchedPage<T>> {
    optionalPositiveInteger("limit", options.limit);
    optionalPositiveInteger("maxItems", options.maxItems);
    const cap = options.fetchAll ? (options.maxItems ?? request.defaultMaxItems) : undefined;
    let url: string | undefined = request.path;
    let query: Record<string, QueryValue> | undefined = { ...request.query, limit: options.limit, after: options.after };
    let fetched = 0;
    while (url !== undefined) {
        const remaining = cap === undefined ? undefined : cap - fetched;
        const pageSize = options.limit ?? request.maxPageSize;
        if (remaining !== undefined && pageSize !== undefined) {
            // Never ask for more than is left, so the cap falls on a page boundary and the cursor stays exact.
            ({ url, query } = withLimit(url, query, Math.min(pageSize, remaining)));
        }
        const response: OktaResponse<T[]> = await client.request<T[]>({ method: "GET", path: url, query });
        if (!Array.isArray(response.body)) {
            throw new Error(`Okta API GET ${request.path} returned ${typeof response.body} where a list was expected`);
        }
        const items = remaining === undefined ? response.body : response.body.slice(0, remaining);
        fetched += items.length;
        const next = response.links.get("next");
        yield { items, next, response };
        const ended = next === undefined || (request.endsOnEmptyPage && response.body.length === 0);
        if (ended || !options.fetchAll || (cap !== undefined && fetched >= cap)) {
            return;
        }
        url = next;
        query = undefined;
    }
}

/** A whole listing result (one page, or every page up to the cap). */
export async function list<T>(
    client: OktaClient,
    request: ListRequest,
    options: ListOptions = {},
    onProgress?: PageProgress,
): Promise<ListResult<T>> {
    const items: T[] = [];
    let next: string | undefined;
    let lastPageWasCut = false;
    for await (const page of listPages<T>(client, request, options)) {
        items.push(...page.items);
        next = page.next;
        lastPageWasCut = page.items.length < page.response.body.length;
        onProgress?.(items.length);
    }
    // A page cut short (a cap smaller than an unknown page size) has no exact cursor to resume from.
    const nextCursor = lastPageWasCut || next === undefined ? undefined : cursorOf(next);
    const cap = options.maxItems ?? request.defaultMaxItems;
    const truncated = Boolean(options.fetchAll) && cap !== undefined && items.length >= cap && (next !== undefined || lastPageWasCut);
    return { items, nextCursor, truncated };
}

/** The `after` value of a next link (Okta's opaque cursor). */
export function cursorOf(nextLink: string): string | undefined {
    try {
        return new URL(nextLink).searchParams.get("after") ?? undefined;
    } catch {
        return undefined;
    }
}

function withLimit(url: string, query: Record<string, QueryValue> | undefined, limit: number) {
    if (query !== undefined) {
        return { url, query: { ...query, limit } };
    }
    // Next links are absolute; a stored cursor may be a path. Keep whichever form was given.
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
    const parsed = new URL(url, "http://relative.invalid");
    parsed.searchParams.set("limit", String(limit));
    return { url: isAbsolute ? parsed.toString() : parsed.pathname + parsed.search, query: undefined };
}
