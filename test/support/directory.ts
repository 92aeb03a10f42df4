import { insertUser } from "../../emulator/areas/users/directory";
import { newUser, type UserRecord } from "../../emulator/areas/users/model";
import { storedPassword } from "../../emulator/areas/users/passwords";
import type { TestOrg } from "./emulator";

/**
 * Puts an ACTIVE user straight into the emulated org (through the users area's own insert, so the login index and
 * Everyone stay consistent), for tests of the group and app routes that need many users but not the users API.
 */
export function addTestUser(org: TestOrg, login: string, profile: Partial<UserRecord["profile"]> = {}): UserRecord {
    const store = org.emulator.store;
    const user = newUser({
        profile: { login, email: login, firstName: "Test", lastName: login.split("@")[0], ...profile },
        typeId: store.userTypes.defaultType.id,
        password: storedPassword("Secret-123"),
        at: "2026-01-02T03:04:05.000Z",
    });
    return insertUser(store, user);
}
