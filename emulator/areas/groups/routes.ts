import { forbidden, notFound, validationFailed } from "../../platform/errors";
import { logGroupCreated, logGroupDeleted, logGroupProfileUpdated } from "./events";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import { isStorableText, notTextCause } from "../../platform/text";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import type { GroupRecord } from "./model";
import { oktaTimestamp } from "../../platform/time";
import { listGroups } from "./listing";
import { addMember, listMembers, removeMember } from "./member-routes";
import { groupEmbedded, groupExpansions, groupResource } from "./resource";

export { groupResource } from "./resource";

export function registerGroupRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/groups", (ctx) => listGroups(ctx, store))
        .on("POST", "/api/v1/groups", (ctx) => createGroup(ctx, store))
        .on("GET", "/api/v1/groups/:groupId", (ctx) => getGroup(ctx, store))
        .on("PUT", "/api/v1/groups/:groupId", (ctx) => replaceGroup(ctx, store))
        .on("DELETE", "/api/v1/groups/:groupId", (ctx) => deleteGroup(ctx, store))
        .on("GET", "/api/v1/groups/:groupId/users", (ctx) => listMembers(ctx, store, findGroup(store, ctx.params.groupId)))
        .on("PUT", "/api/v1/groups/:groupId/users/:userId", (ctx) => addMember(ctx, store, findGroup(store, ctx.params.groupId)))
        .on("DELETE", "/api/v1/groups/:groupId/users/:userId", (ctx) =>
            removeMember(ctx, store, findGroup(store, ctx.params.groupId)),
        );
}

function findGroup(store: OrgStore, id: string): GroupRecord {
    const group = store.groups.get(id);
    if (!group) {
        throw notFound(id, "UserGroup");
    }
    return group;
}

function getGroup(ctx: RequestContext, store: OrgStore) {
    const group = findGroup(store, ctx.params.groupId);
    return ok(groupResource(ctx, group, groupEmbedded(store, group, groupExpansions(ctx))));
}

function createGroup(ctx: RequestContext, store: OrgStore) {
    const profile = groupProfile(jsonBody(ctx));
    assertNameUnique(store, profile.name);
    const group = store.addGroup({ profile });
    logGroupCreated(store.log, ctx, group);
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
    const before = group.profile;
    group.profile = profile;
    group.lastUpdated = oktaTimestamp();
    logGroupProfileUpdated(store.log, ctx, group, before);
    return ok(groupResource(ctx, group));
}

function deleteGroup(ctx: RequestContext, store: OrgStore) {
    const group = findGroup(store, ctx.params.groupId);
    if (group.type === "BUILT_IN") {
        throw forbidden();
    }
    store.groups.delete(group.id);
    store.memberships.removeGroup(group.id);
    logGroupDeleted(store.log, ctx, group);
    return noContent();
}

/** Read-only group properties a client may send back unchanged (e.g. a fetched group); Okta ignores them. */
const READ_ONLY = new Set(["id", "created", "lastUpdated", "lastMembershipUpdated", "objectClass", "type", "_links", "_embedded"]);
/** The default group profile schema; custom attributes need a group schema the emulator does not model. */
const PROFILE_ATTRIBUTES = new Set(["name", "description"]);

/** Validates `{ profile: { name, description } }` with Okta's E0000001 causes. */
function groupProfile(body: Record<string, unknown>): GroupRecord["profile"] {
    const causes: string[] = [];
    for (const key of Object.keys(body)) {
        if (key !== "profile" && !READ_ONLY.has(key)) {
            causes.push(`Property name '${key}' is not defined in group`);
        }
    }
    const profile = body.profile;
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
        throw validationFailed("profile", [...causes, "profile: The field cannot be left blank"]);
    }
    const { name, description } = profile as Record<string, unknown>;
    for (const key of Object.keys(profile)) {
        if (!PROFILE_ATTRIBUTES.has(key)) {
            causes.push(`Property name '${key}' is not defined in profile`);
        }
    }
    if (typeof name !== "string" || name.trim() === "") {
        causes.push("name: The field cannot be left blank");
    } else if (name.length > 255) {
        causes.push("name: The field cannot exceed 255 characters");
    } else if (!isStorableText(name)) {
        causes.push(notTextCause("name"));
    }
    if (description !== undefined && description !== null && typeof description !== "string") {
        causes.push("description: The field must be a string");
    } else if (typeof description === "string" && description.length > 1024) {
        causes.push("description: The field cannot exceed 1024 characters");
    } else if (typeof description === "string" && !isStorableText(description)) {
        causes.push(notTextCause("description"));
    }
    if (causes.length > 0) {
        throw validationFailed(fieldOf(causes[0]), causes);
    }
    // Without a description Okta's profile has none (the spec's GroupProfile has no null description).
    return { name: name as string, ...(typeof description === "string" ? { description } : {}) };
}

function fieldOf(cause: string): string {
    return /^Property name/.test(cause) ? "profile" : cause.split(":")[0];
}

function assertNameUnique(store: OrgStore, name: string, exceptId?: string): void {
    const clash = store.groups.find((g) => g.id !== exceptId && g.type === "OKTA_GROUP" && g.profile.name === name);
    if (clash) {
        throw validationFailed("name", ["name: An object with this field already exists in the current organization"]);
    }
}
