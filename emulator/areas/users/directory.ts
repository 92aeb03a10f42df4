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
