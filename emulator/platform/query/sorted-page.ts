/**
 * Paging over results sorted by one attribute (`sortBy`/`sortOrder` on searches). Ties are ordered by id, as Okta
 * does. The cursor names the last item's sort value and id, so pages stay consistent when items come and go.
 */
import type { Page } from "../collection";
import { attributeValue } from "./filter";

export interface SortOrder {
    attribute: string;
    descending: boolean;
}

type Key = [value: unknown, id: string];

/** Sorts `items` and returns the page after `after` (a cursor from an earlier page); undefined for a bad cursor. */
export function sortedPage<T extends { id: string }>(items: T[], order: SortOrder, after: string | undefined, limit: number): Page<T> | undefined {
    const keyOf = (item: T): Key => [attributeValue(item, order.attribute), item.id];
    const compare = (a: Key, b: Key) => (order.descending ? -compareValues(a[0], b[0]) : compareValues(a[0], b[0])) || compareIds(a[1], b[1]);
    let remaining = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
    if (after !== undefined) {
        const cursor = decodeCursor(after);
        if (!cursor) {
            return undefined;
        }
        remaining = remaining.filter((item) => compare(keyOf(item), cursor) > 0);
    }
    const pageItems = remaining.slice(0, limit);
    const last = pageItems[pageItems.length - 1];
    return remaining.length > limit ? { items: pageItems, nextCursor: encodeCursor(keyOf(last)) } : { items: pageItems };
}

/** Missing values first; numbers by value; text ignoring case (ISO timestamps sort correctly as text). */
function compareValues(a: unknown, b: unknown): number {
    const missing = (v: unknown) => v === undefined || v === null;
    if (missing(a) || missing(b)) {
        return missing(a) === missing(b) ? 0 : missing(a) ? -1 : 1;
    }
    if (typeof a === "number" && typeof b === "number") {
        return a - b;
    }
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
}

function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function encodeCursor(key: Key): string {
    return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string): Key | undefined {
    try {
        const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
        return Array.isArray(key) && key.length === 2 && typeof key[1] === "string" ? (key as Key) : undefined;
    } catch {
        return undefined;
    }
}
