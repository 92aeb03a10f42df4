import type { OktaClient } from "../client";
import { requiredId } from "./arguments";
import { CollectionReads } from "./collection-reads";
import { managementPath } from "./paths";
import { groupIdsOfUser } from "./users";

/**
 * A group's members: the membership calls, and the coalesced reads of a group's member list beside them (a refresh of
 * many memberships of one group costs one listing, see collection-reads.ts).
 */

/** Okta pages group members 200 at a time (the recommended page size, docs/okta/pagination.md#page-sizes). */
const MEMBER_PAGE_SIZE = 200;

const memberReads = new CollectionReads<true>(listMemberIds);

function membershipPath(groupId: string, userId: string): string {
    return managementPath("groups", requiredId("groupId", groupId), "users", requiredId("userId", userId));
}

/** The ids of every member of the group, listed page by page. */
async function listMemberIds(client: OktaClient, groupId: string): Promise<Map<string, true>> {
    const members = new Map<string, true>();
    for await (const user of client.paginate<{ id: string }>(managementPath("groups", groupId, "users"), { limit: MEMBER_PAGE_SIZE })) {
        members.set(user.id, true);
    }
    return members;
}

/**
 * Whether the user is a member of the group. Concurrent questions about one group (a refresh of many memberships) are
 * answered from one listing of its members; a lone question costs one listing of the user's groups. Throws a 404
 * OktaApiError when the group (listing) or the user (lone question) is gone.
 */
export async function isMember(client: OktaClient, groupId: string, userId: string): Promise<boolean> {
    const found = await memberReads.find(client, groupId, userId, async () => ((await groupIdsOfUser(client, userId)).has(groupId) ? true : undefined));
    return found === true;
}

/** Every member of the group: fresh, or from a listing made moments ago for concurrent reads. */
export async function memberIds(client: OktaClient, groupId: string, options: { fresh?: boolean } = {}): Promise<Set<string>> {
    if (options.fresh) {
        memberReads.invalidate(client, groupId);
    }
    return new Set((await memberReads.all(client, groupId)).keys());
}

/** Adds the user to the group; adding a member again changes nothing (Okta answers 204 either way). */
export async function addMember(client: OktaClient, groupId: string, userId: string): Promise<void> {
    memberReads.invalidate(client, groupId);
    await client.put(membershipPath(groupId, userId));
}

export async function removeMember(client: OktaClient, groupId: string, userId: string): Promise<void> {
    memberReads.invalidate(client, groupId);
    await client.delete(membershipPath(groupId, userId));
}
