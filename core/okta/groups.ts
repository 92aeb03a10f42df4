import { requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaGroup, OktaUser } from "./types";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";
import { searchQuery, type SearchListArgs } from "./users";

/** The product's "Get Group". */
export async function getGroup(client: OktaClient, args: { groupId: string }): Promise<OktaGroup> {
    const groupId = requiredId("groupId", args.groupId);
    return client.get<OktaGroup>(`/api/v1/groups/${segment(groupId)}`);
}

/** The product's "List Groups": search, filter, q, sorting, extra parameters, paging. */
export async function listGroups(client: OktaClient, args: SearchListArgs = {}, onProgress?: PageProgress): Promise<ListResult<OktaGroup>> {
    return list<OktaGroup>(client, { path: "/api/v1/groups", query: searchQuery(args) }, args, onProgress);
}

/** The product's "List Group Members". */
export interface ListGroupMembersArgs extends ListOptions {
    groupId: string;
}

export async function listGroupMembers(client: OktaClient, args: ListGroupMembersArgs, onProgress?: PageProgress): Promise<ListResult<OktaUser>> {
    const groupId = requiredId("groupId", args.groupId);
    return list<OktaUser>(client, { path: `/api/v1/groups/${segment(groupId)}/users` }, args, onProgress);
}
