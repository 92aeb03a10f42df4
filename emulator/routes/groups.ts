import { forbidden, invalidPaging, invalidSearch, notFound, validationFailed } from "../errors";
import { jsonBody, noContent, ok, type RequestContext } from "../http";
import { linkHeaders, pageLimit } from "../paging";
import type { Router } from "../router";
import type { GroupRecord, OrgStore } from "../store";
import { logTarget } from "../system-log";
import { oktaTimestamp } from "../time";

const LIST_DEFAULT_LIMIT = 200;
const LIST_MAX_LIMIT = 10000;
/** `q` searches are not paged: Okta answers with one page and no Link header (recorded traffic). */
const SEARCH_DEFAULT_LIMIT = 300;

export function registerGroupRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/groups", (ctx) => listGroups(ctx, store))
        .on("POST", "/api/v1/groups", (ctx) => createGroup(ctx, store))
        .on("GET", "/api/v1/groups/:groupId", (ctx) => ok(groupResource(ctx, findGroup(store, ctx.params.groupId))))
        .on("PUT", "/api/v1/groups/:groupId", (ctx) => replaceGroup(ctx, store))
        .on("DELETE", "/api/v1/groups/:groupId", (ctx) => deleteGroup(ctx, store));
}

/** The wire form of a group, with the `_links` Okta adds. */
export function groupResource(ctx: RequestContext, group: GroupRecord): Record<string, unknown> {
    const self = `${ctx.baseUrl}/api/v1/groups/${group.id}`;
    return {
        ...group,
        _links: {
            logo: [
                { name: "medium", href: `${ctx.baseUrl}/assets/img/logos/groups/okta-medium.png`, type: "image/png" },
                { name: "large", href: `${ctx.baseUrl}/assets/img/logos/groups/okta-large.png`, type: "image/png" },
            ],
            users: { href: `${self}/users` },
            apps: { href: `${self}/apps` },
        },
    };
}

function findGroup(store: OrgStore, id: string): GroupRecord {
    const group = store.groups.get(id);
    if (!group) {
        throw notFound(id, "UserGroup");
    }
    return group;
}

function listGroups(ctx: RequestContext, store: OrgStore) {
    for (const unsupported of ["filter", "search", "expand"]) {
        if (ctx.query.has(unsupported)) {
            throw invalidSearch(`The emulator does not support '${unsupported}' on /api/v1/groups yet`);
        }
    }
    const q = ctx.query.get("q");
    if (q !== null) {
        const needle = q.toLowerCase();
        const limit = pageLimit(ctx, SEARCH_DEFAULT_LIMIT, LIST_MAX_LIMIT);
        const page = store.groups.page({ limit, include: (g) => g.profile.name.toLowerCase().startsWith(needle) })!;
        return ok(page.items.map((g) => groupResource(ctx, g)));
    }
    const limit = pageLimit(ctx, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);
    const page = store.groups.page({ after: ctx.query.get("after") ?? undefined, limit });
    if (!page) {
        throw invalidPaging(`after: unknown cursor`);
    }
    return ok(
        page.items.map((g) => groupResource(ctx, g)),
        { Link: linkHeaders(ctx, limit, page) },
    );
}

function createGroup(ctx: RequestContext, store: OrgStore) {
    const profile = groupProfile(jsonBody(ctx));
    assertNameUnique(store, profile.name);
    const group = store.addGroup({ profile });
    store.log.append(
        {
            eventType: "group.lifecycle.create",
            displayMessage: "Create Okta group",
            target: [logTarget("UserGroup", group.id, "unknown", group.profile.name)],
        },
        ctx,
    );
    return ok(groupResource(ctx, group));
}

function replaceGroup(ctx: RequestContext, store: OrgStore) {
    const group = findGroup(store, ctx.params.groupId);
    if (group.type !== "OKTA_GROUP") {
        // Only groups managed in Okta can change; Everyone (BUILT_IN) and imported APP_GROUPs cannot.
        throw forbidden();
    }
    const profile = groupProfile(jsonBody(ctx));
    assertNameUnique(store, profile.name, group.id);
    group.profile = profile;
    group.lastUpdated = oktaTimestamp();
    store.log.append(
        {
            eventType: "group.profile.update",
            displayMessage: "Okta group profile updated",
            target: [logTarget("UserGroup", group.id, "unknown", group.profile.name)],
        },
        ctx,
    );
    return ok(groupResource(ctx, group));
}

function deleteGroup(ctx: RequestContext, store: OrgStore) {
    const group = findGroup(store, ctx.params.groupId);
    if (group.type === "BUILT_IN") {
        throw forbidden();
    }
    store.groups.delete(group.id);
    store.log.append(
        {
            eventType: "group.lifecycle.delete",
            displayMessage: "Delete Okta group",
            target: [logTarget("UserGroup", group.id, "unknown", group.profile.name)],
        },
        ctx,
    );
    return noContent();
}

/** Validates `{ profile: { name, description, ...custom } }` with Okta's E0000001 causes. */
function groupProfile(body: Record<string, unknown>): GroupRecord["profile"] {
    const profile = body.profile;
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
        throw validationFailed("profile", ["profile: The field cannot be left blank"]);
    }
    const { name, description, ...custom } = profile as Record<string, unknown>;
    const causes: string[] = [];
    if (typeof name !== "string" || name.trim() === "") {
        causes.push("name: The field cannot be left blank");
    } else if (name.length > 255) {
        causes.push("name: The field cannot exceed 255 characters");
    }
    if (description !== undefined && description !== null && typeof description !== "string") {
        causes.push("description: The field must be a string");
    } else if (typeof description === "string" && description.length > 1024) {
        causes.push("description: The field cannot exceed 1024 characters");
    }
    for (const [key, value] of Object.entries(custom)) {
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            causes.push(`${key}: Property value must be a scalar or an array`);
        }
    }
    if (causes.length > 0) {
        throw validationFailed(causes[0].split(":")[0], causes);
    }
    return { name: name as string, description: (description as string | null | undefined) ?? null, ...custom };
}

function assertNameUnique(store: OrgStore, name: string, exceptId?: string): void {
    const clash = store.groups.find((g) => g.id !== exceptId && g.type === "OKTA_GROUP" && g.profile.name === name);
    if (clash) {
        throw validationFailed("name", ["name: An object with this field already exists in the current organization"]);
    }
}
