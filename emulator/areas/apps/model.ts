/**
 * Applications (seeded; the emulator does not create apps over the API) and their user assignments. Owned by the
 * apps routes; users' app links (`/users/{id}/appLinks`) read them here.
 */
import { Collection } from "../../platform/collection";

export type AppStatus = "ACTIVE" | "INACTIVE" | "DELETED";

/** How an app holds a user's credentials (Okta's `credentials.scheme`). */
export type CredentialsScheme =
    | "EDIT_USERNAME_AND_PASSWORD"
    | "ADMIN_SETS_CREDENTIALS"
    | "EDIT_PASSWORD_ONLY"
    | "EXTERNAL_PASSWORD_SYNC"
    | "SHARED_USERNAME_AND_PASSWORD";

export const CREDENTIALS_SCHEMES: readonly CredentialsScheme[] = [
    "EDIT_USERNAME_AND_PASSWORD",
    "ADMIN_SETS_CREDENTIALS",
    "EDIT_PASSWORD_ONLY",
    "EXTERNAL_PASSWORD_SYNC",
    "SHARED_USERNAME_AND_PASSWORD",
];

/** Okta's `signOnMode` values for apps the emulator can hold. */
export const SIGN_ON_MODES = [
    "AUTO_LOGIN",
    "BASIC_AUTH",
    "BOOKMARK",
    "BROWSER_PLUGIN",
    "OPENID_CONNECT",
    "SAML_1_1",
    "SAML_2_0",
    "SECURE_PASSWORD_STORE",
    "WS_FEDERATION",
] as const;

export type SignOnMode = (typeof SIGN_ON_MODES)[number];

/** One dashboard link of an app (`_links.appLinks[]`, `visibility.appLinks`, a user's app links). */
export interface AppLinkRecord {
    name: string;
    /** Okta's `aln…` id, part of the link's URL. */
    id: string;
}

export interface AppRecord {
    id: string;
    name: string;
    label: string;
    status: AppStatus;
    signOnMode: SignOnMode;
    created: string;
    lastUpdated: string;
    credentials: {
        scheme?: CredentialsScheme;
        userNameTemplate: { template: string; type: string };
        /** The shared username of a SHARED_USERNAME_AND_PASSWORD app. */
        userName?: string;
        [key: string]: unknown;
    };
    settings: Record<string, unknown>;
    features: string[];
    accessibility: Record<string, unknown>;
    visibility: { hide: { iOS: boolean; web: boolean }; appLinks: Record<string, boolean>; [key: string]: unknown };
    appLinks: AppLinkRecord[];
    /**
     * What Okta puts in an app user's profile on assignment: attribute -> literal, or an expression such as
     * `${source.firstName}` over the user's profile. Its keys are the app user schema when there are any.
     */
    userProfile: Record<string, unknown>;
    accessPolicyId?: string;
    profileEnrollmentPolicyId?: string;
}

export interface AppUserRecord {
    /** The user's id: an assignment is addressed by app id and user id. */
    id: string;
    appId: string;
    /** Okta's `0ua…` id of the assignment (a user's app links carry it as `appAssignmentId`). */
    assignmentId: string;
    scope: "USER" | "GROUP";
    status: string;
    syncState: string;
    created: string;
    lastUpdated: string;
    statusChanged: string;
    passwordChanged: string | null;
    externalId: string | null;
    lastSync?: string;
    /** The password is kept to honour the scheme rules; it is only ever sent back as `password: {}`. */
    credentials: { userName?: string; password?: { value: string } };
    profile: Record<string, unknown>;
}

/** What each credentials scheme lets an admin set on an assignment (Okta's scheme descriptions). */
export function settableCredentials(app: AppRecord): { userName: boolean; password: boolean } {
    switch (app.credentials.scheme) {
        case "SHARED_USERNAME_AND_PASSWORD":
            return { userName: false, password: false };
        case "EDIT_USERNAME_AND_PASSWORD":
        case "ADMIN_SETS_CREDENTIALS":
            return { userName: true, password: true };
        case "EDIT_PASSWORD_ONLY":
        case "EXTERNAL_PASSWORD_SYNC":
        case undefined:
            // Federated apps (OIDC, SAML, ...) and these schemes take a username but never an admin-set password.
            return { userName: true, password: false };
    }
}

/** The assignments of one app, created on first use. */
export function assignmentsOf(appUsers: Map<string, Collection<AppUserRecord>>, appId: string): Collection<AppUserRecord> {
    let assignments = appUsers.get(appId);
    if (!assignments) {
        assignments = new Collection<AppUserRecord>();
        appUsers.set(appId, assignments);
    }
    return assignments;
}

/** The URL of an app's dashboard link, e.g. `https://org/home/oidc_client/0oa…/aln…`. */
export function appLinkHref(baseUrl: string, app: AppRecord, link: AppLinkRecord): string {
    return `${baseUrl}/home/${app.name}/${app.id}/${link.id}`;
}
