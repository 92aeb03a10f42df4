/**
 * Applications (seeded): `GET /api/v1/apps/{id}` and `GET /api/v1/apps` with `q`, `filter`, `expand=user/{id}`,
 * `includeNonDeleted`, `useOptimization`, `limit` and `after` (spec listApplications;
 * docs/okta/filters.md#apps, docs/okta/apps.md#apps).
 */
import { invalidParameterCombination } from "../../platform/errors";
import { ok, type RequestContext } from "../../platform/http";
import type { AppRecord } from "./model";
import { assertKnownCursor, linkHeaders, pageLimit } from "../../platform/paging";
import { compileQueryParameter } from "../../platform/query/compile";
import { parseFilter, type FilterNode, type FilterRules } from "../../platform/query/filter";
import { booleanParam } from "../../platform/query/params";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { appResource, appUserResource } from "./resource";
import { registerAppUserRoutes } from "./assignment-routes";
import { findApp } from "../../org/lookup";

/** Okta's default is -1 ("no limit given"), its maximum 200. */
const LIST_MAX_LIMIT = 200;

/** `filter` attributes (spec), plus `user.id`/`group.id`: apps assigned to a user or group. */
const FILTER_ATTRIBUTES = ["id", "status", "name", "credentials.signing.kid", "settings.slo.enabled", "user.id", "group.id"];
const FILTER_RULES: FilterRules = {
    operatorsFor: (attribute) => (FILTER_ATTRIBUTES.includes(attribute) ? ["eq"] : undefined),
    caseInsensitive: false,
};

export function registerAppRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/apps", (ctx) => listApps(ctx, store))
        .on("GET", "/api/v1/apps/:appId", (ctx) => getApp(ctx, store));
    registerAppUserRoutes(router, store);
}

function getApp(ctx: RequestContext, store: OrgStore) {
    const app = findApp(store, ctx.params.appId);
    const userId = expandedUserId(ctx);
    return ok(appResource(ctx, app, { embeddedUser: userId ? embeddedAssignment(ctx, store, app, userId) : undefined }));
}

function listApps(ctx: RequestContext, store: OrgStore) {
    // Accepted for compatibility: the emulator lists ACTIVE and INACTIVE apps either way (as Okta does,
    // okta/okta-cli#61) and never DELETED ones.
    booleanParam(ctx, "includeNonDeleted", false);
    booleanParam(ctx, "alwaysIncludeVpnSettings", false);
    const optimized = booleanParam(ctx, "useOptimization", false);
    const limit = ctx.query.get("limit") === "-1" ? LIST_MAX_LIMIT : pageLimit(ctx, LIST_MAX_LIMIT, LIST_MAX_LIMIT);
    const filter = ctx.query.get("filter");
    const compiled = filter !== null ? compileQueryParameter("filter", filter, FILTER_RULES) : undefined;
    const matches = (app: AppRecord) => compiled === undefined || compiled(filterView(store, app));
    const needle = ctx.query.get("q")?.toLowerCase();
    const userId = expandedUserId(ctx);
    if (userId !== undefined && !(filter !== null && filtersOnUser(parseFilter(filter), userId))) {
        throw invalidParameterCombination(`expand=user/${userId} needs filter=user.id eq "${userId}"`);
    }
    const page = store.apps.page({
        after: ctx.query.get("after") ?? undefined,
        limit,
        include: (app) =>
            app.status !== "DELETED" &&
            (needle === undefined || app.name.toLowerCase().startsWith(needle) || app.label.toLowerCase().startsWith(needle)) &&
            matches(app),
    });
    assertKnownCursor(page);
    const items = page.items.map((app) =>
        appResource(ctx, app, { optimized, embeddedUser: userId ? embeddedAssignment(ctx, store, app, userId) : undefined }),
    );
    return ok(items, { Link: linkHeaders(ctx, limit, page) });
}

/** The app as `filter` sees it: `user.id` and `group.id` hold the ids assigned to it. */
function filterView(store: OrgStore, app: AppRecord): unknown {
    const assigned = store.appUsers.get(app.id);
    return { ...app, user: { id: assigned ? [...assigned.values()].map((a) => a.id) : [] }, group: { id: [] } };
}

/** `expand=user/{userId}`; other expansions are ignored. */
function expandedUserId(ctx: RequestContext): string | undefined {
    const match = /^user\/(.+)$/.exec(ctx.query.get("expand") ?? "");
    return match?.[1];
}

function filtersOnUser(node: FilterNode, userId: string): boolean {
    switch (node.kind) {
        case "compare":
            return node.attribute === "user.id" && node.operator === "eq" && node.value === userId;
        case "and":
            return filtersOnUser(node.left, userId) || filtersOnUser(node.right, userId);
        default:
            return false;
    }
}

function embeddedAssignment(ctx: RequestContext, store: OrgStore, app: AppRecord, userId: string) {
    const assignment = store.appUsers.get(app.id)?.get(userId);
    return assignment ? appUserResource(ctx, assignment) : undefined;
}
