/**
 * Which users belong to which groups, indexed both ways. Insertion order is kept, so member listings page stably
 * with the last user id as the cursor.
 */
export class Memberships {
    private readonly usersByGroup = new Map<string, Set<string>>();
    private readonly groupsByUser = new Map<string, Set<string>>();

    /** Returns false when the user already was a member. */
    add(groupId: string, userId: string): boolean {
        const users = setOf(this.usersByGroup, groupId);
        if (users.has(userId)) {
            return false;
        }
        users.add(userId);
        setOf(this.groupsByUser, userId).add(groupId);
        return true;
    }

    /** Returns false when the user was not a member. */
    remove(groupId: string, userId: string): boolean {
        const removed = this.usersByGroup.get(groupId)?.delete(userId) ?? false;
        this.groupsByUser.get(userId)?.delete(groupId);
        return removed;
    }

    has(groupId: string, userId: string): boolean {
        return this.usersByGroup.get(groupId)?.has(userId) ?? false;
    }

    /** Member ids in the order they were added. */
    usersOf(groupId: string): string[] {
        return [...(this.usersByGroup.get(groupId) ?? [])];
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

    restore(data: unknown): void {
        const ok = Array.isArray(data) && data.every((e) => Array.isArray(e) && typeof e[0] === "string" && Array.isArray(e[1]) && e[1].every((u: unknown) => typeof u === "string"));
        if (!ok) {
            throw new Error("not a memberships snapshot (expected [groupId, [userId...]] pairs)");
        }
        this.usersByGroup.clear();
        this.groupsByUser.clear();
        for (const [groupId, users] of data as [string, string[]][]) {
            setOf(this.usersByGroup, groupId);
            users.forEach((userId) => this.add(groupId, userId));
        }
    }

    /** Forgets a deleted user everywhere. */
    removeUser(userId: string): void {
        for (const groupId of this.groupsByUser.get(userId) ?? []) {
            this.usersByGroup.get(groupId)?.delete(userId);
        }
        this.groupsByUser.delete(userId);
    }

    /** Forgets a deleted group everywhere. */
    removeGroup(groupId: string): void {
        for (const userId of this.usersByGroup.get(groupId) ?? []) {
            this.groupsByUser.get(userId)?.delete(groupId);
        }
        this.usersByGroup.delete(groupId);
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
