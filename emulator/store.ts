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

/**
 * OrgStore properties that `--data-file` does not save: every other property is saved and restored as it is
 * (emulator/persistence/snapshot.ts), so a new collection needs no code to persist. API tokens come from the seed
 * and the command line on every start, and stay out of the file.
 */
export const TRANSIENT_STORE_PARTS: ReadonlySet<string> = new Set(["apiTokens"]);

/** The emulated org: every object it holds. In memory; saved to a file with `--data-file`. */
export class OrgStore {
    readonly groups = new Collection<GroupRecord>();
    readonly users = new Collection<UserRecord>();
    readonly memberships = new Memberships();
    readonly apps = new Collection<AppRecord>();
    /** Assignments per app id. */
    readonly appUsers = new Map<string, Collection<AppUserRecord>>();
    readonly log = new SystemLog();
    readonly apiTokens = new Map<string, ApiTokenRecord>();

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
