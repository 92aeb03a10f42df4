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

export interface UserProfile {
    login: string;
    email: string;
    firstName?: string | null;
    lastName?: string | null;
    [attribute: string]: unknown;
}

/** Credentials are kept to check password changes; they are never sent back (Okta only shows `provider`). */
export interface UserCredentials {
    password?: { value?: string; hash?: Record<string, unknown> };
    recovery_question?: { question: string; answer?: string };
    provider: { type: string; name: string };
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
    transitioningToStatus?: string;
}
