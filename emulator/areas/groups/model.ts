import { newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";

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

/** What creating a group takes: its profile; the rest defaults to a new Okta group's. */
export type GroupInput = Pick<GroupRecord, "profile"> & Partial<GroupRecord>;

/** A group record with Okta's defaults for what the input leaves out. */
export function newGroup(group: GroupInput): GroupRecord {
    const now = oktaTimestamp();
    return {
        id: group.id ?? newOktaId("00g"),
        created: group.created ?? now,
        lastUpdated: group.lastUpdated ?? now,
        lastMembershipUpdated: group.lastMembershipUpdated ?? now,
        objectClass: group.objectClass ?? ["okta:user_group"],
        type: group.type ?? "OKTA_GROUP",
        profile: group.profile,
        ...(group.source ? { source: group.source } : {}),
    };
}
