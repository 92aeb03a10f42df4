import { MANAGEMENT_API } from "./paths";

/** One kind of API call: its method and a path shaped like the real one, with every id as `x`. */
export interface CallShape {
    method: "GET" | "POST" | "PUT" | "DELETE";
    path: string;
}

const shape = (method: CallShape["method"], ...segments: string[]): CallShape => ({
    method,
    path: [MANAGEMENT_API, ...segments].join("/"),
});

/**
 * The calls the provider's resources make (provider/resources/*.ts), by name, for estimates that group calls into
 * Okta's rate-limit buckets before anything is sent (docs/review.md#estimate). The paths are those of this area's
 * calls (users.ts, groups.ts, group-members.ts, apps.ts, event-hooks.ts, user-lifecycle.ts); only the shape matters,
 * since buckets are chosen by method and path segments.
 */
export const CALL_SHAPES = {
    listUsers: shape("GET", "users"),
    createUser: shape("POST", "users"),
    getUser: shape("GET", "users", "x"),
    updateUser: shape("POST", "users", "x"),
    deleteUser: shape("DELETE", "users", "x"),
    deactivateUser: shape("POST", "users", "x", "lifecycle", "deactivate"),
    listUserGroups: shape("GET", "users", "x", "groups"),
    userLifecycle: shape("POST", "users", "x", "lifecycle", "x"),
    listGroups: shape("GET", "groups"),
    createGroup: shape("POST", "groups"),
    getGroup: shape("GET", "groups", "x"),
    replaceGroup: shape("PUT", "groups", "x"),
    deleteGroup: shape("DELETE", "groups", "x"),
    listGroupMembers: shape("GET", "groups", "x", "users"),
    addGroupMember: shape("PUT", "groups", "x", "users", "x"),
    removeGroupMember: shape("DELETE", "groups", "x", "users", "x"),
    getApp: shape("GET", "apps", "x"),
    assignAppUser: shape("POST", "apps", "x", "users", "x"),
    unassignAppUser: shape("DELETE", "apps", "x", "users", "x"),
    listEventHooks: shape("GET", "eventHooks"),
    createEventHook: shape("POST", "eventHooks"),
    replaceEventHook: shape("PUT", "eventHooks", "x"),
    activateEventHook: shape("POST", "eventHooks", "x", "lifecycle", "activate"),
    deactivateEventHook: shape("POST", "eventHooks", "x", "lifecycle", "deactivate"),
    deleteEventHook: shape("DELETE", "eventHooks", "x"),
} as const satisfies Record<string, CallShape>;
