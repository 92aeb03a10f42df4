import type { DeclaredResource } from "./project";

/** Groups in the scale stack of `users` users: one per 100 users, at least 2 (docs/scale.md#the-stack). */
export function scaleGroups(users: number): number {
    return Math.max(2, Math.round(users / 100));
}

/**
 * The scale stack (docs/scale.md#the-stack): groups `g<i>`, users `u<i>`, and each user's two `GroupMembership`s
 * `m<i>-0` and `m<i>-1`, in groups i and i + 1 modulo the group count, so every group has the same number of members.
 */
export function scaleStack(users: number): DeclaredResource[] {
    const groups = scaleGroups(users);
    const resources: DeclaredResource[] = [];
    for (let g = 0; g < groups; g++) {
        resources.push({ type: "Group", name: `g${g}`, args: { name: `Scale group ${g}` } });
    }
    for (let u = 0; u < users; u++) {
        const login = `scale${u}@example.com`;
        resources.push({ type: "User", name: `u${u}`, args: { login, email: login, firstName: "Scale", lastName: `User ${u}` } });
    }
    for (let u = 0; u < users; u++) {
        for (const k of [0, 1]) {
            resources.push({ type: "GroupMembership", name: `m${u}-${k}`, args: { groupId: { $ref: `g${(u + k) % groups}` }, userId: { $ref: `u${u}` } } });
        }
    }
    return resources;
}
