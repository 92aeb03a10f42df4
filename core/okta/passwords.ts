import { ArgumentError, requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";
import { lifecycle } from "./user-lifecycle";
import { clearUserSessions } from "./sessions";

/** The product's "Reset User Password". */
export interface ResetPasswordArgs {
    /** An id, login, or login shortname of an existing Okta user. */
    id: string;
    /** Email the reset link to the user (default true); when false, the link is returned. */
    sendEmail?: boolean;
    /** Also revoke the user's sessions (default false). */
    revokeSessions?: boolean;
}

/** The one-time reset link, returned when no email is sent. A secret. */
export interface ResetPasswordResult {
    resetPasswordUrl?: string;
}

export async function resetPassword(client: OktaClient, args: ResetPasswordArgs): Promise<ResetPasswordResult> {
    const body = await lifecycle(client, args.id, "reset_password", {
        sendEmail: args.sendEmail ?? true,
        revokeSessions: args.revokeSessions ?? false,
    });
    const url = (body as { resetPasswordUrl?: unknown } | undefined)?.resetPasswordUrl;
    return typeof url === "string" ? { resetPasswordUrl: url } : {};
}

/** A hashed password to import (Okta's `PasswordCredentialHash`). */
export interface PasswordHash {
    algorithm: "BCRYPT" | "SHA-512" | "SHA-256" | "SHA-1" | "MD5" | "PBKDF2";
    value: string;
    salt?: string;
    saltOrder?: "PREFIX" | "POSTFIX";
    workFactor?: number;
    digestAlgorithm?: string;
    iterationCount?: number;
    keySize?: number;
}

/** The product's "Set User Password": exactly one new password (plain or hashed), optionally the old one. */
export interface SetPasswordArgs {
    /** Id of an existing Okta user (a login works too). */
    userId: string;
    newPassword?: string;
    newHashPassword?: PasswordHash;
    /** With an old password Okta checks it (`change_password`); without, an admin sets the new one. */
    oldPassword?: string;
    oldHashPassword?: PasswordHash;
    /** Revoke the user's sessions afterwards (default false). */
    revokeSessions?: boolean;
}

export interface SetPasswordResult {
    /** `change`: checked against the old password; `set`: set by an admin. */
    method: "change" | "set";
    sessionsRevoked: boolean;
}

export async function setPassword(client: OktaClient, args: SetPasswordArgs): Promise<SetPasswordResult> {
    const userId = requiredId("userId", args.userId);
    const newPassword = credential("newPassword", args.newPassword, args.newHashPassword, true)!;
    const oldPassword = credential("oldPassword", args.oldPassword, args.oldHashPassword, false);
    const revokeSessions = args.revokeSessions ?? false;
    const user = `/api/v1/users/${segment(userId)}`;
    if (oldPassword !== undefined) {
        await client.post(`${user}/credentials/change_password`, { oldPassword, newPassword, revokeSessions });
        return { method: "change", sessionsRevoked: revokeSessions };
    }
    await client.post(user, { credentials: { password: newPassword } });
    if (revokeSessions) {
        // An admin-set password has no revokeSessions option of its own in Okta.
        await clearUserSessions(client, { userId });
    }
    return { method: "set", sessionsRevoked: revokeSessions };
}

function credential(name: string, plain: string | undefined, hash: PasswordHash | undefined, required: boolean) {
    if (plain !== undefined && hash !== undefined) {
        throw new ArgumentError(`give either ${name} or ${name.replace("Password", "HashPassword")}, not both`);
    }
    if (plain !== undefined) {
        if (plain === "") {
            throw new ArgumentError(`${name} must not be empty`);
        }
        return { value: plain };
    }
    if (hash !== undefined) {
        return { hash };
    }
    if (required) {
        throw new ArgumentError(`${name} or ${name.replace("Password", "HashPassword")} is required`);
    }
    return undefined;
}
