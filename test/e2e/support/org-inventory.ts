import type { TestOrg } from "../../support/emulator";
import type { DeclaredResource } from "./project";

/**
 * What an org holds, by natural key, read over the emulator's HTTP API: user logins (every status), OKTA_GROUP names,
 * event hook names, group members and app assignments. Keys are kept as lists so a duplicate shows.
 */
export interface OrgInventory {
    users: string[];
    groups: string[];
    hooks: string[];
    /** `group name -> member logins`, sorted. */
    members: Record<string, string[]>;
    /** `app id -> assigned logins`, sorted. */
    assignments: Record<string, string[]>;
}

export async function inventoryOf(org: TestOrg, appIds: string[]): Promise<OrgInventory> {
    const list = async (path: string) => {
        const response = await org.api("GET", path);
        if (response.status !== 200) {
            throw new Error(`GET ${path}: HTTP ${response.status}`);
        }
        return response.body as any[];
    };
    const deprovisioned = encodeURIComponent('status eq "DEPROVISIONED"');
    const users = [...(await list("/api/v1/users?limit=200")), ...(await list(`/api/v1/users?filter=${deprovisioned}&limit=200`))];
    const loginOf = new Map(users.map((user) => [user.id, user.profile.login as string]));
    const groups = (await list("/api/v1/groups?limit=200")).filter((group) => group.type === "OKTA_GROUP");
    const members: Record<string, string[]> = {};
    for (const group of groups) {
        members[group.profile.name] = (await list(`/api/v1/groups/${group.id}/users?limit=200`)).map((user) => user.profile.login).sort();
    }
    const assignments: Record<string, string[]> = {};
    for (const appId of appIds) {
        assignments[appId] = (await list(`/api/v1/apps/${appId}/users?limit=200`)).map((a) => loginOf.get(a.id) ?? a.id).sort();
    }
    return {
        users: users.map((user) => user.profile.login).sort(),
        groups: groups.map((group) => group.profile.name).sort(),
        hooks: (await list("/api/v1/eventHooks")).map((hook) => hook.name).sort(),
        members,
        assignments,
    };
}

/**
 * The inventory an org must hold once `program` is applied on top of `baseline` (what existed before): one object per
 * declared natural key, no other object, and the memberships and assignments the program declares. `ids` are the
 * stack's ids by resource name, to resolve `{ $ref }`.
 */
export function expectedInventory(baseline: OrgInventory, program: DeclaredResource[], ids: Record<string, string>, org: { loginOf(id: string): string; groupNameOf(id: string): string }): OrgInventory {
    const byName = new Map(program.map((resource) => [resource.name, resource]));
    const idOf = (value: any): string => (typeof value === "object" && value?.$ref ? ids[value.$ref] : value);
    const of = (type: string) => program.filter((resource) => resource.type === type);
    const expected: OrgInventory = {
        users: union(baseline.users, of("User").map((r) => r.args.login as string)),
        groups: union(baseline.groups, of("Group").map((r) => r.args.name as string)),
        hooks: [...baseline.hooks, ...of("EventHook").map((r) => r.args.name as string)].sort(),
        members: Object.fromEntries(Object.entries(baseline.members).map(([group, logins]) => [group, [...logins]])),
        assignments: Object.fromEntries(Object.entries(baseline.assignments).map(([app, logins]) => [app, [...logins]])),
    };
    for (const group of of("Group")) {
        expected.members[group.args.name as string] ??= [];
    }
    const addMember = (groupRef: any, userRef: any) => {
        const group = groupNameOfRef(groupRef);
        const login = loginOfRef(userRef);
        expected.members[group] = union(expected.members[group] ?? [], [login]);
    };
    // A declared resource is named by its declaration, so the check does not depend on what the org holds.
    const groupNameOfRef = (ref: any) => (ref?.$ref && byName.get(ref.$ref)?.type === "Group" ? (byName.get(ref.$ref)!.args.name as string) : org.groupNameOf(idOf(ref)));
    const loginOfRef = (ref: any) => (ref?.$ref && byName.get(ref.$ref)?.type === "User" ? (byName.get(ref.$ref)!.args.login as string) : org.loginOf(idOf(ref)));
    for (const user of of("User")) {
        for (const group of (user.args.groupIds as any[]) ?? []) {
            addMember(group, { $ref: user.name });
        }
    }
    for (const membership of of("GroupMembership")) {
        addMember(membership.args.groupId, membership.args.userId);
    }
    for (const set of of("GroupMembers")) {
        for (const user of set.args.userIds as any[]) {
            addMember(set.args.groupId, user);
        }
    }
    for (const assignment of of("AppUserAssignment")) {
        const app = idOf(assignment.args.appId);
        expected.assignments[app] = union(expected.assignments[app] ?? [], [loginOfRef(assignment.args.userId)]);
    }
    return expected;
}

function union(a: string[], b: string[]): string[] {
    return [...new Set([...a, ...b])].sort();
}
