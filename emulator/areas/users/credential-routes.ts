import { randomBytes } from "node:crypto";
import {
    changePasswordNotAllowed,
    changeRecoveryQuestionNotAllowed,
    credentialsUpdateFailed,
    forgotPasswordNotAllowed,
    malformedBody,
} from "../../platform/errors";
import { ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import { foldAnswer, meetsPasswordPolicy, PASSWORD_REQUIREMENTS, secretMatches, storedPassword } from "./passwords";
import type { UserRecord, UserStatus } from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";
import { logUserEvent, recoveryQuestion } from "./changes";
import { queryFlag } from "./input";
import { credentialsResource } from "./resource";
import { requireUser } from "./routes";

/**
 * Credential operations of the user themselves: `change_password` and `change_recovery_question` check the current
 * password and answer with the user's credentials object (recorded traffic); `forgot_password` starts recovery by the
 * recovery question, and `forgot_password_recovery_question` completes it with the answer and a new password. Setting a password without the old one is an update of the user (routes.ts).
 */

/** Users who hold a password they can prove: only they may change it. */
const SIGNED_UP: readonly UserStatus[] = ["ACTIVE", "PASSWORD_EXPIRED"];

/** Users who may recover a forgotten password with their recovery question. */
const RECOVERABLE: readonly UserStatus[] = ["ACTIVE", "PASSWORD_EXPIRED", "RECOVERY"];

export function registerUserCredentialRoutes(router: Router, store: OrgStore): void {
    router
        .on("POST", "/api/v1/users/:id/credentials/change_password", (ctx) => changePassword(ctx, store))
        .on("POST", "/api/v1/users/:id/credentials/change_recovery_question", (ctx) => changeRecoveryQuestion(ctx, store))
        .on("POST", "/api/v1/users/:id/credentials/forgot_password", (ctx) => forgotPassword(ctx, store))
        .on("POST", "/api/v1/users/:id/credentials/forgot_password_recovery_question", (ctx) => resetWithRecoveryQuestion(ctx, store));
}

/** Only ACTIVE users with a recovery question; the status does not change (SPEC forgotPassword). */
function forgotPassword(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    if (user.status !== "ACTIVE" || !user.credentials.recoveryQuestion) {
        throw forgotPasswordNotAllowed();
    }
    logUserEvent(store, ctx, "user.account.reset_password", "Forgot password for Okta user", user);
    if (queryFlag(ctx, "sendEmail", true)) {
        return ok({});
    }
    return ok({ resetPasswordUrl: `${ctx.baseUrl}/signin/reset-password/${randomBytes(15).toString("base64url")}` });
}

/**
 * Sets a new password when the recovery answer matches (docs/okta/users.md#recovery-question-reset): 200 with the
 * credentials; the same users as `forgot_password` may use it, and a user in RECOVERY leaves it.
 */
function resetWithRecoveryQuestion(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const body = jsonBody(ctx);
    const newPassword = passwordValue(body, "password");
    const answer = stringField(objectField(body, "recovery_question"), "recovery_question.answer");
    const question = user.credentials.recoveryQuestion;
    if (!RECOVERABLE.includes(user.status) || !question) {
        throw forgotPasswordNotAllowed();
    }
    if (!secretMatches(foldAnswer(answer), { salt: question.salt, digest: question.answerDigest })) {
        throw credentialsUpdateFailed("recovery_question.answer: The recovery question answer did not match our records.");
    }
    if (!meetsPasswordPolicy(newPassword, user.profile)) {
        throw credentialsUpdateFailed(`password: ${PASSWORD_REQUIREMENTS}`);
    }
    const now = oktaTimestamp();
    user.credentials = { ...user.credentials, password: storedPassword(newPassword) };
    user.passwordChanged = now;
    user.lastUpdated = now;
    if (user.status !== "ACTIVE") {
        user.status = "ACTIVE";
        user.statusChanged = now;
    }
    logUserEvent(store, ctx, "user.account.reset_password", "Reset password for Okta user", user);
    return ok(credentialsResource(user));
}

function changePassword(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const body = jsonBody(ctx);
    const oldPassword = passwordValue(body, "oldPassword");
    const newPassword = passwordValue(body, "newPassword");
    if (!SIGNED_UP.includes(user.status) || !user.credentials.password) {
        throw changePasswordNotAllowed();
    }
    if (!provesPassword(user, oldPassword)) {
        throw credentialsUpdateFailed("oldPassword: The credentials provided were incorrect.");
    }
    if (!meetsPasswordPolicy(newPassword, user.profile)) {
        throw credentialsUpdateFailed(`newPassword: ${PASSWORD_REQUIREMENTS}`);
    }
    if (newPassword === oldPassword) {
        throw credentialsUpdateFailed("newPassword: Password has been used too recently");
    }
    const now = oktaTimestamp();
    user.credentials = { ...user.credentials, password: storedPassword(newPassword) };
    user.passwordChanged = now;
    user.lastUpdated = now;
    if (user.status === "PASSWORD_EXPIRED") {
        user.status = "ACTIVE";
        user.statusChanged = now;
    }
    logUserEvent(store, ctx, "user.account.update_password", "Update password for Okta user", user);
    // Okta's ChangePasswordRequest carries `revokeSessions` in the body (OpenAPI); the query flag is kept as well.
    if (body.revokeSessions === true || queryFlag(ctx, "revokeSessions", false)) {
        logUserEvent(store, ctx, "user.session.clear", "Clear user session", user);
    }
    return ok(credentialsResource(user));
}

function changeRecoveryQuestion(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const body = jsonBody(ctx);
    const password = passwordValue(body, "password");
    const question = objectField(body, "recovery_question");
    if (!SIGNED_UP.includes(user.status) || !user.credentials.password) {
        throw changeRecoveryQuestionNotAllowed();
    }
    if (!provesPassword(user, password)) {
        throw credentialsUpdateFailed("password: The credentials provided were incorrect.");
    }
    user.credentials = {
        ...user.credentials,
        recoveryQuestion: recoveryQuestion({ question: stringField(question, "recovery_question.question"), answer: stringField(question, "recovery_question.answer") }),
    };
    user.lastUpdated = oktaTimestamp();
    return ok(credentialsResource(user));
}

/**
 * Whether `candidate` is the user's password. An imported hash cannot be checked (the emulator does not implement
 * Okta's hash algorithms), so any candidate proves it.
 */
function provesPassword(user: UserRecord, candidate: string): boolean {
    const password = user.credentials.password;
    return password?.kind === "imported" || (password?.kind === "digest" && secretMatches(candidate, password));
}

function passwordValue(body: Record<string, unknown>, field: string): string {
    return stringField(objectField(body, field), `${field}.value`);
}

function objectField(body: Record<string, unknown>, field: string): Record<string, unknown> {
    const value = body[field];
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw malformedBody(`'${field}' must be a JSON object`);
    }
    return value as Record<string, unknown>;
}

function stringField(object: Record<string, unknown>, path: string): string {
    const value = object[path.slice(path.lastIndexOf(".") + 1)];
    if (typeof value !== "string") {
        throw malformedBody(`'${path}' must be a string`);
    }
    return value;
}
