import { newOktaId } from "../../emulator/collection";
import type { UserRecord } from "../../emulator/model/users";
import type { TestOrg } from "./emulator";

/**
 * Puts a user straight into the emulated org (and into Everyone, as user creation does), for tests of the group and
 * app routes that need users but not the users API.
 */
export function addTestUser(org: TestOrg, login: string, profile: Partial<UserRecord["profile"]> = {}): UserRecord {
    const now = "2026-01-02T03:04:05.000Z";
    const store = org.emulator.store;
    const user = store.users.insert({
        id: newOktaId("00u"),
        status: "ACTIVE",
        created: now,
        activated: now,
        statusChanged: now,
        lastLogin: null,
        lastUpdated: now,
        passwordChanged: now,
        type: { id: "oty1emulatordefault0" },
        profile: { login, email: login, firstName: "Test", lastName: login.split("@")[0], ...profile },
        credentials: { password: { value: "Secret-123" }, provider: { type: "OKTA", name: "OKTA" } },
    });
    store.memberships.add(store.everyone.id, user.id);
    return user;
}
