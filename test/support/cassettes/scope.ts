/**
 * The Okta operations the emulator is meant to serve (issue 3's scope), by the spec's operationId. Recorded
 * interactions with any other operation are classified out of scope by the cassette replay.
 */
export const IN_SCOPE_OPERATIONS: ReadonlySet<string> = new Set([
    // Users, their lifecycle, credentials, sessions, groups, app links and factors.
    "listUsers", "createUser", "getUser", "updateUser", "replaceUser", "deleteUser",
    "activateUser", "deactivateUser", "reactivateUser", "suspendUser", "unsuspendUser", "unlockUser",
    "expirePassword", "resetPassword", "changePassword", "changeRecoveryQuestion",
    "revokeUserSessions", "listUserGroups", "listAppLinks",
    "listFactors", "getFactor", "unenrollFactor",
    // Groups and their members.
    "listGroups", "addGroup", "getGroup", "replaceGroup", "deleteGroup",
    "listGroupUsers", "assignUserToGroup", "unassignUserFromGroup",
    // Applications (seeded) and their user assignments.
    "listApplications", "getApplication",
    "listApplicationUsers", "assignUserToApplication", "getApplicationUser", "updateApplicationUser", "unassignUserFromApplication",
    // Event hooks.
    "listEventHooks", "createEventHook", "getEventHook", "replaceEventHook", "deleteEventHook",
    "activateEventHook", "deactivateEventHook", "verifyEventHook",
    // System Log, policies, realms, user types.
    "listLogEvents",
    "listPolicies",
    "listRealms", "createRealm", "getRealm", "replaceRealm", "deleteRealm",
    "listUserTypes", "createUserType", "getUserType", "updateUserType", "replaceUserType", "deleteUserType",
    // The org authorization server's token endpoint (oauth.yaml).
    "token",
]);
