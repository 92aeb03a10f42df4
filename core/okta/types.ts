/**
 * Okta's objects as the reads, triggers and operations return them (Okta's OpenAPI `User`, `Group`, `Application`,
 * `AppUser`, `EventHook`, `LogEvent`, ...). Only the fields code relies on are named; everything else Okta sends is
 * kept and passed through.
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
    transitioningToStatus?: string;
    type?: { id: string };
    realmId?: string;
    profile: { login: string; email?: string; firstName?: string | null; lastName?: string | null; [attribute: string]: unknown };
    credentials?: Record<string, unknown>;
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
    created: string;
    lastUpdated: string;
    _links?: Links;
    _embedded?: Record<string, unknown>;
    [key: string]: unknown;
}

/** An entry of `GET /api/v1/users/{id}/appLinks`. */
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
