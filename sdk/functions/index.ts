/**
 * The product's reads as Pulumi functions, each in two forms: `getX(args)` returns a Promise of plain values and
 * `getXOutput(args)` takes Inputs and returns an Output (like Pulumi's own `getX`/`getXOutput`).
 *
 * ```ts
 * const admins = okta.listGroupMembersOutput({ groupId: adminGroup.id, fetchAll: true });
 * export const adminLogins = admins.items.apply((users) => users.map((u) => u.profile.login));
 * ```
 *
 * Listing functions take the shared options `limit`, `after`, `fetchAll` and `maxItems` and return
 * `{ items, nextCursor, truncated }`.
 */
import * as q from "../../core/okta/reads";
import { defineFunction, type ArgumentNames, type FunctionOptions } from "./invoke";

export { type FunctionOptions, type InputArgs } from "./invoke";

const LIST: ArgumentNames<q.ListOptions> = { limit: true, after: true, fetchAll: true, maxItems: true };
const SEARCH: ArgumentNames<q.SearchListArgs> = {
    ...LIST,
    search: true,
    filter: true,
    q: true,
    sortBy: true,
    sortOrder: true,
    extraParameters: true,
};

const fn = {
    getUser: defineFunction("getUser", { id: true, expand: true }, q.getUser),
    listUsers: defineFunction("listUsers", SEARCH, (client, args: q.SearchListArgs) => q.listUsers(client, args)),
    listUserGroups: defineFunction("listUserGroups", { id: true }, q.listUserGroups),
    listUserApplications: defineFunction("listUserApplications", { id: true }, q.listUserApplications),
    listUserFactors: defineFunction("listUserFactors", { userId: true }, q.listUserFactors),
    listUserTypes: defineFunction("listUserTypes", {}, (client, _args: Record<string, never>) => q.listUserTypes(client)),
    getGroup: defineFunction("getGroup", { groupId: true }, q.getGroup),
    listGroups: defineFunction("listGroups", SEARCH, (client, args: q.SearchListArgs) => q.listGroups(client, args)),
    listGroupMembers: defineFunction("listGroupMembers", { ...LIST, groupId: true }, (client, args: q.ListGroupMembersArgs) =>
        q.listGroupMembers(client, args),
    ),
    getApplication: defineFunction("getApplication", { appId: true, expand: true }, q.getApplication),
    listApplications: defineFunction(
        "listApplications",
        { ...LIST, q: true, filter: true, expand: true, includeNonDeleted: true, useOptimization: true },
        (client, args: q.ListApplicationsArgs) => q.listApplications(client, args),
    ),
    getAppUserAssignment: defineFunction("getAppUserAssignment", { appId: true, userId: true, expand: true }, q.getAppUserAssignment),
    getEventHook: defineFunction("getEventHook", { eventHookId: true }, q.getEventHook),
    listEventHooks: defineFunction("listEventHooks", {}, (client, _args: Record<string, never>) => q.listEventHooks(client)),
    getSystemLogs: defineFunction(
        "getSystemLogs",
        { ...LIST, since: true, until: true, filter: true, q: true, sortOrder: true },
        (client, args: q.GetSystemLogsArgs) => q.getSystemLogs(client, args),
    ),
    listPolicies: defineFunction(
        "listPolicies",
        { ...LIST, type: true, status: true, q: true, expand: true, sortBy: true, resourceId: true },
        (client, args: q.ListPoliciesArgs) => q.listPolicies(client, args),
    ),
    listRealms: defineFunction("listRealms", { ...LIST, search: true, sortBy: true, sortOrder: true }, (client, args: q.ListRealmsArgs) =>
        q.listRealms(client, args),
    ),
};

/** A user by id, login or unambiguous login shortname (the product's "Get User"). */
export const getUser = fn.getUser.promise;
export const getUserOutput = fn.getUser.output;
/** Users by `search`, `filter` or `q`, sorted, paged (the product's "List Users"). */
export const listUsers = (args: q.SearchListArgs = {}, opts?: FunctionOptions) => fn.listUsers.promise(args, opts);
export const listUsersOutput = fn.listUsers.output;
/** The groups a user belongs to. */
export const listUserGroups = fn.listUserGroups.promise;
export const listUserGroupsOutput = fn.listUserGroups.output;
/** The apps a user is assigned to (their app links). */
export const listUserApplications = fn.listUserApplications.promise;
export const listUserApplicationsOutput = fn.listUserApplications.output;
/** The factors a user has enrolled. */
export const listUserFactors = fn.listUserFactors.promise;
export const listUserFactorsOutput = fn.listUserFactors.output;
/** The org's user types. */
export const listUserTypes = (opts?: FunctionOptions) => fn.listUserTypes.promise({}, opts);
export const listUserTypesOutput = (opts?: FunctionOptions) => fn.listUserTypes.output({}, opts);
/** A group by id. */
export const getGroup = fn.getGroup.promise;
export const getGroupOutput = fn.getGroup.output;
/** Groups by `search`, `filter` or `q`, sorted, paged (the product's "List Groups"). */
export const listGroups = (args: q.SearchListArgs = {}, opts?: FunctionOptions) => fn.listGroups.promise(args, opts);
export const listGroupsOutput = fn.listGroups.output;
/** A group's members, paged. */
export const listGroupMembers = fn.listGroupMembers.promise;
export const listGroupMembersOutput = fn.listGroupMembers.output;
/** An application by id. */
export const getApplication = fn.getApplication.promise;
export const getApplicationOutput = fn.getApplication.output;
/** Applications by `q` or `filter`, paged (the product's "List Applications"). */
export const listApplications = (args: q.ListApplicationsArgs = {}, opts?: FunctionOptions) =>
    fn.listApplications.promise(args, opts);
export const listApplicationsOutput = fn.listApplications.output;
/** One user's assignment to one application. */
export const getAppUserAssignment = fn.getAppUserAssignment.promise;
export const getAppUserAssignmentOutput = fn.getAppUserAssignment.output;
/** An event hook by id (its auth value is never returned by Okta). */
export const getEventHook = fn.getEventHook.promise;
export const getEventHookOutput = fn.getEventHook.output;
/** Every event hook of the org. */
export const listEventHooks = (opts?: FunctionOptions) => fn.listEventHooks.promise({}, opts);
export const listEventHooksOutput = (opts?: FunctionOptions) => fn.listEventHooks.output({}, opts);
/** System Log events, bounded or polling; fetch-all is capped at 10,000 records (the product's "Get System Logs"). */
export const getSystemLogs = (args: q.GetSystemLogsArgs = {}, opts?: FunctionOptions) =>
    fn.getSystemLogs.promise(args, opts);
export const getSystemLogsOutput = fn.getSystemLogs.output;
/** Policies of one type (Okta requires `type`). */
export const listPolicies = fn.listPolicies.promise;
export const listPoliciesOutput = fn.listPolicies.output;
/** Realms, by `search`, sorted, paged. */
export const listRealms = (args: q.ListRealmsArgs = {}, opts?: FunctionOptions) => fn.listRealms.promise(args, opts);
export const listRealmsOutput = fn.listRealms.output;
