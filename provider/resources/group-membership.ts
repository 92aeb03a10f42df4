import type { GroupMembershipInputs, GroupMembershipOutputs } from "../generated/types";
import type { ResourceHandler } from "./handler";
import { addMember, isMember, removeMember } from "../../core/okta/group-members";

/** The resource id: group and user, which is how Okta addresses a membership. */
function membershipId(groupId: string, userId: string): string {
    return `${groupId}/${userId}`;
}

export const groupMembershipHandler: ResourceHandler<GroupMembershipInputs, GroupMembershipOutputs> = {
    token: "okta:index:GroupMembership",

    changedInputs(olds, news) {
        return (["groupId", "userId"] as const).filter((key) => olds[key] !== news[key]);
    },

    async create(client, inputs) {
        // PUT is idempotent: an existing membership is adopted as it is.
        await addMember(client, inputs.groupId, inputs.userId);
        return { id: membershipId(inputs.groupId, inputs.userId), outs: { groupId: inputs.groupId, userId: inputs.userId } };
    },

    async read(client, id, olds) {
        const [groupId, userId] = olds.groupId && olds.userId ? [olds.groupId, olds.userId] : id.split("/");
        if (!(await isMember(client, groupId, userId))) {
            return undefined;
        }
        const outs = { groupId, userId };
        return { id: membershipId(groupId, userId), outs, inputs: outs };
    },

    async update() {
        throw new Error("a group membership has no property that changes in place: Pulumi replaces it");
    },

    async delete(client, _id, olds) {
        await removeMember(client, olds.groupId!, olds.userId!);
    },
};
