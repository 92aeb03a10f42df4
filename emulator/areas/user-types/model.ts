import { Collection, newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";

/** A user type (`/api/v1/meta/types/user`); every user has one, the org has a default one. */
export interface UserTypeRecord {
    id: string;
    displayName: string;
    name: string;
    description: string | null;
    createdBy: string;
    lastUpdatedBy: string;
    created: string;
    lastUpdated: string;
    default: boolean;
}

/** Okta allows the default user type plus nine more (docs/okta/directory.md#user-types). */
export const MAX_EXTRA_USER_TYPES = 9;

/** Who the emulated org says created its built-in objects (Okta shows an internal `spr…` principal). */
const SYSTEM_PRINCIPAL_ID = "spr1emulatorsystem00";

/** The org's user types, with the default one created up front. */
export class UserTypes {
    readonly all = new Collection<UserTypeRecord>();
    readonly defaultType: UserTypeRecord;

    constructor() {
        const now = oktaTimestamp();
        this.defaultType = this.all.insert({
            id: newOktaId("oty"),
            displayName: "User",
            name: "user",
            description: "Okta user profile template with default permission settings",
            createdBy: SYSTEM_PRINCIPAL_ID,
            lastUpdatedBy: SYSTEM_PRINCIPAL_ID,
            created: now,
            lastUpdated: now,
            default: true,
        });
    }

    /** By id, with Okta's `default` alias for the default type. */
    get(idOrDefault: string): UserTypeRecord | undefined {
        return idOrDefault === "default" ? this.defaultType : this.all.get(idOrDefault);
    }

    byName(name: string): UserTypeRecord | undefined {
        return this.all.find((t) => t.name === name);
    }
}

/** The id of the profile schema that belongs to a user type: Okta reuses the type id's suffix after `osc`. */
export function schemaIdOf(typeId: string): string {
    return "osc" + typeId.slice(3);
}
