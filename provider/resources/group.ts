import type { OktaClient } from "../../core/client";
import { createGroup, deleteGroup, findOktaGroupByName, getGroup, readGroup, replaceGroupProfile } from "../../core/okta/groups";
import type { GroupProfileWrite, OktaGroup } from "../../core/okta/types";
import type { GroupInputs, GroupOutputs } from "../generated/types";
import { attributesToWrite, changedScalars, managedAttributes, orUndefined, sameValue } from "./compare";
import { looksForExisting, takesOver } from "../recovery";
import type { ResourceHandler } from "./handler";

const SCALAR_INPUTS = ["name", "description"] as const;

export const groupHandler: ResourceHandler<GroupInputs, GroupOutputs> = {
    token: "okta:index:Group",

    changedInputs(olds, news) {
        const changed: string[] = changedScalars(olds, news, SCALAR_INPUTS);
        if (!sameValue(olds.profileAttributes ?? {}, news.profileAttributes ?? {})) {
            changed.push("profileAttributes");
        }
        return changed;
    },

    async create(client, inputs) {
        const existing = looksForExisting(inputs.adopt) ? await findOktaGroupByName(client, inputs.name) : undefined;
        if (existing && takesOver(inputs.adopt, existing, "Group", inputs.name)) {
            // Taken over as it is: the profile is replaced only when it differs from the inputs
            // (docs/generate.md#the-first-up-writes-nothing).
            const unchanged = this.changedInputs(outputsOf(existing, inputs), inputs).length === 0;
            const adopted = unchanged ? existing : await replaceProfile(client, existing, inputs, {});
            return { id: adopted.id, outs: outputsOf(adopted, inputs) };
        }
        const profile = { ...attributesToWrite(inputs.profileAttributes, undefined), name: inputs.name, description: inputs.description ?? "" };
        const group = await createGroup(client, profile);
        return { id: group.id, outs: outputsOf(group, inputs) };
    },

    async read(client, id, olds) {
        const group = await readGroup(client, id);
        const outs = outputsOf(group, olds);
        return { id: group.id, outs, inputs: inputsOf(outs) };
    },

    async update(client, id, olds, news) {
        assertManagedInOkta(id, olds);
        const current = await getGroup(client, { groupId: id });
        return outputsOf(await replaceProfile(client, current, news, olds.profileAttributes ?? {}), news);
    },

    async delete(client, id, olds) {
        assertManagedInOkta(id, olds);
        await deleteGroup(client, id);
    },
};

/**
 * Okta replaces a group's whole profile (PUT): keep the attributes this resource does not manage, as they are now.
 */
async function replaceProfile(
    client: OktaClient,
    current: OktaGroup,
    desired: GroupInputs,
    previousAttributes: Record<string, unknown>,
): Promise<OktaGroup> {
    assertManagedInOkta(current.id, { type: current.type, name: current.profile.name });
    const profile: GroupProfileWrite = {
        ...current.profile,
        ...attributesToWrite(desired.profileAttributes, previousAttributes),
        name: desired.name,
        description: desired.description ?? "",
    };
    return replaceGroupProfile(client, current.id, profile);
}

/** The group's state: its managed profile and `type` (which only OKTA_GROUPs may change); docs/state.md#what-state-holds. */
function outputsOf(group: OktaGroup, managed: Partial<GroupInputs>): GroupOutputs {
    const { name, description, ...custom } = group.profile;
    return {
        name,
        description: orUndefined(description),
        profileAttributes: managedAttributes(Object.keys(managed.profileAttributes ?? {}), custom),
        adopt: managed.adopt,
        type: group.type,
    };
}

function inputsOf(outs: GroupOutputs): GroupInputs {
    return { name: outs.name, description: outs.description, profileAttributes: outs.profileAttributes, adopt: outs.adopt };
}

/** Okta only lets OKTA_GROUPs change; say so plainly instead of passing on Okta's bare 403. */
function assertManagedInOkta(id: string, olds: Partial<GroupOutputs>): void {
    if (olds.type !== undefined && olds.type !== "OKTA_GROUP") {
        throw new Error(
            `group ${id} ('${olds.name}') is of type ${olds.type}: only OKTA_GROUP groups can be changed or deleted; ` +
                "the Everyone group and imported APP_GROUPs are managed by Okta or their source application",
        );
    }
}
