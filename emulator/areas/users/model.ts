/**
 * Users as the emulator keeps them. Owned by the users routes; other areas (group members, app assignments, the
 * System Log) read them through this module.
 */

export type UserStatus =
    | "STAGED"
    | "PROVISIONED"
    | "ACTIVE"
    | "RECOVERY"
    | "PASSWORD_EXPIRED"
    | "LOCKED_OUT"
    | "SUSPENDED"
    | "DEPROVISIONED";

export const USER_STATUSES: readonly UserStatus[] = [
    "STAGED",
    "PROVISIONED",
    "ACTIVE",
    "RECOVERY",
    "PASSWORD_EXPIRED",
    "LOCKED_OUT",
    "SUSPENDED",
    "DEPROVISIONED",
];

export interface UserProfile {
    login: string;
    email: string;
    firstName?: string | null;
    lastName?: string | null;
    [attribute: string]: unknown;
}

/** Okta's `credentials.provider.type`. */
export type ProviderType = "OKTA" | "IMPORT" | "FEDERATION" | "SOCIAL" | "ACTIVE_DIRECTORY" | "LDAP";

/** A password is kept only as a salted digest, or (imported) as the fact that a hash was given. */
export type StoredPassword = { kind: "digest"; salt: string; digest: string } | { kind: "imported"; algorithm: string };

/** Credentials are kept to check password changes; only `provider`, `password: {}` and the question are ever sent. */
export interface UserCredentials {
    password?: StoredPassword;
    recoveryQuestion?: { question: string; salt: string; answerDigest: string };
    provider: { type: ProviderType; name: string };
}

export interface UserRecord {
    id: string;
    status: UserStatus;
    created: string;
    activated: string | null;
    statusChanged: string | null;
    lastLogin: string | null;
    lastUpdated: string;
    passwordChanged: string | null;
    type: { id: string };
    profile: UserProfile;
    credentials: UserCredentials;
    realmId?: string;
    transitioningToStatus?: "ACTIVE" | "PROVISIONED" | "DEPROVISIONED";
}

/** How Okta names a user in System Log targets: "First Last", falling back to the login. */
export function userDisplayName(user: UserRecord): string {
    const name = [user.profile.firstName, user.profile.lastName].filter((part) => typeof part === "string" && part).join(" ");
    return name || user.profile.login;
}
