import type { OktaClient } from "../../core/client";
import { CollectionReads } from "./listings";

/** Okta pages group members 200 at a time (the recommended page size for `/groups/{id}/users`). */
const MEMBER_PAGE_SIZE = 200;

/** How many membership writes one resource sends at once. */
export const MEMBERSHIP_WRITE_CONCURRENCY = 8;

const memberReads = new CollectionReads<true>(listMemberIds);

/** The ids of every member of the group, listed page by page. */
async function listMemberIds(client: OktaClient, groupId: string): Promise<Map<string, true>> {
    const members = new Map<string, true>();
    for await (const user of client.paginate<{ id: string }>(`/api/v1/groups/${encodeURIComponent(groupId)}/users`, { limit: MEMBER_PAGE_SIZE })) {
        members.set(user.id, true);
    }
    return members;
}

/** The ids of the groups the user belongs to. */
export async function groupIdsOfUser(client: OktaClient, userId: string): Promise<Set<string>> {
    const groups = new Set<string>();
    for await (const group of client.paginate<{ id: string }>(`/api/v1/users/${encodeURIComponent(userId)}/groups`, { limit: MEMBER_PAGE_SIZE })) {
        groups.add(group.id);
    }
    return groups;
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

function membershipPath(groupId: string, userId: string): string {
    return `/api/v1/groups/${encodeURIComponent(groupId)}/users/${encodeURIComponent(userId)}`;
}

/**
 * Runs `task` for every item, at most `concurrency` at a time, and reports every failure instead of stopping at the
 * first: one bad user id must not hide whether the other thousand changes went through.
 */
export async function forEachConcurrently<T>(
    items: readonly T[],
    concurrency: number,
    task: (item: T) => Promise<void>,
): Promise<{ done: T[]; failed: { item: T; error: Error }[] }> {
    const done: T[] = [];
    const failed: { item: T; error: Error }[] = [];
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            try {
                await task(item);
                done.push(item);
            } catch (err) {
                failed.push({ item, error: err as Error });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return { done, failed };
}
