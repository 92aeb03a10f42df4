import type { OktaClient } from "../client";
import { requiredId } from "./arguments";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";
import { managementPath } from "./paths";
import { plainListing, ReadAhead } from "./read-ahead";
import type { GroupProfileWrite, OktaGroup, OktaUser } from "./types";
import { searchQuery, type SearchListArgs } from "./users";

/** Groups (docs/okta/groups.md): reads and writes. Memberships are in group-members.ts. */

const GROUPS = managementPath("groups");

/** The product's "Get Group". */
export async function getGroup(client: OktaClient, args: { groupId: string }): Promise<OktaGroup> {
    const groupId = requiredId("groupId", args.groupId);
    return client.get<OktaGroup>(managementPath("groups", groupId));
}

/** Okta lists groups 200 a page for most orgs (docs/okta/pagination.md#page-sizes). */
const GROUP_PAGE_SIZE = 200;

/**
 * Read-ahead of the org's groups for a big refresh (docs/okta/users.md#read-ahead): after 20 reads, the groups listing,
 * at most a page per four reads asked.
 */
const groupsAhead = new ReadAhead<OktaGroup>(plainListing(GROUPS, GROUP_PAGE_SIZE), { threshold: 20 });

/**
 * A group, for a refresh: from the read-ahead listing when a big refresh has one, otherwise `GET /api/v1/groups/{id}`
 * (which tells a deleted group by its 404).
 */
export async function readGroup(client: OktaClient, groupId: string): Promise<OktaGroup> {
    return groupsAhead.lookup(client, groupId) ?? getGroup(client, { groupId });
}

/** The product's "List Groups": search, filter, q, sorting, extra parameters, paging. */
export async function listGroups(client: OktaClient, args: SearchListArgs = {}, onProgress?: PageProgress): Promise<ListResult<OktaGroup>> {
    return list<OktaGroup>(client, { path: GROUPS, query: searchQuery(args) }, args, onProgress);
}

/** The product's "List Group Members". */
export interface ListGroupMembersArgs extends ListOptions {
    groupId: string;
}

export async function listGroupMembers(client: OktaClient, args: ListGroupMembersArgs, onProgress?: PageProgress): Promise<ListResult<OktaUser>> {
    const groupId = requiredId("groupId", args.groupId);
    return list<OktaUser>(client, { path: managementPath("groups", groupId, "users") }, args, onProgress);
}

/** The OKTA_GROUP named exactly `name`, if any (`q` is a prefix search, so the match is checked here). */
export async function findOktaGroupByName(client: OktaClient, name: string): Promise<OktaGroup | undefined> {
    const candidates = await client.get<OktaGroup[]>(GROUPS, { q: name });
    return candidates.find((group) => group.type === "OKTA_GROUP" && group.profile.name === name);
}

/** Creates an OKTA_GROUP. Names are unique among them: a retried create finds the group an earlier attempt made. */
export async function createGroup(client: OktaClient, profile: GroupProfileWrite): Promise<OktaGroup> {
    return client.post<OktaGroup>(GROUPS, { profile }, undefined, { probe: () => findOktaGroupByName(client, profile.name) });
}

/** Okta replaces a group's whole profile (docs/okta/groups.md#the-group-object): send every attribute to keep. */
export async function replaceGroupProfile(client: OktaClient, groupId: string, profile: GroupProfileWrite): Promise<OktaGroup> {
    groupsAhead.forget(client, groupId);
    return client.put<OktaGroup>(managementPath("groups", requiredId("groupId", groupId)), { profile });
}

export async function deleteGroup(client: OktaClient, groupId: string): Promise<void> {
    groupsAhead.forget(client, groupId);
    await client.delete(managementPath("groups", requiredId("groupId", groupId)));
}
