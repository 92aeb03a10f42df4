import { newRoleAssignment } from "../roles/model";
import { meetsPasswordPolicy, PASSWORD_REQUIREMENTS, storedPassword } from "./passwords";
import { insertUser } from "./directory";
import { newUser } from "./model";
import type { SeedFail, SeedSection } from "../../org/seed-section";
import type { OrgStore } from "../../org/store";

/**
 * The org's super administrator: a real org always has the admin who created it, who owns the API tokens
 * (docs/okta/users.md#current-user). Seeded unless the seed says `superAdmin: false`; the login and name can be set.
 */

export interface SuperAdminSeed {
    superAdmin?: false | { id?: string; login?: string; firstName?: string; lastName?: string; password?: string };
}

/** The super administrator of an org whose seed does not name one. */
export const DEFAULT_SUPER_ADMIN = { login: "admin@example.com", firstName: "Org", lastName: "Admin" } as const;

// First: the API tokens (applied later) belong to this user.
export const superAdminSeedSection: SeedSection<SuperAdminSeed> = {
    keys: ["superAdmin"],
    validate(_list, fail, document) {
        validateSuperAdmin(document.superAdmin, fail);
    },
    apply(store, seed, fail) {
        if (seed.superAdmin !== false) {
            addSuperAdmin(store, { ...DEFAULT_SUPER_ADMIN, ...seed.superAdmin }, fail);
        }
    },
};

function validateSuperAdmin(value: unknown, fail: SeedFail): void {
    if (value === undefined || value === false) {
        return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail("superAdmin", "must be a mapping (login, firstName, lastName, id, password) or false for an org without one");
    }
    const admin = value as Record<string, unknown>;
    for (const [field, given] of Object.entries(admin)) {
        if (!["id", "login", "firstName", "lastName", "password"].includes(field)) {
            fail(`superAdmin.${field}`, "unknown field (expected id, login, firstName, lastName, password)");
        }
        if (typeof given !== "string") {
            fail(`superAdmin.${field}`, "must be a string");
        }
    }
    if (admin.login !== undefined && !(admin.login as string).includes("@")) {
        fail("superAdmin.login", "must be an email-like login");
    }
}

function addSuperAdmin(
    store: OrgStore,
    admin: { id?: string; login: string; firstName: string; lastName: string; password?: string },
    fail: SeedFail,
): void {
    if (admin.password !== undefined && !meetsPasswordPolicy(admin.password, admin)) {
        fail("superAdmin.password", PASSWORD_REQUIREMENTS);
    }
    const user = newUser({
        id: admin.id,
        profile: { login: admin.login, email: admin.login, firstName: admin.firstName, lastName: admin.lastName },
        typeId: store.userTypes.defaultType.id,
        realmId: store.realms.defaultRealm.id,
        password: admin.password === undefined ? undefined : storedPassword(admin.password),
    });
    insertUser(store, user);
    store.roleAssignments.insert(newRoleAssignment(user.id, "SUPER_ADMIN"));
}
