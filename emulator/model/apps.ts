/**
 * Applications (seeded; the emulator does not create apps over the API) and their user assignments. Owned by the
 * apps routes; users' app links read them here.
 */

export type AppStatus = "ACTIVE" | "INACTIVE" | "DELETED";

/** How an app holds a user's credentials (Okta's `credentials.scheme`). */
export type CredentialsScheme =
    | "NONE"
    | "EDIT_USERNAME_AND_PASSWORD"
    | "ADMIN_SETS_CREDENTIALS"
    | "EDIT_PASSWORD_ONLY"
    | "EXTERNAL_PASSWORD_SYNC"
    | "SHARED_USERNAME_AND_PASSWORD";

export interface AppRecord {
    id: string;
    name: string;
    label: string;
    status: AppStatus;
    signOnMode: string;
    created: string;
    lastUpdated: string;
    credentials: { scheme?: CredentialsScheme; userNameTemplate?: { template: string; type: string }; [key: string]: unknown };
    settings: Record<string, unknown>;
    features: string[];
    [attribute: string]: unknown;
}

export interface AppUserRecord {
    /** The user's id: an assignment is addressed by app id and user id. */
    id: string;
    appId: string;
    scope: "USER" | "GROUP";
    status: string;
    syncState: string;
    created: string;
    lastUpdated: string;
    statusChanged: string;
    passwordChanged: string | null;
    externalId: string | null;
    credentials?: { userName?: string; password?: { value?: string } };
    profile: Record<string, unknown>;
}
