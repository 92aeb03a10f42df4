import { Collection, newOktaId } from "../platform/collection";
import { apiTokenCaller } from "../areas/logs/caller";
import { newGroup, type GroupInput, type GroupRecord } from "../areas/groups/model";
import type { OAuthClientRecord } from "../areas/oauth/model";
import type { ApiTokenRecord } from "../platform/principal";
import type { EventHookRecord } from "../areas/event-hooks/model";
import type { AppRecord, AppUserRecord } from "../areas/apps/model";
import type { RoleAssignmentRecord } from "../areas/roles/model";
import type { FactorRecord } from "../areas/factors/model";
import { Memberships } from "../areas/groups/memberships";
import { defaultPolicies, newPolicy, type PolicyInput, type PolicyRecord } from "../areas/policies/model";
import { Realms } from "../areas/realms/model";
import { LoginIndex } from "../areas/users/logins";
import { UserProfileSchema } from "../areas/users/profile";
import { UserTypes } from "../areas/user-types/model";
import type { UserRecord } from "../areas/users/model";
import { SystemLog } from "../areas/logs/system-log";
import { oktaTimestamp } from "../platform/time";

/**
 * OrgStore properties that `--data-file` does not save: every other property is saved and restored as it is
 * (emulator/org/persistence/snapshot.ts), so a new collection needs no code to persist. Credentials (API tokens, OAuth
 * clients with their secrets and keys) come from the seed and the command line on every start, and stay out of the file.
 */
export const TRANSIENT_STORE_PARTS: ReadonlySet<string> = new Set(["apiTokens", "oauthClients"]);

/** The emulated org: every object it holds. In memory; saved to a file with `--data-file`. */
export class OrgStore {
    readonly groups = new Collection<GroupRecord>();
    readonly users = new Collection<UserRecord>();
    /** Login and shortname -> user id; kept in step with `users` by areas/users/directory.ts. */
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

    addGroup(group: GroupInput): GroupRecord {
        return this.groups.insert(newGroup(group));
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
