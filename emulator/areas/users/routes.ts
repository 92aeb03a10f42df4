import { expireOnCreateNeedsActivation, expireOnCreateNeedsPassword, notFound, tooManyTargets, validationFailed } from "../../platform/errors";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { appLinkHref } from "../apps/model";
import { findUser, insertUser, purgeUser, reindexLogin } from "./directory";
import { canSignInWithoutActivation, nextStatus } from "./lifecycle";
import { newUserId, type UserCredentials, type UserRecord, type UserStatus } from "./model";
import { linkHeaders, pageLimit } from "../../platform/paging";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import type { GroupRecord } from "../groups/model";
import { logTarget } from "../logs/system-log";
import { oktaTimestamp } from "../../platform/time";
import { groupResource } from "../groups/routes";
import { applyCredentials, checkedProfile, checkRealmDomains, logUserEvent, resolveRealm, resolveUserType, userTarget } from "./changes";
import { providerTypeOf, queryFlag, readUserInput, type UserInput } from "./input";
import { listUsers } from "./listing";
import { userETag, userResource } from "./resource";

export { credentialsResource, userResource, userSummaryResource } from "./resource";

/**
 * `/api/v1/users`: create, read (by id, login or shortname), list, partial update (POST), replace (PUT), two-step
 * delete, and a user's groups, app links and sessions. Lifecycle, credential and factor operations have their own
 * modules.
 */

/** How many `groupIds` a create may name before Okta answers E0000093 (Okta does not publish its limit). */
export const MAX_GROUP_IDS_ON_CREATE = 100;

const GROUPS_DEFAULT_LIMIT = 200;
const GROUPS_MAX_LIMIT = 10000;

export function registerUserRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/users", (ctx) => listUsers(ctx, store))
        .on("POST", "/api/v1/users", (ctx) => createUser(ctx, store))
        .on("GET", "/api/v1/users/:id", (ctx) => getUser(ctx, store))
        .on("POST", "/api/v1/users/:id", (ctx) => updateUser(ctx, store, "partial"))
        .on("PUT", "/api/v1/users/:id", (ctx) => updateUser(ctx, store, "replace"))
        .on("DELETE", "/api/v1/users/:id", (ctx) => deleteUser(ctx, store))
        .on("GET", "/api/v1/users/:id/groups", (ctx) => listUserGroups(ctx, store))
        .on("GET", "/api/v1/users/:id/appLinks", (ctx) => listAppLinks(ctx, store))
        .on("DELETE", "/api/v1/users/:id/sessions", (ctx) => clearSessions(ctx, store));
}

/** The user named by a path parameter (id, login or shortname), or Okta's 404. */
export function requireUser(store: OrgStore, idOrLogin: string): UserRecord {
    const user = findUser(store, idOrLogin);
    if (!user) {
        throw notFound(idOrLogin, "User");
    }
    return user;
}

function getUser(ctx: RequestContext, store: OrgStore) {
    const user = ctx.params.id === "me" ? currentUser(ctx, store) : requireUser(store, ctx.params.id);
    const body = userResource(ctx, user);
    return ok(body, { ETag: userETag(body) });
}

/**
 * `me`: the user the credential acts for, the owner of an API token or the user who signed in for an access token
 * (docs/okta/users.md#current-user); a client acting for itself has none.
 */
function currentUser(ctx: RequestContext, store: OrgStore): UserRecord {
    const principal = ctx.principal;
    const user =
        principal?.kind === "apiToken" ? store.tokenOwner(principal.token)
        : principal?.userId !== undefined ? store.users.get(principal.userId)
        : undefined;
    if (!user) {
        throw notFound("me", "User");
    }
    return user;
}

function createUser(ctx: RequestContext, store: OrgStore) {
    const input = readUserInput(ctx, true);
    const activate = queryFlag(ctx, "activate", true);
    const expirePassword = nextLoginChangesPassword(ctx);
    const hasPassword = input.credentials?.password?.value !== undefined || input.credentials?.password?.hash !== undefined;
    if (expirePassword && !hasPassword) {
        throw expireOnCreateNeedsPassword();
    }
    if (expirePassword && !activate) {
        throw expireOnCreateNeedsActivation();
    }
    if (input.profile === undefined) {
        throw validationFailed("newUser", ["profile: The field cannot be left blank"]);
    }
    const groups = groupsToJoin(store, input.groupIds ?? []);
    const type = resolveUserType(store, input.type?.id);
    const realm = resolveRealm(store, input.realmId);
    const profile = checkedProfile(store, input.profile, "newUser");
    checkRealmDomains(realm, profile);
    const credentials = initialCredentials(ctx, input);
    const now = oktaTimestamp();
    const user: UserRecord = {
        id: newUserId(),
        status: "STAGED",
        created: now,
        activated: null,
        statusChanged: null,
        lastLogin: null,
        lastUpdated: now,
        passwordChanged: null,
        realmId: realm.id,
        type: { id: type.id },
        profile,
        credentials,
    };
    if (applyCredentials(credentials, input.credentials, profile, true)) {
        user.passwordChanged = now;
    }
    if (activate) {
        const status: UserStatus = expirePassword ? "PASSWORD_EXPIRED" : canSignInWithoutActivation(user) ? "ACTIVE" : "PROVISIONED";
        Object.assign(user, { status, activated: now, statusChanged: now });
    }
    insertUser(store, user);
    logUserEvent(store, ctx, "user.lifecycle.create", "Create Okta user", user);
    if (activate) {
        logUserEvent(store, ctx, "user.lifecycle.activate", "Activate Okta user", user);
    }
    for (const group of groups) {
        store.memberships.add(group.id, user.id);
        logUserEvent(store, ctx, "group.user_membership.add", "Add user to group membership", user, [groupTarget(group)]);
    }
    return ok(userResource(ctx, user));
}

function nextLoginChangesPassword(ctx: RequestContext): boolean {
    const nextLogin = ctx.query.get("nextLogin");
    if (nextLogin === null || nextLogin === "") {
        return false;
    }
    if (nextLogin !== "changePassword") {
        throw validationFailed("nextLogin", [`nextLogin: '${nextLogin}' is not a valid value; the only one is 'changePassword'`]);
    }
    return true;
}

/** Credentials before any password is applied: the provider, checked against what it allows. */
function initialCredentials(ctx: RequestContext, input: UserInput): UserCredentials {
    if (!queryFlag(ctx, "provider", false)) {
        return { provider: { type: "OKTA", name: "OKTA" } };
    }
    const type = providerTypeOf(input.credentials?.provider?.type);
    if ((type === "FEDERATION" || type === "SOCIAL") && (input.credentials?.password || input.credentials?.recovery_question)) {
        throw validationFailed("credentials", [`credentials: A ${type} provider does not support a password or recovery question`]);
    }
    return { provider: { type, name: input.credentials?.provider?.name ?? type } };
}

/** The groups of `groupIds`: each an existing group whose members Okta manages (OKTA_GROUP). */
function groupsToJoin(store: OrgStore, groupIds: string[]): GroupRecord[] {
    if (groupIds.length > MAX_GROUP_IDS_ON_CREATE) {
        throw tooManyTargets();
    }
    const causes: string[] = [];
    const groups: GroupRecord[] = [];
    for (const id of new Set(groupIds)) {
        const group = store.groups.get(id);
        if (!group) {
            causes.push(`groupIds: Group '${id}' does not exist`);
        } else if (group.type !== "OKTA_GROUP") {
            causes.push(`groupIds: Members of group '${id}' (${group.type}) are not managed in Okta`);
        } else {
            groups.push(group);
        }
    }
    if (causes.length > 0) {
        throw validationFailed("groupIds", causes);
    }
    return groups;
}

/**
 * POST is a partial update (profile attributes merge; null removes one); PUT replaces the profile when one is given
 * and is the only way to change the user type.
 */
function updateUser(ctx: RequestContext, store: OrgStore, mode: "partial" | "replace") {
    const user = requireUser(store, ctx.params.id);
    if (user.status === "DEPROVISIONED") {
        // Without "Edit Deactivated User Profile Updates", Okta answers as if the user were gone (okta-sdk-java#721).
        throw notFound(ctx.params.id, "User");
    }
    const input = readUserInput(ctx, false);
    if (mode === "partial" && input.type?.id !== undefined && input.type.id !== user.type.id) {
        throw validationFailed("type", ["type: The user type can only be changed with a full replacement (PUT)"]);
    }
    const type = input.type?.id === undefined ? undefined : resolveUserType(store, input.type.id);
    const realm = input.realmId === undefined ? undefined : resolveRealm(store, input.realmId);
    const previousLogin = user.profile.login;
    const profile = input.profile === undefined ? user.profile : checkedProfile(store, nextProfile(user, input.profile, mode), "user", user.id);
    if (input.profile !== undefined || realm) {
        checkRealmDomains(realm ?? resolveRealm(store, user.realmId), profile);
    }
    const credentials: UserCredentials = { ...user.credentials };
    const passwordChanged = applyCredentials(credentials, input.credentials, profile, user.status === "STAGED");

    const now = oktaTimestamp();
    user.profile = profile;
    user.credentials = credentials;
    if (type) {
        user.type = { id: type.id };
    }
    if (realm) {
        user.realmId = realm.id;
    }
    if (input.profile !== undefined || type || realm || input.credentials?.recovery_question) {
        user.lastUpdated = now;
    }
    reindexLogin(store, user, previousLogin);
    if (passwordChanged) {
        user.passwordChanged = now;
        if (user.status === "PASSWORD_EXPIRED" || user.status === "RECOVERY" || user.status === "PROVISIONED") {
            // An administrator setting a password completes the expiry, the recovery or the pending activation (Okta's
            // user status diagram: PROVISIONED -> ACTIVE once the password is set).
            Object.assign(user, { status: "ACTIVE", statusChanged: now, lastUpdated: now });
        }
        logUserEvent(store, ctx, "user.account.update_password", "Update password for Okta user", user);
    }
    if (input.profile !== undefined) {
        logUserEvent(store, ctx, "user.account.update_profile", "Update user profile for Okta", user);
    }
    return ok(userResource(ctx, user));
}

function nextProfile(user: UserRecord, changes: Record<string, unknown>, mode: "partial" | "replace"): Record<string, unknown> {
    return mode === "replace" ? { ...changes } : { ...user.profile, ...changes };
}

/** The first DELETE deactivates; a DELETE on a deactivated user deletes it for good (docs/okta/users.md#delete). */
function deleteUser(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    if (user.status !== "DEPROVISIONED") {
        deactivate(store, ctx, user);
        return noContent();
    }
    purgeUser(store, user);
    logUserEvent(store, ctx, "user.lifecycle.delete.initiated", "Delete Okta user", user);
    logUserEvent(store, ctx, "user.lifecycle.delete.completed", "Delete Okta user completed", user);
    return noContent();
}

/** Deactivation, shared by the lifecycle operation and the first DELETE. */
export function deactivate(store: OrgStore, ctx: RequestContext, user: UserRecord): void {
    const status = nextStatus("deactivate", user);
    const now = oktaTimestamp();
    Object.assign(user, { status, statusChanged: now, lastUpdated: now });
    logUserEvent(store, ctx, "user.lifecycle.deactivate", "Deactivate Okta user", user);
}

function listUserGroups(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const limit = pageLimit(ctx, GROUPS_DEFAULT_LIMIT, GROUPS_MAX_LIMIT);
    const groupIds = store.memberships.groupsOf(user.id).filter((id) => store.groups.get(id));
    const after = ctx.query.get("after");
    const start = after ? groupIds.indexOf(after) + 1 : 0;
    const ids = groupIds.slice(start, start + limit);
    const page = { items: ids, nextCursor: start + limit < groupIds.length ? ids[ids.length - 1] : undefined };
    return ok(
        ids.map((id) => groupResource(ctx, store.groups.get(id)!)),
        { Link: linkHeaders(ctx, limit, page) },
    );
}

/** Links to the active apps the user is assigned to (SPEC AssignedAppLink). */
function listAppLinks(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const links: Record<string, unknown>[] = [];
    for (const [appId, assignments] of store.appUsers) {
        const app = store.apps.get(appId);
        const assignment = assignments.get(user.id);
        if (!app || !assignment || app.status !== "ACTIVE") {
            continue;
        }
        links.push({
            id: user.id,
            label: app.label,
            linkUrl: appLinkHref(ctx.baseUrl, app, app.appLinks[0]),
            logoUrl: `${ctx.baseUrl}/assets/img/logos/default.png`,
            appName: app.name,
            appInstanceId: app.id,
            appAssignmentId: assignment.assignmentId,
            credentialsSetup: false,
            hidden: app.visibility.hide.web,
            sortOrder: links.length,
        });
    }
    return ok(links);
}

/**
 * `DELETE /users/{id}/sessions`: 204; `oauthTokens=true` also revokes the user's tokens (docs/okta/users.md#sessions).
 */
function clearSessions(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const oauthTokens = queryFlag(ctx, "oauthTokens", false);
    const forgetDevices = queryFlag(ctx, "forgetDevices", true);
    store.log.append(
        {
            eventType: "user.session.clear",
            displayMessage: "Clear user session",
            target: [userTarget(user)],
            debugData: { revokeOauthTokens: oauthTokens, forgetDevices },
        },
        ctx,
    );
    return noContent();
}

function groupTarget(group: GroupRecord) {
    return logTarget("UserGroup", group.id, "unknown", group.profile.name);
}
