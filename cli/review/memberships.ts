import type { NameBook } from "./names";
import { changesOrg, type PlannedStep } from "./preview";

/** Who joins and who leaves one group in this update, by name. */
export interface MembershipDelta {
    group: string;
    added: string[];
    removed: string[];
    /** A GroupMembers resource made authoritative here: members not listed (unknown at preview) are removed too. */
    authoritative: boolean;
}

/**
 * Membership changes per group, from the three ways a program declares memberships (a user's `groupIds`, one
 * GroupMembership, a group's GroupMembers) and from users deleted (they leave every group they were in).
 */
export function membershipDeltas(steps: PlannedStep[], names: NameBook): MembershipDelta[] {
    const deltas = new Map<string, MembershipDelta>();
    const delta = (group: string) => {
        let entry = deltas.get(group);
        if (!entry) {
            entry = { group, added: [], removed: [], authoritative: false };
            deltas.set(group, entry);
        }
        return entry;
    };
    const record = (groups: string[], users: string[], list: "added" | "removed") => {
        for (const group of groups) {
            // One membership may be declared twice (a user's groupIds and a GroupMembership): count it once.
            const names = delta(group)[list];
            names.push(...users.filter((user) => !names.includes(user)));
        }
    };
    for (const step of steps.filter(changesOrg)) {
        const before = (property: string) => (step.op === "create" ? [] : names.refs(step, "olds", property));
        const after = (property: string) => (step.op === "delete" ? [] : names.refs(step, "news", property));
        switch (step.type) {
            case "User": {
                const user = [labelOfUser(step)];
                record(minus(after("groupIds"), before("groupIds")), user, "added");
                record(minus(before("groupIds"), after("groupIds")), user, "removed");
                break;
            }
            case "GroupMembership": {
                const [oldPair, newPair] = [pair(before("groupId"), before("userId")), pair(after("groupId"), after("userId"))];
                if (oldPair.key !== newPair.key) {
                    record(oldPair.groups, oldPair.users, "removed");
                    record(newPair.groups, newPair.users, "added");
                }
                break;
            }
            case "GroupMembers": {
                // A deleted GroupMembers removes the members it listed (provider/resources/group-members.ts).
                const groups = step.op === "delete" ? before("groupId") : after("groupId");
                record(groups, minus(after("userIds"), before("userIds")), "added");
                record(groups, minus(before("userIds"), after("userIds")), "removed");
                if (step.news?.authoritative === true && step.olds?.authoritative !== true) {
                    groups.forEach((group) => (delta(group).authoritative = true));
                }
                break;
            }
        }
    }
    for (const entry of deltas.values()) {
        entry.added.sort();
        entry.removed.sort();
    }
    return [...deltas.values()].filter((d) => d.added.length + d.removed.length > 0 || d.authoritative).sort((a, b) => a.group.localeCompare(b.group));
}

function labelOfUser(step: PlannedStep): string {
    const login = (step.news ?? step.olds)?.login;
    return typeof login === "string" ? login : step.name;
}

function pair(groups: string[], users: string[]) {
    return { groups, users, key: `${groups.join(",")}|${users.join(",")}` };
}

function minus(list: string[], other: string[]): string[] {
    return list.filter((item) => !other.includes(item));
}
