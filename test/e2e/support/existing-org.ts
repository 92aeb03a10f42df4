import type { SeedDocument } from "../../../emulator";
import { TEST_APPS } from "../../support/apps";
import type { TestOrg } from "../../support/emulator";

/**
 * An org as administrators leave it after years of work by hand, for `okta-iac generate`'s round trip: users in every
 * status, groups with thousands of memberships (and an app group generate must leave out), direct app assignments on
 * several apps, event hooks with filters and headers.
 */

export const STATUSES = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"] as const;

export interface OrgShape {
    usersPerStatus: number;
    groups: number;
    groupsPerUser: number;
    /** Direct assignments per app of TEST_APPS. */
    assignmentsPerApp: number[];
    hooks: number;
}

export const FULL_SHAPE: OrgShape = { usersPerStatus: 130, groups: 50, groupsPerUser: 5, assignmentsPerApp: [40, 30, 30], hooks: 5 };

/** Two names that make the same slug, so that generate must keep resource names unique. */
const LOOKALIKE_GROUPS = ["Sales EMEA", "Sales-EMEA"];

export function groupNames(shape: OrgShape): string[] {
    const teams = Array.from({ length: shape.groups - LOOKALIKE_GROUPS.length }, (_, i) => `Team ${String(i).padStart(2, "0")}`);
    return [...LOOKALIKE_GROUPS, ...teams];
}

export function loginOf(status: string, i: number): string {
    return `${status.toLowerCase().replace(/_/g, "-")}.${i}@example.com`;
}

/** The seed: users with their statuses and groups, the groups, an APP_GROUP, the apps and the hooks. */
export function existingOrgSeed(shape: OrgShape): SeedDocument {
    const groups = groupNames(shape);
    let n = 0;
    const users = STATUSES.flatMap((status) =>
        Array.from({ length: shape.usersPerStatus }, (_, i) => {
            const index = n++;
            const login = loginOf(status, i);
            return {
                login,
                email: login,
                firstName: `First${index}`,
                lastName: `Last ${status}`,
                status,
                ...(index % 3 === 0 ? { profile: { department: `Dept ${index % 7}`, costCenter: `CC-${index % 13}`, badgeColor: index % 2 ? "blue" : "green" } } : {}),
                ...(status === "ACTIVE" || status === "SUSPENDED" || status === "LOCKED_OUT" ? { password: "Correct-Horse-9" } : {}),
                groups: Array.from({ length: shape.groupsPerUser }, (_, k) => groups[(index + k * 11) % groups.length]),
            };
        }),
    );
    return {
        userSchema: { customAttributes: { badgeColor: "string" } },
        apps: TEST_APPS as SeedDocument["apps"],
        groups: [
            ...groups.map((name, i) => ({ name, ...(i % 4 === 0 ? { description: `Group ${name}` } : {}) })),
            { name: "Wiki readers", type: "APP_GROUP" as const, sourceAppId: TEST_APPS[0].id },
        ],
        users,
        eventHooks: Array.from({ length: shape.hooks }, (_, i) => hookSeed(i)),
    };
}

function hookSeed(i: number): Record<string, unknown> {
    const group = `Team ${String(i).padStart(2, "0")}`;
    return {
        name: `Audit feed ${i}`,
        description: i % 2 === 0 ? `Membership changes of ${group}` : undefined,
        status: i === 4 ? "INACTIVE" : "ACTIVE",
        verificationStatus: "VERIFIED",
        events: {
            type: "EVENT_TYPE",
            items: ["group.user_membership.add", "group.user_membership.remove", "user.lifecycle.create"],
            filter: {
                type: "EXPRESSION_LANGUAGE",
                eventFilterMap: [{ event: "group.user_membership.add", condition: { expression: `event.target.?[type eq 'UserGroup' && displayName eq '${group}'].size() > 0` } }],
            },
        },
        channel: {
            type: "HTTP",
            version: "1.0.0",
            config: { uri: `https://hooks.example.com/okta/${i}`, headers: [{ key: "X-Feed", value: `feed-${i}` }, { key: "X-Env", value: "prod" }] },
        },
    };
}

/** Direct assignments over the API, to ACTIVE users: `assignmentsPerApp[k]` on TEST_APPS[k]. Returns their count. */
export async function assignApps(org: TestOrg, shape: OrgShape, userIdOf: (login: string) => string): Promise<number> {
    let made = 0;
    for (const [k, count] of shape.assignmentsPerApp.entries()) {
        const app = TEST_APPS[k];
        const shared = app.credentials?.scheme === "SHARED_USERNAME_AND_PASSWORD";
        for (let i = 0; i < count; i++) {
            const login = loginOf("ACTIVE", (i + k * 7) % shape.usersPerStatus);
            const body = { id: userIdOf(login), scope: "USER", ...(shared ? {} : { credentials: { userName: login } }) };
            const response = await org.api("POST", `/api/v1/apps/${app.id}/users`, { body });
            if (response.status !== 200) {
                throw new Error(`assigning ${login} to ${app.label}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
            }
            made++;
        }
    }
    return made;
}
