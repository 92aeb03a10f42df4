import type { OktaClient } from "../client";
import { ArgumentError, requiredId } from "./arguments";
import { managementPath } from "./paths";
import { lifecycle } from "./user-lifecycle";
import { clearUserSessions } from "./sessions";
import type { OktaUser, PasswordCredential, PasswordHash } from "./types";

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

export type { PasswordHash } from "./types";

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
    if (oldPassword !== undefined) {
        await changeUserPassword(client, userId, { oldPassword, newPassword, revokeSessions });
        return { method: "change", sessionsRevoked: revokeSessions };
    }
    await setUserPassword(client, userId, newPassword);
    if (revokeSessions) {
        // An admin-set password has no revokeSessions option of its own in Okta.
        await clearUserSessions(client, { userId });
    }
    return { method: "set", sessionsRevoked: revokeSessions };
}

function credential(name: string, plain: string | undefined, hash: PasswordHash | undefined, required: boolean): PasswordCredential | undefined {
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

/**
 * The user's own password change: Okta checks the old password and the password policy's history rules. Without
 * `revokeSessions`, Okta's default applies.
 */
export async function changeUserPassword(
    client: OktaClient,
    userId: string,
    change: { oldPassword: PasswordCredential; newPassword: PasswordCredential; revokeSessions?: boolean },
): Promise<void> {
    await client.post(managementPath("users", requiredId("userId", userId), "credentials", "change_password"), change);
}

/**
 * An admin sets the password (no old one needed). `idempotent`: retry after a lost response (setting the same
 * password again changes nothing more).
 */
export async function setUserPassword(client: OktaClient, userId: string, password: PasswordCredential, options: { idempotent?: boolean } = {}): Promise<OktaUser> {
    const path = managementPath("users", requiredId("userId", userId));
    return client.post<OktaUser>(path, { credentials: { password } }, undefined, { idempotent: options.idempotent });
}
