import { isSystemLogPath } from "../okta/paths";
import type { OktaResponse, Query, QueryValue } from "./request-types";


export interface PaginateOptions {
    /** Page size (`limit`), up to each endpoint's maximum. */
    limit?: number;
    /** Start after this cursor (from a previous page's `after`). */
    after?: string;
    /** Follow `Link: rel="next"` through every page (default), or stop after the first. */
    fetchAll?: boolean;
    /** Stop after this many items. System Log reads are capped at SYSTEM_LOG_MAX_RECORDS whatever is asked. */
    maxItems?: number;
}

/** The product fetches at most this many System Log events at once. */
export const SYSTEM_LOG_MAX_RECORDS = 10_000;

/** One page of a listing. */
export interface Page<T> {
    items: T[];
    /** The `after` cursor of the next page, when Okta linked one (absent when the cap cut this page short). */
    after?: string;
    /** The `rel="next"` URL, when Okta linked one (absent when the cap cut this page short). */
    next?: string;
    /** True when `maxItems` left some of the page's items out: nothing resumes exactly after them. */
    cut: boolean;
    response: OktaResponse<T[]>;
}

/** What pagination needs of a client: a GET that follows absolute Link URLs on the org. */
export type PageFetcher = <T>(path: string, query?: Query) => Promise<OktaResponse<T[]>>;

/**
 * Pages of a listing, following `Link: <…>; rel="next"` (docs/okta/pagination.md#link-header). Ends when there is no
 * next link, or on an empty page: System Log polling links a next page forever, and an empty page means everything
 * available was read. With `maxItems` (and for the System Log, its cap) it stops there; with `limit` too, it never asks
 * for more than is left, so the cap falls on a page boundary and the last page's `after` resumes exactly after the last
 * item.
 */
export async function* pages<T>(fetch: PageFetcher, path: string, query: Query = {}, options: PaginateOptions = {}): AsyncGenerator<Page<T>> {
    const cap = itemCap(path, options.maxItems);
    let fetched = 0;
    let next: string | undefined = path;
    let nextQuery: Query | undefined = {
        ...query,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.after !== undefined ? { after: options.after } : {}),
    };
    while (next !== undefined && fetched < cap) {
        const remaining = cap - fetched;
        if (options.limit !== undefined && remaining < options.limit) {
            ({ next, nextQuery } = withLimit(next, nextQuery, remaining));
        }
        const response: OktaResponse<T[]> = await fetch<T>(next, nextQuery);
        if (!Array.isArray(response.body)) {
            throw new Error(`Okta API GET ${next} returned ${typeof response.body} where a list was expected`);
        }
        const cut = response.body.length > remaining;
        const pageItems = cut ? response.body.slice(0, remaining) : response.body;
        const link = cut ? undefined : response.links.get("next");
        fetched += pageItems.length;
        yield { items: pageItems, next: link, after: link && cursorOf(link), cut, response };
        if (options.fetchAll === false || response.body.length === 0) {
            return;
        }
        next = link;
        nextQuery = undefined;
    }
}

/** Every item of a listing, across pages, up to `maxItems` (and the System Log cap). */
export async function* items<T>(fetch: PageFetcher, path: string, query?: Query, options: PaginateOptions = {}): AsyncGenerator<T> {
    for await (const page of pages<T>(fetch, path, query, options)) {
        yield* page.items;
    }
}

/** Sets the page size of the next request: in its query, or in the next link (absolute, or a stored path). */
function withLimit(next: string, query: Query | undefined, limit: number): { next: string; nextQuery: Query | undefined } {
    if (query !== undefined) {
        return { next, nextQuery: { ...query, limit } };
    }
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(next);
    const url = new URL(next, "http://relative.invalid");
    url.searchParams.set("limit", String(limit));
    return { next: isAbsolute ? url.toString() : url.pathname + url.search, nextQuery: undefined };
}

/** The most items a listing returns: `maxItems`, and never more than 10,000 System Log records. */
export function itemCap(path: string, maxItems: number | undefined): number {
    const requested = maxItems ?? Infinity;
    return isSystemLogPath(path) ? Math.min(requested, SYSTEM_LOG_MAX_RECORDS) : requested;
}

function cursorOf(link: string): string | undefined {
    try {
        return new URL(link).searchParams.get("after") ?? undefined;
    } catch {
        return undefined;
    }
}

export type { Query, QueryValue };
