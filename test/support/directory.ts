import { insertUser, newUserId } from "../../emulator/areas/users/directory";
import { storedPassword } from "../../emulator/areas/users/passwords";
import type { UserRecord } from "../../emulator/areas/users/model";
import type { TestOrg } from "./emulator";

/**
 * Puts an ACTIVE user straight into the emulated org (through the users area's own insert, so the login index and
 * Everyone stay consistent), for tests of the group and app routes that need many users but not the users API.
 */
export function addTestUser(org: TestOrg, login: string, profile: Partial<UserRecord["profile"]> = {}): UserRecord {
    const now = "2026-01-02T03:04:05.000Z";
    const store = org.emulator.store;
    return insertUser(store, {
        id: newUserId(),
        status: "ACTIVE",
        created: now,
        activated: now,
        statusChanged: now,
        lastLogin: null,
        lastUpdated: now,
        passwordChanged: now,
        type: { id: store.userTypes.defaultType.id },
        profile: { login, email: login, firstName: "Test", lastName: login.split("@")[0], ...profile },
        credentials: { password: storedPassword("Secret-123"), provider: { type: "OKTA", name: "OKTA" } },
    });
}
