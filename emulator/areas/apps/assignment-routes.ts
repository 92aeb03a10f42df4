/**
 * App user assignments: `GET/POST /api/v1/apps/{appId}/users` and `GET/POST/DELETE …/users/{userId}` (spec
 * ApplicationUsers; docs/okta/apps.md#app-users; recorded traffic in TestAccDataSourceOktaAppUserAssignments_read).
 */
import { newOktaId } from "../../platform/collection";
import { alreadyAssigned, notFound } from "../../platform/errors";
import { logAppUserEvent } from "./events";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import { assignmentsOf, type AppRecord, type AppUserRecord } from "./model";
import { evaluateMapping, evaluateTemplate } from "../../platform/expressions";
import type { UserRecord } from "../users/model";
import { assertKnownCursor, linkHeaders, pageLimit } from "../../platform/paging";
import { booleanParam } from "../../platform/query/params";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";
import { appUserResource } from "./resource";
import { readAssignmentInput, type AssignmentInput } from "./input";
import { findActiveApp, findApp, findUser } from "../../org/lookup";

const LIST_DEFAULT_LIMIT = 50;
const LIST_MAX_LIMIT = 500;

export function registerAppUserRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/apps/:appId/users", (ctx) => listAppUsers(ctx, store))
        .on("POST", "/api/v1/apps/:appId/users", (ctx) => assignUser(ctx, store))
        .on("GET", "/api/v1/apps/:appId/users/:userId", (ctx) => getAppUser(ctx, store))
        .on("POST", "/api/v1/apps/:appId/users/:userId", (ctx) => updateAppUser(ctx, store))
        .on("DELETE", "/api/v1/apps/:appId/users/:userId", (ctx) => unassignUser(ctx, store));
}

function listAppUsers(ctx: RequestContext, store: OrgStore) {
    const app = findApp(store, ctx.params.appId);
    const limit = pageLimit(ctx, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);
    const needle = ctx.query.get("q")?.toLowerCase();
    const page = assignmentsOf(store.appUsers, app.id).page({
        after: ctx.query.get("after") ?? undefined,
        limit,
        include: (assignment) => needle === undefined || matchesQuery(assignment, store.users.get(assignment.id), needle),
    });
    assertKnownCursor(page);
    const embedUser = expandsUser(ctx);
    const items = page.items.map((a) => appUserResource(ctx, a, embedUser ? store.users.get(a.id) : undefined));
    return ok(items, { Link: linkHeaders(ctx, limit, page) });
}

/**
 * `q`: a prefix of the app username, or of the first name, last name or email, read from the app user's profile and,
 * where it lacks one, from the assigned user's (docs/okta/apps.md#app-user-search).
 */
function matchesQuery(assignment: AppUserRecord, user: UserRecord | undefined, needle: string): boolean {
    const attribute = (name: "firstName" | "lastName" | "email") => assignment.profile[name] ?? user?.profile[name];
    return [assignment.credentials.userName, attribute("firstName"), attribute("lastName"), attribute("email")].some(
        (value) => typeof value === "string" && value.toLowerCase().startsWith(needle),
    );
}

function getAppUser(ctx: RequestContext, store: OrgStore) {
    const app = findApp(store, ctx.params.appId);
    const assignment = findAssignment(store, app, ctx.params.userId);
    return ok(appUserResource(ctx, assignment, expandsUser(ctx) ? store.users.get(assignment.id) : undefined));
}

function assignUser(ctx: RequestContext, store: OrgStore) {
    const app = findActiveApp(store, ctx.params.appId);
    const input = readAssignmentInput(jsonBody(ctx), app, { creating: true });
    const user = findUser(store, input.userId!);
    const assignments = assignmentsOf(store.appUsers, app.id);
    if (assignments.get(user.id)) {
        throw alreadyAssigned();
    }
    const assignment = assignments.insert(newAssignment(app, user, input));
    logAppUserEvent(store.log, ctx, "application.user_membership.add", app, user, assignment);
    return ok(appUserResource(ctx, assignment));
}

function updateAppUser(ctx: RequestContext, store: OrgStore) {
    const app = findActiveApp(store, ctx.params.appId);
    const assignment = findAssignment(store, app, ctx.params.userId);
    const input = readAssignmentInput(jsonBody(ctx), app, { creating: false });
    const user = findUser(store, assignment.id);
    const now = oktaTimestamp();
    if (input.userName !== undefined && input.userName !== assignment.credentials.userName) {
        assignment.credentials.userName = input.userName;
        logAppUserEvent(store.log, ctx, "application.user_membership.change_username", app, user, assignment);
    }
    if (input.password !== undefined) {
        assignment.credentials.password = { value: input.password };
        assignment.passwordChanged = now;
        logAppUserEvent(store.log, ctx, "application.user_membership.change_password", app, user, assignment);
    }
    if (input.profile !== undefined) {
        // Properties not sent keep their values: Okta merges an app user profile update.
        assignment.profile = { ...assignment.profile, ...input.profile };
        logAppUserEvent(store.log, ctx, "application.user_membership.update", app, user, assignment);
    }
    assignment.lastUpdated = now;
    return ok(appUserResource(ctx, assignment));
}

function unassignUser(ctx: RequestContext, store: OrgStore) {
    booleanParam(ctx, "sendEmail", false);
    const app = findApp(store, ctx.params.appId);
    const assignment = findAssignment(store, app, ctx.params.userId);
    assignmentsOf(store.appUsers, app.id).delete(assignment.id);
    const user = store.users.get(assignment.id);
    if (user) {
        logAppUserEvent(store.log, ctx, "application.user_membership.remove", app, user, assignment);
    }
    return noContent();
}

/** A new assignment: username from the app's template when none is given, profile from the app's mapping. */
function newAssignment(app: AppRecord, user: UserRecord, input: AssignmentInput): AppUserRecord {
    const now = oktaTimestamp();
    const provisioned = app.features.includes("PUSH_NEW_USERS");
    const userName = input.userName ?? defaultUserName(app, user);
    return {
        id: user.id,
        appId: app.id,
        assignmentId: newOktaId("0ua"),
        scope: "USER",
        // Apps that push users to the target report PROVISIONED once the (instant, here) push has run.
        status: provisioned ? "PROVISIONED" : "ACTIVE",
        syncState: provisioned ? "SYNCHRONIZED" : "DISABLED",
        created: now,
        lastUpdated: now,
        statusChanged: now,
        passwordChanged: input.password !== undefined ? now : null,
        externalId: provisioned ? newOktaId("ext") : null,
        ...(provisioned ? { lastSync: now } : {}),
        credentials: {
            ...(userName !== undefined ? { userName } : {}),
            ...(input.password !== undefined ? { password: { value: input.password } } : {}),
        },
        profile: { ...evaluateMapping(app.userProfile, user.profile), ...input.profile },
    };
}

function defaultUserName(app: AppRecord, user: UserRecord): string | undefined {
    if (app.credentials.scheme === "SHARED_USERNAME_AND_PASSWORD") {
        return app.credentials.userName;
    }
    const value = evaluateTemplate(app.credentials.userNameTemplate.template, user.profile);
    return typeof value === "string" && value !== "" ? value : user.profile.login;
}

function findAssignment(store: OrgStore, app: AppRecord, userId: string): AppUserRecord {
    const assignment = store.appUsers.get(app.id)?.get(userId);
    if (!assignment) {
        throw notFound(userId, "AppUser");
    }
    return assignment;
}

function expandsUser(ctx: RequestContext): boolean {
    return ctx.query.get("expand") === "user";
}
