import { randomBytes } from "node:crypto";
import { missingParameter } from "../../platform/errors";
import { ok, type RequestContext, type RouteResult } from "../../platform/http";
import { storedPassword, temporaryPassword } from "./passwords";
import { LIFECYCLE_OPERATIONS, nextStatus, type LifecycleOperation } from "./lifecycle";
import type { UserRecord, UserStatus } from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";
import { logUserEvent } from "./changes";
import { queryFlag } from "./input";
import { userResource } from "./resource";
import { deactivate, requireUser } from "./routes";

/**
 * `POST /api/v1/users/{id}/lifecycle/{operation}`: Okta's user state machine (lifecycle.ts decides what is
 * allowed; this module applies the change and answers in Okta's shape for each operation).
 */

export function registerUserLifecycleRoutes(router: Router, store: OrgStore): void {
    for (const operation of LIFECYCLE_OPERATIONS) {
        router.on("POST", `/api/v1/users/:id/lifecycle/${operation}`, (ctx) => runOperation(ctx, store, operation));
    }
}

function runOperation(ctx: RequestContext, store: OrgStore, operation: LifecycleOperation): RouteResult {
    const user = requireUser(store, ctx.params.id);
    if (operation === "reset_password" && ctx.query.get("sendEmail") === null) {
        throw missingParameter();
    }
    if (operation === "deactivate") {
        deactivate(store, ctx, user);
        return ok({});
    }
    const status = nextStatus(operation, user);
    switch (operation) {
        case "activate":
            moveTo(user, status);
            user.activated = user.statusChanged;
            logUserEvent(store, ctx, "user.lifecycle.activate", "Activate Okta user", user);
            return ok(queryFlag(ctx, "sendEmail", true) ? {} : activationToken(ctx));
        case "reactivate":
            moveTo(user, status);
            logUserEvent(store, ctx, "user.lifecycle.reactivate", "Reactivate Okta user", user);
            return ok(queryFlag(ctx, "sendEmail", false) ? {} : activationToken(ctx));
        case "suspend":
            moveTo(user, status);
            logUserEvent(store, ctx, "user.lifecycle.suspend", "Suspend Okta user", user);
            return ok({});
        case "unsuspend":
            moveTo(user, status);
            logUserEvent(store, ctx, "user.lifecycle.unsuspend", "Unsuspend Okta user", user);
            return ok({});
        case "unlock":
            moveTo(user, status);
            logUserEvent(store, ctx, "user.account.unlock", "Unlock user account", user);
            return ok({});
        case "expire_password":
            return expirePassword(ctx, store, user, status, queryFlag(ctx, "tempPassword", false));
        case "expire_password_with_temp_password":
            return expirePassword(ctx, store, user, status, true);
        case "reset_password":
            moveTo(user, status);
            logUserEvent(store, ctx, "user.account.reset_password", "Reset password for Okta user", user);
            revokeSessionsIfAsked(ctx, store, user);
            return ok(queryFlag(ctx, "sendEmail", false) ? {} : { resetPasswordUrl: `${ctx.baseUrl}/signin/reset-password/${oneTimeToken()}` });
        case "reset_factors":
            store.userFactors.delete(user.id);
            logUserEvent(store, ctx, "user.mfa.factor.reset_all", "Reset all factors for user", user);
            return ok({});
    }
}

/**
 * `expire_password` answers with the user; with a temporary password (the `…_with_temp_password` operation, or the
 * legacy `tempPassword=true`) the password is replaced and only `{tempPassword}` is returned.
 */
function expirePassword(ctx: RequestContext, store: OrgStore, user: UserRecord, status: UserStatus, withTemporary: boolean): RouteResult {
    moveTo(user, status);
    logUserEvent(store, ctx, "user.account.expire_password", "Expire password for Okta user", user);
    if (!withTemporary) {
        return ok(userResource(ctx, user));
    }
    const tempPassword = temporaryPassword();
    user.credentials = { ...user.credentials, password: storedPassword(tempPassword), provider: { type: "OKTA", name: "OKTA" } };
    user.passwordChanged = user.lastUpdated;
    revokeSessionsIfAsked(ctx, store, user);
    return ok({ tempPassword });
}

function revokeSessionsIfAsked(ctx: RequestContext, store: OrgStore, user: UserRecord): void {
    if (queryFlag(ctx, "revokeSessions", false)) {
        logUserEvent(store, ctx, "user.session.clear", "Clear user session", user);
    }
}

function moveTo(user: UserRecord, status: UserStatus): void {
    const now = oktaTimestamp();
    if (user.status !== status) {
        user.status = status;
        user.statusChanged = now;
    }
    user.lastUpdated = now;
}

/** What activate/reactivate return when Okta does not send the email itself (Identity Engine link format). */
function activationToken(ctx: RequestContext): { activationUrl: string; activationToken: string } {
    const token = oneTimeToken();
    return { activationUrl: `${ctx.baseUrl}/tokens/${token}/verify`, activationToken: token };
}

function oneTimeToken(): string {
    return randomBytes(15).toString("base64url");
}
