/**
 * `GET /api/v1/groups`: `q` (name prefix, one unpaged page), `filter` (few attributes, exact), `search` (any
 * attribute, case-insensitive, sortable), `expand`, `limit` and `after` (spec listGroups;
 * docs/okta/filters.md#groups, docs/okta/pagination.md#page-sizes).
 */
import type { Page } from "../../platform/collection";
import { invalidSearch, searchWithFilter } from "../../platform/errors";
import { ok, type RequestContext } from "../../platform/http";
import { assertKnownCursor, linkHeaders, pageLimit } from "../../platform/paging";
import { compileQueryParameter } from "../../platform/query/compile";
import type { FilterRules, Operator } from "../../platform/query/filter";
import { sortedPage } from "../../platform/query/sorted-page";
import type { OrgStore } from "../../org/store";
import type { GroupRecord } from "./model";
import { groupEmbedded, groupExpansions, groupResource } from "./resource";

const LIST_DEFAULT_LIMIT = 200;
const LIST_MAX_LIMIT = 10000;
/** `q` searches are not paged: Okta answers with one page and no Link header (recorded traffic). */
const Q_DEFAULT_LIMIT = 300;

const DATES = ["created", "lastUpdated", "lastMembershipUpdated"];
const ORDERED: readonly Operator[] = ["eq", "gt", "ge", "lt", "le"];

/** `filter`: only `id`, `type`, `lastUpdated`, `lastMembershipUpdated`; values compared exactly. */
const FILTER_RULES: FilterRules = {
    operatorsFor: (attribute) =>
        attribute === "id" || attribute === "type"
            ? ["eq"]
            : attribute === "lastUpdated" || attribute === "lastMembershipUpdated"
              ? ORDERED
              : undefined,
    caseInsensitive: false,
};

/**
 * `search`: every property but `_embedded`, `_links` and `objectClass`; `sw`, `eq`, and `co` only on the name and
 * description; dates also ordered. Case-insensitive.
 */
const SEARCH_RULES: FilterRules = {
    operatorsFor(attribute) {
        if (DATES.includes(attribute)) {
            return [...ORDERED, "pr"];
        }
        if (attribute === "profile.name" || attribute === "profile.description") {
            return ["eq", "sw", "co", "pr"];
        }
        if (attribute === "id" || attribute === "type" || attribute === "source.id" || /^profile\.\w+$/.test(attribute)) {
            return ["eq", "sw", "pr"];
        }
        return undefined;
    },
    caseInsensitive: true,
};

export function listGroups(ctx: RequestContext, store: OrgStore) {
    const q = ctx.query.get("q");
    const filter = ctx.query.get("filter");
    const search = ctx.query.get("search");
    if (search !== null && (filter !== null || q !== null)) {
        throw searchWithFilter();
    }
    const expansions = groupExpansions(ctx);
    const render = (group: GroupRecord) => groupResource(ctx, group, groupEmbedded(store, group, expansions));
    const filterMatches = filter !== null ? compileQueryParameter("filter", filter, FILTER_RULES) : () => true;

    if (q !== null) {
        const needle = q.toLowerCase();
        const limit = pageLimit(ctx, Q_DEFAULT_LIMIT, LIST_MAX_LIMIT);
        const page = store.groups.page({
            limit,
            include: (g) => g.profile.name.toLowerCase().startsWith(needle) && filterMatches(g),
        })!;
        return ok(page.items.map(render));
    }

    const limit = pageLimit(ctx, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);
    const page = search !== null ? searchPage(ctx, store, search, limit) : pageInCreationOrder(ctx, store, limit, filterMatches);
    assertKnownCursor(page);
    return ok(page.items.map(render), { Link: linkHeaders(ctx, limit, page) });
}

function pageInCreationOrder(ctx: RequestContext, store: OrgStore, limit: number, include: (g: GroupRecord) => boolean) {
    return store.groups.page({ after: ctx.query.get("after") ?? undefined, limit, include });
}

function searchPage(ctx: RequestContext, store: OrgStore, search: string, limit: number): Page<GroupRecord> | undefined {
    const matches = compileQueryParameter("search", search, SEARCH_RULES);
    const sortBy = ctx.query.get("sortBy");
    const sortOrder = (ctx.query.get("sortOrder") ?? "asc").toLowerCase();
    if (sortOrder !== "asc" && sortOrder !== "desc") {
        throw invalidSearch(`sortOrder: '${ctx.query.get("sortOrder")}' must be asc or desc`);
    }
    if (sortBy === null || sortBy === "") {
        return pageInCreationOrder(ctx, store, limit, matches);
    }
    if (SEARCH_RULES.operatorsFor(sortBy) === undefined) {
        throw invalidSearch(`sortBy: '${sortBy}' is not a sortable property`);
    }
    const found = [...store.groups.values()].filter(matches);
    return sortedPage(found, { attribute: sortBy, descending: sortOrder === "desc" }, ctx.query.get("after") ?? undefined, limit);
}
