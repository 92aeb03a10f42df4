import type { ResourceHandler } from "./handler";

/** Okta's group object, as far as this resource uses it. */
interface OktaGroup {
    id: string;
    type: string;
    created: string;
    lastUpdated: string;
    lastMembershipUpdated: string;
    profile: { name: string; description?: string | null };
}

export interface GroupInputs {
    name: string;
    description?: string;
}

export interface GroupOutputs extends GroupInputs {
    type: string;
    created: string;
    lastUpdated: string;
    lastMembershipUpdated: string;
}

const INPUT_KEYS: (keyof GroupInputs)[] = ["name", "description"];

export const groupHandler: ResourceHandler<GroupInputs, GroupOutputs> = {
    token: "okta:index:Group",

    changedInputs(olds, news) {
        return INPUT_KEYS.filter((key) => (olds[key] ?? "") !== (news[key] ?? ""));
    },

    async create(client, inputs) {
        const group = await client.post<OktaGroup>("/api/v1/groups", { profile: profileOf(inputs) });
        return { id: group.id, outs: outputsOf(group) };
    },

    async read(client, id) {
        const group = await client.get<OktaGroup>(`/api/v1/groups/${encodeURIComponent(id)}`);
        return { id: group.id, outs: outputsOf(group), inputs: inputsOf(group) };
    },

    async update(client, id, olds, news) {
        assertManagedInOkta(id, olds);
        const group = await client.put<OktaGroup>(`/api/v1/groups/${encodeURIComponent(id)}`, { profile: profileOf(news) });
        return outputsOf(group);
    },

    async delete(client, id, olds) {
        assertManagedInOkta(id, olds);
        await client.delete(`/api/v1/groups/${encodeURIComponent(id)}`);
    },
};

function profileOf(inputs: GroupInputs): OktaGroup["profile"] {
    return { name: inputs.name, description: inputs.description ?? "" };
}

function inputsOf(group: OktaGroup): GroupInputs {
    return { name: group.profile.name, description: group.profile.description || undefined };
}

function outputsOf(group: OktaGroup): GroupOutputs {
    return {
        ...inputsOf(group),
        type: group.type,
        created: group.created,
        lastUpdated: group.lastUpdated,
        lastMembershipUpdated: group.lastMembershipUpdated,
    };
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
