import type { Page } from "../../platform/collection";
import { invalidSearch, searchWithFilter } from "../../platform/errors";
import { ok, type RequestContext, type RouteResult } from "../../platform/http";
import type { UserRecord } from "./model";
import { assertKnownCursor, linkHeaders, pageLimit, unknownCursor } from "../../platform/paging";
import { attributeValue, compileFilter, FilterSyntaxError, type FilterRules, type Operator } from "../../platform/query/filter";
import type { OrgStore } from "../../org/store";
import { userSummaryResource } from "./resource";

/**
 * `GET /api/v1/users`: Okta's three ways of narrowing the list, each with its own semantics
 * (docs/okta/filters.md#users).
 * - no query: every user but DEPROVISIONED ones, paged;
 * - `filter`: a few properties, `eq` (and ranges on `lastUpdated`), case-sensitive values, DEPROVISIONED included;
 * - `search`: any profile attribute and most top-level properties, case-insensitive, sortable, DEPROVISIONED included;
 * - `q`: prefix of first name, last name or email; DEPROVISIONED omitted; 10 by default; not paged.
 */

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 200;
const Q_DEFAULT_LIMIT = 10;

const FILTER_EQ_ONLY = new Set(["status", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);
const RANGE: readonly Operator[] = ["eq", "gt", "ge", "lt", "le"];

const FILTER_RULES: FilterRules = {
    caseInsensitive: false,
    operatorsFor: (attribute) => (FILTER_EQ_ONLY.has(attribute) ? ["eq"] : attribute === "lastUpdated" ? RANGE : undefined),
};

const SEARCHABLE_TOP_LEVEL = new Set([
    "id",
    "status",
    "created",
    "activated",
    "statusChanged",
    "lastUpdated",
    "lastLogin",
    "passwordChanged",
    "type.id",
    "realmId",
]);
/** `co` works only on these (SPEC listUsers `search`); `ne` nowhere. */
const CONTAINS_ATTRIBUTES = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);
const SEARCH_OPERATORS: readonly Operator[] = ["eq", "sw", "gt", "ge", "lt", "le", "pr"];
const SEARCH_OPERATORS_WITH_CO: readonly Operator[] = [...SEARCH_OPERATORS, "co"];

function searchRules(store: OrgStore): FilterRules {
    return {
        caseInsensitive: true,
        operatorsFor: (attribute) => {
            if (CONTAINS_ATTRIBUTES.has(attribute)) {
                return SEARCH_OPERATORS_WITH_CO;
            }
            if (SEARCHABLE_TOP_LEVEL.has(attribute)) {
                return SEARCH_OPERATORS;
            }
            if (attribute.startsWith("profile.") && store.userSchema.has(attribute.slice("profile.".length))) {
                return SEARCH_OPERATORS;
            }
            return undefined;
        },
    };
}

export function listUsers(ctx: RequestContext, store: OrgStore): RouteResult {
    const filter = nonEmpty(ctx.query.get("filter"));
    const search = nonEmpty(ctx.query.get("search"));
    const q = ctx.query.get("q");
    if (filter !== undefined && (search !== undefined || q !== null)) {
        throw searchWithFilter();
    }
    if (search !== undefined) {
        return searchUsers(ctx, store, search);
    }
    if (q !== null) {
        return quickSearch(ctx, store, q);
    }
    const include = filter === undefined ? (u: UserRecord) => u.status !== "DEPROVISIONED" : compile(filter, FILTER_RULES);
    const limit = pageLimit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    const page = store.users.page({ after: nonEmpty(ctx.query.get("after")), limit, include });
    assertKnownCursor(page);
    return respond(ctx, page, limit, ["filter"]);
}

function searchUsers(ctx: RequestContext, store: OrgStore, search: string): RouteResult {
    const rules = searchRules(store);
    const matches = compile(search, rules);
    const sortBy = nonEmpty(ctx.query.get("sortBy"));
    if (sortBy !== undefined && !rules.operatorsFor(sortBy)) {
        throw invalidSearch(`sortBy: '${sortBy}' is not a sortable property`);
    }
    const descending = sortBy !== undefined && ctx.query.get("sortOrder")?.toLowerCase() === "desc";
    const found = [...store.users.values()].filter(matches).sort(comparator(sortBy, descending));
    const limit = pageLimit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    const start = startAfter(found, nonEmpty(ctx.query.get("after")), sortBy !== undefined);
    const items = found.slice(start, start + limit);
    const page: Page<UserRecord> = { items, nextCursor: start + limit < found.length ? items[items.length - 1].id : undefined };
    const kept = sortBy === undefined ? ["search"] : ["search", "sortBy", "sortOrder"];
    return respond(ctx, page, limit, kept);
}

function quickSearch(ctx: RequestContext, store: OrgStore, q: string): RouteResult {
    const prefix = q.toLowerCase();
    const startsWith = (value: unknown) => typeof value === "string" && value.toLowerCase().startsWith(prefix);
    const limit = pageLimit(ctx, Q_DEFAULT_LIMIT, MAX_LIMIT);
    const page = store.users.page({
        limit,
        include: (u) =>
            u.status !== "DEPROVISIONED" && (startsWith(u.profile.firstName) || startsWith(u.profile.lastName) || startsWith(u.profile.email)),
    })!;
    // `q` results are not paged: never a next link.
    return respond(ctx, { items: page.items }, limit, ["q"]);
}

/** The page as Okta sends it, with Link headers that repeat only the parameters that shaped the result. */
function respond(ctx: RequestContext, page: Page<UserRecord>, limit: number, kept: string[]): RouteResult {
    const query = new URLSearchParams();
    for (const name of ["after", ...kept]) {
        const value = ctx.query.get(name);
        if (value !== null && value !== "") {
            query.set(name, value);
        }
    }
    const links = linkHeaders({ ...ctx, query }, limit, page);
    return ok(
        page.items.map((user) => userSummaryResource(ctx, user)),
        { Link: links },
    );
}

function compile(expression: string, rules: FilterRules): (user: UserRecord) => boolean {
    try {
        return compileFilter(expression, rules);
    } catch (err) {
        if (err instanceof FilterSyntaxError) {
            throw invalidSearch(err.message);
        }
        throw err;
    }
}

/** Sorts by one property (missing values last), ties by id; without `sortBy`, by id (Okta's search order). */
function comparator(sortBy: string | undefined, descending: boolean): (a: UserRecord, b: UserRecord) => number {
    const byId = (a: UserRecord, b: UserRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (sortBy === undefined) {
        return byId;
    }
    const direction = descending ? -1 : 1;
    return (a, b) => {
        const order = compareValues(sortKey(a, sortBy), sortKey(b, sortBy));
        return (order === 0 ? byId(a, b) : order) * direction;
    };
}

function sortKey(user: UserRecord, attribute: string): string | number | boolean | undefined {
    const value = attributeValue(user, attribute);
    // An array attribute sorts by its first element.
    return scalarKey(Array.isArray(value) ? value[0] : value);
}

function scalarKey(value: unknown): string | number | boolean | undefined {
    if (typeof value === "string") {
        return value.toLowerCase();
    }
    return typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

function compareValues(a: string | number | boolean | undefined, b: string | number | boolean | undefined): number {
    if (a === b) {
        return 0;
    }
    if (a === undefined) {
        return 1;
    }
    if (b === undefined) {
        return -1;
    }
    if (typeof a !== typeof b) {
        return String(a) < String(b) ? -1 : 1;
    }
    return a < b ? -1 : 1;
}

/** Index of the first result after the cursor (a user id). In id order a vanished cursor still has a place. */
function startAfter(found: UserRecord[], after: string | undefined, sorted: boolean): number {
    if (after === undefined) {
        return 0;
    }
    const index = found.findIndex((u) => u.id === after);
    if (index >= 0) {
        return index + 1;
    }
    if (sorted) {
        throw unknownCursor();
    }
    const next = found.findIndex((u) => u.id > after);
    return next < 0 ? found.length : next;
}

function nonEmpty(value: string | null): string | undefined {
    return value === null || value === "" ? undefined : value;
}
