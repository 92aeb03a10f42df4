import { newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";

/**
 * Admin role assignments of users (docs/okta/users.md#admin-roles). The emulator assigns roles only by seeding (the
 * org's super administrator); `GET /users/{id}/roles` lists them.
 */

/** The standard role types a user may hold, with the label Okta shows for each (recorded traffic, OpenAPI). */
export const ROLE_LABELS = {
    SUPER_ADMIN: "Super Administrator",
    ORG_ADMIN: "Organization Administrator",
    APP_ADMIN: "Application Administrator",
    USER_ADMIN: "Group Administrator",
    GROUP_MEMBERSHIP_ADMIN: "Group Membership Administrator",
    HELP_DESK_ADMIN: "Help Desk Administrator",
    READ_ONLY_ADMIN: "Read-only Administrator",
    MOBILE_ADMIN: "Mobile Administrator",
    API_ACCESS_MANAGEMENT_ADMIN: "API Access Management Administrator",
    REPORT_ADMIN: "Report Administrator",
} as const;

export type AdminRoleType = keyof typeof ROLE_LABELS;

export interface RoleAssignmentRecord {
    /** Okta's assignment id, e.g. `ra1ckrlbwys29SC5I0x7`. */
    id: string;
    userId: string;
    type: AdminRoleType;
    created: string;
    lastUpdated: string;
}

export function newRoleAssignment(userId: string, type: AdminRoleType): RoleAssignmentRecord {
    const now = oktaTimestamp();
    return { id: newOktaId("ra1"), userId, type, created: now, lastUpdated: now };
}

/** The wire form of one assignment, as `GET /users/{id}/roles` lists it. */
export function roleAssignmentResource(baseUrl: string, assignment: RoleAssignmentRecord): Record<string, unknown> {
    return {
        id: assignment.id,
        label: ROLE_LABELS[assignment.type],
        type: assignment.type,
        status: "ACTIVE",
        created: assignment.created,
        lastUpdated: assignment.lastUpdated,
        assignmentType: "USER",
        _links: { assignee: { href: `${baseUrl}/api/v1/users/${assignment.userId}` } },
    };
}
