import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { GROUP, GROUP_MEMBERS, GROUP_MEMBERSHIP, known, knownStrings, sourcesOf, USER } from "./resources";

export interface PrivilegedGroupsConfig {
    /** Names of privileged groups declared in the program. */
    privilegedGroupNames: string[];
    /** Ids of privileged groups that exist in the org (a program refers to them by id). */
    privilegedGroupIds: string[];
    /** Logins (or user ids) allowed to be direct members of privileged groups. */
    allowedMembers: string[];
}

/** One user put into one group by the program: by `GroupMembership`, `GroupMembers` or a user's `groupIds`. */
interface DeclaredMembership {
    via: PolicyResource;
    user: string;
    groupName?: string;
    groupId?: string;
}

/**
 * Direct membership of a privileged group (Okta Administrators and groups the team names) is granted only to the
 * users in an allowlist (docs/policies.md#okta-privileged-groups). A stack policy, because a membership names its
 * group and user by id: the resources behind those ids, found through property dependencies, give names and logins,
 * also for objects the update has not created yet.
 */
export const privilegedGroups: StackValidationPolicy = {
    name: "okta-privileged-groups",
    description: "Only users in allowedMembers are direct members of privileged groups.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            privilegedGroupNames: { type: "array", items: { type: "string" }, default: ["Okta Administrators"] },
            privilegedGroupIds: { type: "array", items: { type: "string" }, default: [] },
            allowedMembers: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<PrivilegedGroupsConfig>();
        const allowed = new Set(config.allowedMembers.map((member) => member.toLowerCase()));
        for (const membership of args.resources.flatMap(declaredMemberships)) {
            const privileged =
                (membership.groupName !== undefined && config.privilegedGroupNames.includes(membership.groupName)) ||
                (membership.groupId !== undefined && config.privilegedGroupIds.includes(membership.groupId));
            if (privileged && !allowed.has(membership.user.toLowerCase())) {
                const group = membership.groupName ?? membership.groupId;
                reportViolation(
                    `${membership.user} would be a direct member of privileged group "${group}" (via ${membership.via.name}); only allowedMembers may be`,
                    membership.via.urn,
                );
            }
        }
    },
};

function declaredMemberships(resource: PolicyResource): DeclaredMembership[] {
    const props = resource.props;
    switch (resource.type) {
        case GROUP_MEMBERSHIP:
            return [{ via: resource, user: userLabel(sourcesOf(resource, "userId"), known(() => props.userId)), ...groupOf(resource, known(() => props.groupId)) }];
        case GROUP_MEMBERS: {
            const users = sourcesOf(resource, "userIds").filter((source) => source.type === USER);
            const members = users.length > 0 ? users.map((user) => userLabel([user], undefined)) : knownStrings(() => props.userIds);
            return members.map((user) => ({ via: resource, user, ...groupOf(resource, known(() => props.groupId)) }));
        }
        case USER: {
            const groups = sourcesOf(resource, "groupIds").filter((source) => source.type === GROUP);
            const literalIds = knownStrings(() => props.groupIds);
            return [
                ...groups.map((group) => ({ via: resource, user: String(props.login), groupName: group.props.name })),
                ...literalIds.map((id) => ({ via: resource, user: String(props.login), groupId: id })),
            ];
        }
        default:
            return [];
    }
}

/** The login of the User a membership's `userId` came from; the literal id otherwise. */
function userLabel(sources: PolicyResource[], id: unknown): string {
    const user = sources.find((source) => source.type === USER);
    return user !== undefined ? String(user.props.login) : String(id);
}

/** The name of the Group a membership's `groupId` came from, and the id when it is known. */
function groupOf(resource: PolicyResource, id: unknown): { groupName?: string; groupId?: string } {
    const group = sourcesOf(resource, "groupId").find((source) => source.type === GROUP);
    return { groupName: group?.props.name, groupId: typeof id === "string" ? id : undefined };
}
