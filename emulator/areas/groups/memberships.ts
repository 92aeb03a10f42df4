/**
 * Which users belong to which groups, indexed both ways. `usersOf` keeps insertion order; member listings page in
 * user-id order, as Okta's do (recorded traffic), with the last user id as the cursor.
 */
export class Memberships {
    private readonly usersByGroup = new Map<string, Set<string>>();
    private readonly groupsByUser = new Map<string, Set<string>>();
    /** Member ids sorted by id, built on the first listing after a change (so bulk changes sort once). */
    private readonly sortedUsers = new Map<string, string[]>();

    /** `onChange` hears of every group whose members changed (the store keeps `lastMembershipUpdated` with it). */
    constructor(private readonly onChange: (groupId: string) => void = () => {}) {}

    /** Returns false when the user already was a member. */
    add(groupId: string, userId: string): boolean {
        const users = setOf(this.usersByGroup, groupId);
        if (users.has(userId)) {
            return false;
        }
        users.add(userId);
        setOf(this.groupsByUser, userId).add(groupId);
        this.changed(groupId);
        return true;
    }

    /** Returns false when the user was not a member. */
    remove(groupId: string, userId: string): boolean {
        const removed = this.usersByGroup.get(groupId)?.delete(userId) ?? false;
        this.groupsByUser.get(userId)?.delete(groupId);
        if (removed) {
            this.changed(groupId);
        }
        return removed;
    }

    has(groupId: string, userId: string): boolean {
        return this.usersByGroup.get(groupId)?.has(userId) ?? false;
    }

    /** Member ids in the order they were added. */
    usersOf(groupId: string): string[] {
        return [...(this.usersByGroup.get(groupId) ?? [])];
    }

    /**
     * One page of a group's member ids in id order: those greater than `after`, at most `limit`. Any cursor works,
     * including the id of a user who has since left the group.
     */
    pageOfUsers(groupId: string, after: string | undefined, limit: number): { ids: string[]; more: boolean } {
        const sorted = this.sortedUsersOf(groupId);
        const start = after === undefined ? 0 : firstGreaterThan(sorted, after);
        return { ids: sorted.slice(start, start + limit), more: start + limit < sorted.length };
    }

    groupsOf(userId: string): string[] {
        return [...(this.groupsByUser.get(userId) ?? [])];
    }

    countOf(groupId: string): number {
        return this.usersByGroup.get(groupId)?.size ?? 0;
    }

    /** `[groupId, [userId...]]` in insertion order, as saved by `--data-file`. */
    snapshot(): [string, string[]][] {
        return [...this.usersByGroup].map(([groupId, users]) => [groupId, [...users]]);
    }

    /** Replaces the memberships; `onChange` is not told (restored groups keep their own `lastMembershipUpdated`). */
    restore(data: unknown): void {
        const ok = Array.isArray(data) && data.every((e) => Array.isArray(e) && typeof e[0] === "string" && Array.isArray(e[1]) && e[1].every((u: unknown) => typeof u === "string"));
        if (!ok) {
            throw new Error("not a memberships snapshot (expected [groupId, [userId...]] pairs)");
        }
        this.usersByGroup.clear();
        this.groupsByUser.clear();
        this.sortedUsers.clear();
        for (const [groupId, users] of data as [string, string[]][]) {
            setOf(this.usersByGroup, groupId);
            for (const userId of users) {
                setOf(this.usersByGroup, groupId).add(userId);
                setOf(this.groupsByUser, userId).add(groupId);
            }
        }
    }

    /** Forgets a deleted user everywhere. */
    removeUser(userId: string): void {
        for (const groupId of this.groupsByUser.get(userId) ?? []) {
            this.usersByGroup.get(groupId)?.delete(userId);
            this.changed(groupId);
        }
        this.groupsByUser.delete(userId);
    }

    /** Forgets a deleted group everywhere. */
    removeGroup(groupId: string): void {
        for (const userId of this.usersByGroup.get(groupId) ?? []) {
            this.groupsByUser.get(userId)?.delete(groupId);
        }
        this.usersByGroup.delete(groupId);
        this.sortedUsers.delete(groupId);
    }

    private changed(groupId: string): void {
        this.sortedUsers.delete(groupId);
        this.onChange(groupId);
    }

    private sortedUsersOf(groupId: string): string[] {
        let sorted = this.sortedUsers.get(groupId);
        if (!sorted) {
            sorted = [...(this.usersByGroup.get(groupId) ?? [])].sort();
            this.sortedUsers.set(groupId, sorted);
        }
        return sorted;
    }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
    let set = map.get(key);
    if (!set) {
        set = new Set();
        map.set(key, set);
    }
    return set;
}

/** Index of the first element greater than `value` in a sorted array (binary search). */
function firstGreaterThan(sorted: string[], value: string): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (sorted[mid] <= value) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}
