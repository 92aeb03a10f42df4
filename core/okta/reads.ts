/** Every read of the product (its "Get ..." and "List ..." actions), over the one Okta client. */
export * from "./listing";
export { getUser, listUsers, listUserGroups, listUserApplications, searchQuery, SORT_ORDERS, type GetUserArgs, type SearchListArgs } from "./users";
export { listUserFactors } from "./factors";
export { listUserTypes } from "./user-types";
export { getGroup, listGroups, listGroupMembers, type ListGroupMembersArgs } from "./groups";
export { getApplication, listApplications, getAppUserAssignment, listAppUsers, type ListApplicationsArgs, type GetAppUserAssignmentArgs, type ListAppUsersArgs } from "./apps";
export { getEventHook, listEventHooks } from "./event-hooks";
export { getSystemLogs, LOG_SORT_ORDERS, SYSTEM_LOG_MAX_PAGE, type GetSystemLogsArgs } from "./logs";
export * from "./policies";
export * from "./realms";
