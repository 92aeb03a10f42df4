import type { JWK } from "jose";
import { Collection, newOktaId } from "./collection";
import type { AppRecord, AppUserRecord } from "./model/apps";
import { Memberships } from "./model/memberships";
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
}

/** An API token the emulator accepts as `Authorization: SSWS <token>`. */
export interface ApiTokenRecord {
    token: string;
    name: string;
    id: string;
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

/** The emulated org: every object it holds. In memory. */
export class OrgStore {
    readonly groups = new Collection<GroupRecord>();
    readonly users = new Collection<UserRecord>();
    readonly memberships = new Memberships();
    readonly apps = new Collection<AppRecord>();
    /** Assignments per app id. */
    readonly appUsers = new Map<string, Collection<AppUserRecord>>();
    readonly log = new SystemLog();
    readonly apiTokens = new Map<string, ApiTokenRecord>();
    readonly oauthClients = new Map<string, OAuthClientRecord>();

    constructor() {
        this.addGroup({
            type: "BUILT_IN",
            profile: { name: "Everyone", description: "All users in your organization" },
        });
    }

    /** The built-in group every user belongs to. */
    get everyone(): GroupRecord {
        return this.groups.find((g) => g.type === "BUILT_IN" && g.profile.name === "Everyone")!;
    }

    addApiToken(token: string, name = "emulator"): ApiTokenRecord {
        const record = { token, name, id: newOktaId("00T") };
        this.apiTokens.set(token, record);
        return record;
    }

    addGroup(group: Pick<GroupRecord, "profile"> & Partial<GroupRecord>): GroupRecord {
        const now = oktaTimestamp();
        return this.groups.insert({
            id: group.id ?? newOktaId("00g"),
            created: group.created ?? now,
            lastUpdated: group.lastUpdated ?? now,
            lastMembershipUpdated: group.lastMembershipUpdated ?? now,
            objectClass: ["okta:user_group"],
            type: group.type ?? "OKTA_GROUP",
            profile: group.profile,
        });
    }
}
