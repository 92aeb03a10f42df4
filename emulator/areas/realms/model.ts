import { Collection, newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";

export type RealmType = "DEFAULT" | "PARTNER";

/**
 * A realm (`/api/v1/realms`). Recent orgs have a default realm that every user starts in (recorded users carry its id as
 * `realmId`). Recorded responses do not echo `profile.realmType` back, so it is kept but not sent
 * (docs/okta/directory.md#realms).
 */
export interface RealmRecord {
    id: string;
    created: string;
    lastUpdated: string;
    profile: { name: string; domains: string[] };
    realmType: RealmType;
    isDefault: boolean;
}

export class Realms {
    readonly all = new Collection<RealmRecord>();
    readonly defaultRealm: RealmRecord;

    constructor() {
        this.defaultRealm = this.add({ name: "Default Realm", realmType: "DEFAULT", isDefault: true });
    }

    add(realm: { id?: string; name: string; realmType?: RealmType; domains?: string[]; isDefault?: boolean }): RealmRecord {
        const now = oktaTimestamp();
        return this.all.insert({
            id: realm.id ?? newOktaId("guo"),
            created: now,
            lastUpdated: now,
            profile: { name: realm.name, domains: realm.domains ?? [] },
            realmType: realm.realmType ?? "DEFAULT",
            isDefault: realm.isDefault ?? false,
        });
    }

    byName(name: string): RealmRecord | undefined {
        return this.all.find((r) => r.profile.name === name);
    }
}
