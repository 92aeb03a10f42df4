import { OktaApiError, type OktaClient } from "../client";
import { requiredId } from "./arguments";
import { CollectionReads } from "./collection-reads";
import { managementPath } from "./paths";
import type { OktaUser } from "./types";
import { groupIdsOfUser } from "./users";

/**
 * A group's members: the membership calls, and the coalesced reads of a group's member list beside them (a refresh of
 * many memberships of one group costs one listing, see collection-reads.ts).
 */

/** Okta pages group members 200 at a time (the recommended page size, docs/okta/pagination.md#page-sizes). */
const MEMBER_PAGE_SIZE = 200;

/** A member: the user as the group's member listing shows it, or nothing more when known from the user's groups. */
interface Member {
    user?: OktaUser;
}

const memberReads = new CollectionReads<Member>(listMembers);

function membershipPath(groupId: string, userId: string): string {
    return managementPath("groups", requiredId("groupId", groupId), "users", requiredId("userId", userId));
}

/**
 * Every member of the group, listed page by page: Okta lists members as whole user objects
 * (docs/okta/users.md#batched-reads).
 */
async function listMembers(client: OktaClient, groupId: string): Promise<Map<string, Member>> {
    const members = new Map<string, Member>();
    for await (const user of client.paginate<OktaUser>(managementPath("groups", groupId, "users"), { limit: MEMBER_PAGE_SIZE })) {
        members.set(user.id, { user });
    }
    return members;
}

/** The lone read of one membership: whether the group is among the user's groups (`groupsOfUser` lists them). */
function fromGroupsOfUser(groupsOfUser: () => Promise<Set<string>>, groupId: string): () => Promise<Member | undefined> {
    return async () => ((await groupsOfUser()).has(groupId) ? {} : undefined);
}

/**
 * Whether the user is a member of the group. Concurrent questions about one group (a refresh of many memberships) are
 * answered from one listing of its members; a lone question costs one listing of the user's groups. Throws a 404
 * OktaApiError when the group (listing) or the user (lone question) is gone.
 */
export async function isMember(client: OktaClient, groupId: string, userId: string): Promise<boolean> {
    const found = await memberReads.find(client, groupId, userId, fromGroupsOfUser(() => groupIdsOfUser(client, userId), groupId));
    return found !== undefined;
}

/** Which of the listed groups a user is in, and the user as a member listing showed it (when one did). */
export interface UserMemberships {
    groupIds: string[];
    user?: OktaUser;
}

/**
 * Which of `groupIds` the user belongs to (in the listed order), the same question as `isMember` for each group:
 * concurrent reads about the users of the same groups (a refresh) are answered from one listing of each group's
 * members, and a lone read costs one listing of the user's groups, shared by all its groups. A group that is gone has
 * no members. The user's own object comes with a member listing: the caller need not read the user again
 * (docs/okta/users.md#batched-reads).
 */
export async function membershipsOfUser(client: OktaClient, userId: string, groupIds: string[]): Promise<UserMemberships> {
    let own: Promise<Set<string>> | undefined;
    const groupsOfUser = () => (own ??= groupIdsOfUser(client, userId));
    const found = await Promise.all(
        groupIds.map(async (groupId) => {
            try {
                return await memberReads.find(client, groupId, userId, fromGroupsOfUser(groupsOfUser, groupId));
            } catch (err) {
                if (err instanceof OktaApiError && err.isNotFound) {
                    return undefined;
                }
                throw err;
            }
        }),
    );
    return { groupIds: groupIds.filter((_, i) => found[i] !== undefined), user: found.find((member) => member?.user)?.user };
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
