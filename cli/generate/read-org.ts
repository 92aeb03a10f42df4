import type { OktaClient } from "../../core/client";
import type { OktaAppUser, OktaApplication, OktaEventHook, OktaGroup, OktaUser } from "../../core/okta/types";
import * as q from "../../core/okta/reads";
import type { PageProgress } from "../../core/okta/listing";
import type { Selection } from "./selection";

/** What `generate` read from the org, before it becomes data files. */
export interface OrgSnapshot {
    users: OktaUser[];
    /** OKTA_GROUP groups only: built-in and app groups are left out (docs/generate.md#what-is-left-out). */
    groups: OktaGroup[];
    /** Group id -> ids of its members (when members are included). */
    members: Map<string, string[]>;
    apps: { app: OktaApplication; assignments: OktaAppUser[] }[];
    hooks: OktaEventHook[];
    /** Assignments through a group (scope GROUP): they follow the group's assignment, not the user's. */
    groupAssignmentsLeftOut: number;
}

/** Okta's largest pages for these listings (docs/okta/pagination.md#page-sizes). */
const USER_PAGE = 200;
const GROUP_PAGE = 200;
const MEMBER_PAGE = 200;
const APP_USER_PAGE = 500;

export type ProgressFor = (noun: string) => PageProgress;

/** Reads every included area through the package's client (its governor, retries and deadlines apply). */
export async function readOrg(client: OktaClient, selection: Selection, progress: ProgressFor): Promise<OrgSnapshot> {
    const has = (area: string) => selection.include.has(area as never);
    const users = has("users") ? await readUsers(client, selection, progress) : [];
    // BUILT_IN groups are managed by Okta, APP_GROUPs by their source application: neither can be declared.
    const groups = has("groups") ? (await readGroups(client, selection, progress)).filter((group) => group.type === "OKTA_GROUP") : [];
    const members = new Map<string, string[]>();
    if (has("members")) {
        for (const group of groups) {
            const listed = await q.listGroupMembers(client, { groupId: group.id, fetchAll: true, limit: MEMBER_PAGE }, progress(`members of ${group.profile.name}`));
            members.set(group.id, listed.items.map((user) => user.id));
        }
    }
    const apps = has("app-assignments") ? await readAssignments(client, selection, progress) : [];
    const hooks = has("event-hooks") ? (await q.listEventHooks(client)).items : [];
    const direct = apps.map(({ app, assignments }) => ({ app, assignments: assignments.filter((a) => a.scope === "USER") }));
    return {
        users,
        groups,
        members,
        apps: direct,
        hooks,
        groupAssignmentsLeftOut: apps.reduce((sum, { assignments }) => sum + assignments.filter((a) => a.scope !== "USER").length, 0),
    };
}

/**
 * Okta's plain listing of users leaves DEPROVISIONED users out (docs/okta/filters.md#users): without a filter or search
 * of the user's own, they are listed separately so that every status is declared.
 */
async function readUsers(client: OktaClient, selection: Selection, progress: ProgressFor): Promise<OktaUser[]> {
    const query = selection.queries.users;
    const listing = { fetchAll: true, limit: USER_PAGE };
    if (query) {
        return (await q.listUsers(client, { ...query, ...listing }, progress("users"))).items;
    }
    const live = await q.listUsers(client, listing, progress("users"));
    const deactivated = await q.listUsers(client, { filter: 'status eq "DEPROVISIONED"', ...listing }, progress("deactivated users"));
    return [...live.items, ...deactivated.items];
}

async function readGroups(client: OktaClient, selection: Selection, progress: ProgressFor): Promise<OktaGroup[]> {
    // Without a query of the user's own, Okta is asked for OKTA_GROUPs only; a given query is filtered here.
    const query = selection.queries.groups ?? { filter: 'type eq "OKTA_GROUP"' };
    return (await q.listGroups(client, { ...query, fetchAll: true, limit: GROUP_PAGE }, progress("groups"))).items;
}

async function readAssignments(client: OktaClient, selection: Selection, progress: ProgressFor): Promise<OrgSnapshot["apps"]> {
    const apps = await q.listApplications(client, { filter: selection.queries["app-assignments"]?.filter, fetchAll: true }, progress("applications"));
    const result: OrgSnapshot["apps"] = [];
    for (const app of apps.items) {
        const assignments = await q.listAppUsers(client, { appId: app.id, fetchAll: true, limit: APP_USER_PAGE }, progress(`assignments of ${app.label}`));
        result.push({ app, assignments: assignments.items });
    }
    return result;
}
