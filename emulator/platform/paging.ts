import { invalidPaging, type OktaHttpError } from "./errors";
import type { RequestContext } from "./http";
import type { Page } from "./collection";

/** Reads `limit` the way Okta does: a default, a maximum, and E0000029 for anything that is not a positive integer. */
export function pageLimit(ctx: RequestContext, defaultLimit: number, maxLimit: number): number {
    const raw = ctx.query.get("limit");
    if (raw === null || raw === "") {
        return defaultLimit;
    }
    if (!/^-?\d+$/.test(raw)) {
        throw invalidPaging(`limit: '${raw}' is not a number`);
    }
    const limit = Number(raw);
    if (limit < 1) {
        throw invalidPaging(`limit: must be at least 1`);
    }
    return Math.min(limit, maxLimit);
}

/** Okta's answer to an `after` cursor it never issued (or, in a sorted search, one that left the results). */
export function unknownCursor(): OktaHttpError {
    return invalidPaging("after: unknown cursor");
}

/** A paged read returns no page when it did not know the `after` cursor. */
export function assertKnownCursor<T>(page: Page<T> | undefined): asserts page is Page<T> {
    if (!page) {
        throw unknownCursor();
    }
}

/**
 * Okta's Link headers: always `rel="self"` for the request as made, and `rel="next"` with the `after` cursor when there
 * is another page. `limit` comes first in Okta's own links.
 */
export function linkHeaders(ctx: RequestContext, limit: number, page: Page<unknown>): string[] {
    const self = pageUrl(ctx, limit, ctx.query.get("after") ?? undefined);
    const links = [`<${self}>; rel="self"`];
    if (page.nextCursor !== undefined) {
        links.push(`<${pageUrl(ctx, limit, page.nextCursor)}>; rel="next"`);
    }
    return links;
}

function pageUrl(ctx: RequestContext, limit: number, after: string | undefined): string {
    const query = new URLSearchParams();
    if (after !== undefined) {
        query.set("after", after);
    }
    query.set("limit", String(limit));
    for (const [key, value] of ctx.query) {
        if (key !== "after" && key !== "limit") {
            query.append(key, value);
        }
    }
    return `${ctx.baseUrl}${ctx.url.pathname}?${query.toString()}`;
}
