import type { OktaResponse } from "./executor";

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

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
    /** The `after` cursor of the next page, when Okta linked one. */
    after?: string;
    /** The `rel="next"` URL, when Okta linked one. */
    next?: string;
    response: OktaResponse<T[]>;
}

/** What pagination needs of a client: a GET that follows absolute Link URLs on the org. */
export type PageFetcher = <T>(path: string, query?: Query) => Promise<OktaResponse<T[]>>;

/**
 * Pages of a listing, following `Link: <…>; rel="next"` (notes §5). Ends when there is no next link, or on an empty
 * page: System Log polling links a next page forever, and an empty page means everything available was read.
 */
export async function* pages<T>(fetch: PageFetcher, path: string, query: Query = {}, options: PaginateOptions = {}): AsyncGenerator<Page<T>> {
    let next: string | undefined = path;
    let nextQuery: Query | undefined = {
        ...query,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.after !== undefined ? { after: options.after } : {}),
    };
    while (next !== undefined) {
        const response: OktaResponse<T[]> = await fetch<T>(next, nextQuery);
        if (!Array.isArray(response.body)) {
            throw new Error(`Okta API GET ${next} returned ${typeof response.body} where a list was expected`);
        }
        const link = response.links.get("next");
        yield { items: response.body, next: link, after: link && cursorOf(link), response };
        if (options.fetchAll === false || response.body.length === 0) {
            return;
        }
        next = link;
        nextQuery = undefined;
    }
}

/** Every item of a listing, across pages, up to `maxItems` (and the System Log cap). */
export async function* items<T>(fetch: PageFetcher, path: string, query?: Query, options: PaginateOptions = {}): AsyncGenerator<T> {
    const cap = itemCap(path, options.maxItems);
    let yielded = 0;
    if (cap <= 0) {
        return;
    }
    for await (const page of pages<T>(fetch, path, query, options)) {
        for (const item of page.items) {
            yield item;
            if (++yielded >= cap) {
                return;
            }
        }
    }
}

function itemCap(path: string, maxItems: number | undefined): number {
    const requested = maxItems ?? Infinity;
    const isSystemLog = new URL(path, "http://x").pathname.replace(/\/+$/, "") === "/api/v1/logs";
    return isSystemLog ? Math.min(requested, SYSTEM_LOG_MAX_RECORDS) : requested;
}

function cursorOf(link: string): string | undefined {
    try {
        return new URL(link).searchParams.get("after") ?? undefined;
    } catch {
        return undefined;
    }
}
