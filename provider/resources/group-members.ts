import { OktaApiError, type OktaClient } from "../../core/client";
import type { GroupMembersInputs, GroupMembersOutputs } from "../generated/types";
import { sameSet } from "./compare";
import { PartialFailure, type ResourceHandler } from "./handler";
import { addMember, memberIds, removeMember } from "../../core/okta/group-members";
import { forEachConcurrently, MEMBERSHIP_WRITE_CONCURRENCY } from "./concurrent-writes";

/** How many failed changes an error message names. */
const FAILURES_SHOWN = 10;

export const groupMembersHandler: ResourceHandler<GroupMembersInputs, GroupMembersOutputs> = {
    token: "okta:index:GroupMembers",

    changedInputs(olds, news) {
        const changed: string[] = [];
        if (olds.groupId !== news.groupId) {
            changed.push("groupId");
        }
        if (!sameSet(olds.userIds, news.userIds)) {
            changed.push("userIds");
        }
        if (Boolean(olds.authoritative) !== Boolean(news.authoritative)) {
            changed.push("authoritative");
        }
        return changed;
    },

    async create(client, inputs) {
        // Listed once in both modes: authoritative, members added outside Pulumi must go; additive, members the group
        // already has are not added again, so taking over an existing group writes nothing
        // (docs/generate.md#the-first-up-writes-nothing).
        const current = await memberIds(client, inputs.groupId, { fresh: true });
        const outs = await reconcile(client, inputs, current, []);
        return { id: inputs.groupId, outs };
    },

    async read(client, id, olds) {
        const groupId = olds.groupId ?? id;
        const current = await memberIds(client, groupId);
        const managed = (olds.userIds ?? []).filter((userId) => current.has(userId));
        const userIds = olds.authoritative ? [...managed, ...[...current].filter((userId) => !managed.includes(userId))] : managed;
        const outs = { groupId, userIds, authoritative: Boolean(olds.authoritative) };
        return { id: groupId, outs, inputs: outs };
    },

    async update(client, _id, olds, news) {
        // The state is what the group held at the last create, update or refresh (with `up --refresh`, just now): change
        // only the difference, one call per user, with no listing.
        const previous = olds.userIds ?? [];
        return reconcile(client, news, new Set(previous), previous);
    },

    async delete(client, _id, olds) {
        const { failed } = await forEachConcurrently(olds.userIds ?? [], MEMBERSHIP_WRITE_CONCURRENCY, (userId) =>
            ignoreNotFound(removeMember(client, olds.groupId!, userId)),
        );
        if (failed.length > 0) {
            throw new Error(describeFailures(`removing members from group ${olds.groupId}`, failed.map(({ item, error }) => ({ change: `remove ${item}`, error }))));
        }
    },
};

/**
 * Makes the group's members match `desired` from what it holds now (`current`), one call per user to add or remove.
 * `previous` are the users this resource managed so far; in additive mode, only those can be removed.
 */
async function reconcile(client: OktaClient, desired: GroupMembersInputs, current: Set<string>, previous: string[]): Promise<GroupMembersOutputs> {
    const groupId = desired.groupId;
    const wanted = [...new Set(desired.userIds)];
    const toAdd = wanted.filter((userId) => !current.has(userId));
    const wantedSet = new Set(wanted);
    const toRemove = desired.authoritative
        ? [...current].filter((userId) => !wantedSet.has(userId))
        : previous.filter((userId) => !wantedSet.has(userId) && current.has(userId));

    const added = await forEachConcurrently(toAdd, MEMBERSHIP_WRITE_CONCURRENCY, (userId) => addMember(client, groupId, userId));
    const removed = await forEachConcurrently(toRemove, MEMBERSHIP_WRITE_CONCURRENCY, (userId) =>
        ignoreNotFound(removeMember(client, groupId, userId)),
    );

    const failedAdds = new Set(added.failed.map(({ item }) => item));
    const failedRemovals = new Set(removed.failed.map(({ item }) => item));
    // What the group holds now, as far as this resource manages it: state must say so, so the next `up` retries.
    const userIds = [...wanted.filter((userId) => !failedAdds.has(userId)), ...toRemove.filter((userId) => failedRemovals.has(userId))];
    const outs = { groupId, userIds, authoritative: Boolean(desired.authoritative) };
    const failures = [
        ...added.failed.map(({ item, error }) => ({ change: `add ${item}`, error })),
        ...removed.failed.map(({ item, error }) => ({ change: `remove ${item}`, error })),
    ];
    if (failures.length > 0) {
        const message = describeFailures(`changing the members of group ${groupId}`, failures, toAdd.length + toRemove.length);
        throw new PartialFailure(message, groupId, { ...outs }, failures.map(({ change, error }) => `${change}: ${error.message}`));
    }
    return outs;
}

async function ignoreNotFound(removal: Promise<void>): Promise<void> {
    try {
        await removal;
    } catch (err) {
        // A user or membership that no longer exists is removed already.
        if (!(err instanceof OktaApiError && err.isNotFound)) {
            throw err;
        }
    }
}

function describeFailures(what: string, failures: { change: string; error: Error }[], total?: number): string {
    const shown = failures.slice(0, FAILURES_SHOWN).map(({ change, error }) => `${change}: ${error.message}`);
    const more = failures.length > FAILURES_SHOWN ? `; and ${failures.length - FAILURES_SHOWN} more` : "";
    const count = total !== undefined ? `${failures.length} of ${total} changes failed` : `${failures.length} changes failed`;
    return `${what}: ${count}: ${shown.join("; ")}${more}`;
}
