/**
 * Okta's objects on the wire, the one set every caller uses (Okta's OpenAPI `User`, `Group`, `Application`, `AppUser`,
 * `EventHook`, `LogEvent`, ...): what the reads return, and what the writes send. Only the fields code relies on are
 * named; everything else Okta sends is kept and passed through. Okta may send `null` or leave a property out
 * (docs/okta/http.md#null-properties-may-be-left-out), so optional properties allow both.
 */

export type Links = Record<string, unknown>;

export type OktaUserStatus =
    | "STAGED"
    | "PROVISIONED"
    | "ACTIVE"
    | "RECOVERY"
    | "PASSWORD_EXPIRED"
    | "LOCKED_OUT"
    | "SUSPENDED"
    | "DEPROVISIONED";

export interface OktaUser {
    id: string;
    status: OktaUserStatus;
    created: string;
    activated?: string | null;
    statusChanged?: string | null;
    lastLogin?: string | null;
    lastUpdated: string;
    passwordChanged?: string | null;
    transitioningToStatus?: string | null;
    type?: { id: string };
    realmId?: string | null;
    profile: { login: string; email: string; firstName?: string | null; lastName?: string | null; [attribute: string]: unknown };
    credentials?: {
        recovery_question?: { question?: string };
        provider?: { type?: string; name?: string };
        [key: string]: unknown;
    };
    _links?: Links;
    _embedded?: Record<string, unknown>;
    [key: string]: unknown;
}

export interface OktaGroup {
    id: string;
    type: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";
    created: string;
    lastUpdated: string;
    lastMembershipUpdated: string;
    objectClass?: string[];
    profile: { name: string; description?: string | null; [attribute: string]: unknown };
    _links?: Links;
    _embedded?: Record<string, unknown>;
    [key: string]: unknown;
}

export interface OktaApplication {
    id: string;
    name: string;
    label: string;
    status: "ACTIVE" | "INACTIVE" | "DELETED";
    signOnMode: string;
    /** `scheme`: how the app's users sign in (docs/okta/apps.md#credentials-follow-the-apps-scheme). */
    credentials?: { scheme?: string; [key: string]: unknown };
    created: string;
    lastUpdated: string;
    _links?: Links;
    _embedded?: Record<string, unknown>;
    [key: string]: unknown;
}

/** An entry of a user's app links (the product's "List User Applications"). */
export interface OktaAppLink {
    id: string;
    appName: string;
    appInstanceId: string;
    appAssignmentId: string;
    label: string;
    linkUrl: string;
    logoUrl?: string;
    credentialsSetup?: boolean;
    hidden?: boolean;
    sortOrder?: number;
    [key: string]: unknown;
}

/** A user's assignment to an app (`AppUser`). */
export interface OktaAppUser {
    id: string;
    scope: "USER" | "GROUP";
    status: string;
    created: string;
    lastUpdated: string;
    statusChanged?: string | null;
    syncState?: string;
    credentials?: { userName?: string; [key: string]: unknown };
    profile?: Record<string, unknown>;
    _links?: Links;
    _embedded?: Record<string, unknown>;
    [key: string]: unknown;
}

export interface OktaEventHook {
    id: string;
    name: string;
    description?: string | null;
    status: "ACTIVE" | "INACTIVE";
    verificationStatus: "UNVERIFIED" | "VERIFIED";
    created: string;
    createdBy?: string;
    lastUpdated: string;
    events: {
        type: "EVENT_TYPE";
        items: string[];
        filter?: { type?: string; eventFilterMap?: { event: string; condition: { expression: string } }[] } | null;
    };
    channel: {
        type: "HTTP";
        version: string;
        config: {
            uri: string;
            method?: string;
            headers?: { key: string; value: string }[] | null;
            /** Okta never returns `value`. */
            authScheme?: { type: "HEADER"; key: string; value?: string } | null;
        };
    };
    _links?: Links;
    [key: string]: unknown;
}

export interface LogActor {
    id: string;
    type: string;
    alternateId?: string | null;
    displayName?: string | null;
    detailEntry?: Record<string, unknown> | null;
}

export interface LogTarget extends LogActor {
    changeDetails?: { from?: Record<string, unknown>; to?: Record<string, unknown> } | null;
}

/** One System Log event (Okta's `LogEvent`). */
export interface OktaLogEvent {
    uuid: string;
    published: string;
    eventType: string;
    version: string;
    displayMessage?: string | null;
    severity: "DEBUG" | "INFO" | "WARN" | "ERROR";
    legacyEventType?: string | null;
    actor: LogActor;
    target?: LogTarget[] | null;
    client?: Record<string, unknown> | null;
    outcome?: { result: string; reason?: string | null } | null;
    transaction?: { type?: string; id?: string; detail?: Record<string, unknown> } | null;
    debugContext?: { debugData?: Record<string, unknown> } | null;
    authenticationContext?: Record<string, unknown> | null;
    securityContext?: Record<string, unknown> | null;
    request?: { ipChain?: Record<string, unknown>[] } | null;
    [key: string]: unknown;
}

export interface OktaPolicy {
    id: string;
    type: string;
    name: string;
    status: "ACTIVE" | "INACTIVE";
    system?: boolean;
    priority?: number;
    created?: string;
    lastUpdated?: string;
    _links?: Links;
    [key: string]: unknown;
}

export interface OktaRealm {
    id: string;
    created: string;
    lastUpdated: string;
    isDefault: boolean;
    profile: { name: string; realmType?: string; [key: string]: unknown };
    _links?: Links;
    [key: string]: unknown;
}

export interface OktaUserType {
    id: string;
    name: string;
    displayName: string;
    description?: string | null;
    default: boolean;
    created: string;
    lastUpdated: string;
    createdBy?: string;
    lastUpdatedBy?: string;
    _links?: Links;
    [key: string]: unknown;
}

export interface OktaUserFactor {
    id: string;
    factorType: string;
    provider: string;
    vendorName?: string;
    status: string;
    created: string;
    lastUpdated: string;
    profile?: Record<string, unknown>;
    _links?: Links;
    [key: string]: unknown;
}

/** A password as Okta takes it: the value, or a hash to import. */
export type PasswordCredential = { value: string } | { hash: PasswordHash };

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

/** What a user create or update sends (Okta's `CreateUserRequest` / `UpdateUserRequest`); `null` clears an attribute. */
export interface UserWrite {
    profile?: Record<string, unknown>;
    credentials?: {
        password?: PasswordCredential;
        recovery_question?: { question?: string; answer?: string };
        provider?: { type?: string; name?: string };
    };
    type?: { id: string };
    realmId?: string;
    /** Creation only: the groups the new user joins. */
    groupIds?: string[];
}

/** The query options of a user create (docs/okta/users.md#create-post-apiv1users). */
export interface UserCreationOptions {
    /** Activate now (Okta's default: true). */
    activate: boolean;
    /** Create with the authentication provider given in `credentials.provider`. */
    provider?: boolean;
    /** `changePassword`: the user must change the password at the next sign-in. */
    nextLogin?: string;
}

/** A group's profile as written: a PUT replaces the whole of it. */
export interface GroupProfileWrite {
    name: string;
    description: string;
    [attribute: string]: unknown;
}

/** What an app assignment create or update sends (Okta's `AppUser`); `null` clears a profile attribute. */
export interface AppUserWrite {
    scope?: "USER" | "GROUP";
    credentials?: { userName?: string; password?: { value: string } };
    profile?: Record<string, unknown>;
}

/** What an event hook create or replace sends (Okta's `EventHook`). */
export interface EventHookWrite {
    name: string;
    description: string | null;
    events: {
        type: "EVENT_TYPE";
        items: string[];
        filter: { type: "EXPRESSION_LANGUAGE"; eventFilterMap: { event: string; condition: { expression: string } }[] } | null;
    };
    channel: {
        type: "HTTP";
        version: string;
        config: {
            uri: string;
            headers: { key: string; value: string }[];
            /** The secret a delivery carries; Okta never returns its value. */
            authScheme: { type: "HEADER"; key: string; value: string } | null;
        };
    };
}
