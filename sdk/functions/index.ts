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
import * as q from "../../provider/queries";
import { defineFunction, type FunctionOptions } from "./invoke";

export { type FunctionOptions, type InputArgs } from "./invoke";

const fn = {
    getUser: defineFunction(q.getUser),
    listUsers: defineFunction((client, args: q.SearchListArgs) => q.listUsers(client, args)),
    listUserGroups: defineFunction(q.listUserGroups),
    listUserApplications: defineFunction(q.listUserApplications),
    listUserFactors: defineFunction(q.listUserFactors),
    listUserTypes: defineFunction((client, _args: Record<string, never>) => q.listUserTypes(client)),
    getGroup: defineFunction(q.getGroup),
    listGroups: defineFunction((client, args: q.SearchListArgs) => q.listGroups(client, args)),
    listGroupMembers: defineFunction((client, args: q.ListGroupMembersArgs) => q.listGroupMembers(client, args)),
    getApplication: defineFunction(q.getApplication),
    listApplications: defineFunction((client, args: q.ListApplicationsArgs) => q.listApplications(client, args)),
    getAppUserAssignment: defineFunction(q.getAppUserAssignment),
    getEventHook: defineFunction(q.getEventHook),
    listEventHooks: defineFunction((client, _args: Record<string, never>) => q.listEventHooks(client)),
    getSystemLogs: defineFunction((client, args: q.GetSystemLogsArgs) => q.getSystemLogs(client, args)),
    listPolicies: defineFunction((client, args: q.ListPoliciesArgs) => q.listPolicies(client, args)),
    listRealms: defineFunction((client, args: q.ListRealmsArgs) => q.listRealms(client, args)),
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
