import type { JWK } from "jose";
import { Collection, newOktaId } from "./collection";
import { apiTokenCaller } from "./log-caller";
import type { EventHookRecord } from "./model/event-hooks";
import type { AppRecord, AppUserRecord } from "./model/apps";
import type { RoleAssignmentRecord } from "./model/admin-roles";
import type { FactorRecord } from "./model/factors";
import { Memberships } from "./model/memberships";
import { defaultPolicies, newPolicy, type PolicyInput, type PolicyRecord } from "./model/policies";
import { Realms } from "./model/realms";
import { LoginIndex } from "./model/user-logins";
import { UserProfileSchema } from "./model/user-profile";
import { UserTypes } from "./model/user-types";
import type { UserRecord } from "./model/users";
import { SystemLog } from "./system-log";
import { oktaTimestamp } from "./time";

export type GroupType = "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";

/** A group as the emulator keeps it; `_links` are derived when it is sent. */
export interface GroupRecord {
    id: string;
    created: string;
    lastUpdated: string;
    lastMembershipUpdated: string;
    objectClass: string[];
    type: GroupType;
    profile: { name: string; description?: string | null; [attribute: string]: unknown };
    /** The app an APP_GROUP was imported from. */
    source?: { id: string };
}

/** An API token the emulator accepts as `Authorization: SSWS <token>`. */
export interface ApiTokenRecord {
    token: string;
    name: string;
    id: string;
    /**
     * The user who owns the token, when the seed names one; otherwise the org's super administrator owns it. Requests
     * made with the token act as its owner (docs/okta/users.md#current-user).
     */
    ownerId?: string;
}

/** An OAuth 2.0 client (an Okta app) that may get access tokens for the Management API from the org authorization server. */
export interface OAuthClientRecord {
    clientId: string;
    name: string;
    /** `service`: API Services app (client credentials + private_key_jwt); `web`: web app (authorization code + secret). */
    kind: "service" | "web";
    /** The `okta.*` scopes granted to the app. */
    scopes: string[];
    /** Public keys for private_key_jwt (service apps). */
    jwks: JWK[];
    /** Client secret (web apps). */
    clientSecret?: string;
    redirectUris: string[];
    /** `dpop_bound_access_tokens`: token requests must carry a DPoP proof. */
    requireDpop: boolean;
    refreshTokenRotation: "ROTATE" | "STATIC";
    /** How long a rotated refresh token keeps working, in seconds (Okta: 0-60, default 30). */
    rotationLeewaySeconds: number;
    /** Web apps: the user the emulated `/authorize` signs in (no browser session is emulated). */
    user?: { id: string; login: string };
}

/**
 * OrgStore properties that `--data-file` does not save: every other property is saved and restored as it is
 * (emulator/persistence/snapshot.ts), so a new collection needs no code to persist. Credentials (API tokens, OAuth
 * clients with their secrets and keys) come from the seed and the command line on every start, and stay out of the file.
 */
export const TRANSIENT_STORE_PARTS: ReadonlySet<string> = new Set(["apiTokens", "oauthClients"]);

/** The emulated org: every object it holds. In memory; saved to a file with `--data-file`. */
export class OrgStore {
    readonly groups = new Collection<GroupRecord>();
    readonly users = new Collection<UserRecord>();
    /** Login and shortname -> user id; kept in step with `users` by model/user-directory.ts. */
    readonly userLogins = new LoginIndex();
    readonly userSchema = new UserProfileSchema();
    readonly userTypes = new UserTypes();
    readonly realms = new Realms();
    /** Enrolled factors per user id. */
    readonly userFactors = new Map<string, Collection<FactorRecord>>();
    readonly memberships = new Memberships((groupId) => this.membershipChanged(groupId));
    readonly apps = new Collection<AppRecord>();
    /** Assignments per app id. */
    readonly appUsers = new Map<string, Collection<AppUserRecord>>();
    readonly policies = new Collection<PolicyRecord>();
    /** Admin roles of users (docs/okta/users.md#admin-roles). */
    readonly roleAssignments = new Collection<RoleAssignmentRecord>();
    readonly apiTokens = new Map<string, ApiTokenRecord>();
    readonly oauthClients = new Map<string, OAuthClientRecord>();
    readonly log = new SystemLog({ callerOf: (ctx) => apiTokenCaller(ctx, this.apiTokens, (token) => this.tokenOwner(token)) });
    readonly eventHooks = new Collection<EventHookRecord>();

    constructor() {
        this.addGroup({
            type: "BUILT_IN",
            profile: { name: "Everyone", description: "All users in your organization" },
        });
        this.addGroup({
            type: "BUILT_IN",
            profile: {
                name: "Okta Administrators",
                description: "Okta manages this group, which contains all administrators in your organization.",
            },
        });
        for (const policy of defaultPolicies(this.everyone.id)) {
            this.addPolicy(policy);
        }
    }

    /** The built-in group every user belongs to. */
    get everyone(): GroupRecord {
        return this.groups.find((g) => g.type === "BUILT_IN" && g.profile.name === "Everyone")!;
    }

    /** Adds an API token; its owner is the org's super administrator unless another user is named. */
    addApiToken(token: string, name = "emulator", ownerId?: string): ApiTokenRecord {
        const record: ApiTokenRecord = { token, name, id: newOktaId("00T"), ...(ownerId ? { ownerId } : {}) };
        this.apiTokens.set(token, record);
        return record;
    }

    /** The user holding the oldest SUPER_ADMIN assignment: the seeded super administrator, who owns API tokens. */
    superAdminId(): string | undefined {
        return this.roleAssignments.find((a) => a.type === "SUPER_ADMIN" && this.users.get(a.userId) !== undefined)?.userId;
    }

    /** The user an API token acts as: its named owner, else the super administrator; none when that user is gone. */
    tokenOwner(token: ApiTokenRecord): UserRecord | undefined {
        const ownerId = token.ownerId ?? this.superAdminId();
        return ownerId === undefined ? undefined : this.users.get(ownerId);
    }

    addGroup(group: Pick<GroupRecord, "profile"> & Partial<GroupRecord>): GroupRecord {
        const now = oktaTimestamp();
        return this.groups.insert({
            id: group.id ?? newOktaId("00g"),
            created: group.created ?? now,
            lastUpdated: group.lastUpdated ?? now,
            lastMembershipUpdated: group.lastMembershipUpdated ?? now,
            objectClass: group.objectClass ?? ["okta:user_group"],
            type: group.type ?? "OKTA_GROUP",
            profile: group.profile,
            ...(group.source ? { source: group.source } : {}),
        });
    }

    addPolicy(policy: PolicyInput): PolicyRecord {
        return this.policies.insert(newPolicy(policy));
    }

    private membershipChanged(groupId: string): void {
        const group = this.groups.get(groupId);
        if (group) {
            group.lastMembershipUpdated = oktaTimestamp();
        }
    }
}
