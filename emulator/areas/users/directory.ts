import { randomBytes } from "node:crypto";
import type { OrgStore } from "../../org/store";
import type { UserRecord } from "./model";

/**
 * The operations every path that adds, renames or removes users shares (API routes and seeding), so the login index,
 * the Everyone group and other areas' references stay consistent.
 */

/** Adds a user, indexes its login and makes it a member of Everyone. */
export function insertUser(store: OrgStore, user: UserRecord): UserRecord {
    store.users.insert(user);
    store.userLogins.add(user.id, user.profile.login);
    store.memberships.add(store.everyone.id, user.id);
    return user;
}

/** Re-indexes a user whose login changed. */
export function reindexLogin(store: OrgStore, user: UserRecord, previousLogin: string): void {
    if (previousLogin !== user.profile.login) {
        store.userLogins.remove(user.id, previousLogin);
        store.userLogins.add(user.id, user.profile.login);
    }
}

/** Deletes a user for good: memberships, app assignments, factors and admin roles go with it. */
export function purgeUser(store: OrgStore, user: UserRecord): void {
    for (const assignment of [...store.roleAssignments.values()].filter((a) => a.userId === user.id)) {
        store.roleAssignments.delete(assignment.id);
    }
    // The store stamps each group's lastMembershipUpdated as the memberships go.
    store.memberships.removeUser(user.id);
    for (const assignments of store.appUsers.values()) {
        assignments.delete(user.id);
    }
    store.userFactors.delete(user.id);
    store.userLogins.remove(user.id, user.profile.login);
    store.users.delete(user.id);
}

/** By id, login, or unambiguous login shortname (logins containing "/" only by id, as in Okta). */
export function findUser(store: OrgStore, idOrLogin: string): UserRecord | undefined {
    const byId = store.users.get(idOrLogin);
    if (byId || idOrLogin.includes("/")) {
        return byId;
    }
    const id = store.userLogins.resolve(idOrLogin);
    return id === undefined ? undefined : store.users.get(id);
}

/** Characters in ASCII order, so that ids compare like the numbers they encode. */
const SORTABLE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
let lastTime = 0;
let sequence = 0;

/**
 * A user id (`00u` + 17 characters) that sorts after every id made before it. Okta lists and searches users in id
 * order, and its ids grow over time; keeping that property keeps creation order and id order the same.
 */
export function newUserId(now = Date.now()): string {
    if (now <= lastTime) {
        sequence++;
        if (sequence === 62 * 62) {
            // More ids in one millisecond than the sequence can count: borrow the next millisecond.
            lastTime++;
            sequence = 0;
        }
    } else {
        lastTime = now;
        sequence = 0;
    }
    const random = randomBytes(7);
    let suffix = "";
    for (const byte of random) {
        suffix += SORTABLE_ALPHABET[byte % 62];
    }
    return "00u" + encodeSortable(lastTime, 8) + encodeSortable(sequence, 2) + suffix;
}

function encodeSortable(value: number, width: number): string {
    let text = "";
    let rest = Math.floor(value);
    for (let i = 0; i < width; i++) {
        text = SORTABLE_ALPHABET[rest % 62] + text;
        rest = Math.floor(rest / 62);
    }
    return text;
}
