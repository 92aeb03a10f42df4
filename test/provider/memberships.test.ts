import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { TEST_TOKEN } from "../support/emulator";
import { failure } from "../support/failure";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { createGroup, createUsers } from "../support/users";

async function configured(type: string, org: RecordingOrg): Promise<pulumi.dynamic.ResourceProvider> {
    const provider = dynamicProvider(type);
    await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
    return provider;
}

const membersPath = /^\/api\/v1\/groups\/[^/]+\/users(\?|$)/;

describe("provider: GroupMembership against the emulator", () => {
    let org: RecordingOrg;
    let provider: pulumi.dynamic.ResourceProvider;
    let groupId: string;
    let userIds: string[];

    beforeEach(async () => {
        org = await startRecordingOrg();
        provider = await configured("GroupMembership", org);
        groupId = await createGroup(org, "Eng");
        userIds = await createUsers(org, 3);
    });
    afterEach(() => org.close());

    it("adds, reads and removes one membership; an existing one is adopted", async () => {
        const created = await provider.create({ groupId, userId: userIds[0] });
        expect(created).to.deep.equal({ id: `${groupId}/${userIds[0]}`, outs: { groupId, userId: userIds[0], __inputs: ["groupId", "userId"] } });
        expect(org.emulator.store.memberships.has(groupId, userIds[0])).to.equal(true);
        expect((await provider.create({ groupId, userId: userIds[0] })).id).to.equal(created.id);

        expect((await provider.read!(created.id, created.outs)).props).to.deep.equal(created.outs);
        await provider.delete!(created.id, created.outs);
        expect(org.emulator.store.memberships.has(groupId, userIds[0])).to.equal(false);
        expect((await provider.read!(created.id, created.outs)).id).to.equal("");
    });

    it("replaces on a change of group or user", async () => {
        const state = { groupId, userId: userIds[0] };
        expect(await provider.diff!(`${groupId}/${userIds[0]}`, state, { groupId, userId: userIds[1] })).to.deep.equal({
            changes: true,
            replaces: ["userId"],
            deleteBeforeReplace: false,
        });
    });

    it("reads as gone when the group or the user was deleted", async () => {
        const a = await provider.create({ groupId, userId: userIds[0] });
        await org.api("DELETE", `/api/v1/users/${userIds[0]}`);
        await org.api("DELETE", `/api/v1/users/${userIds[0]}`);
        expect((await provider.read!(a.id, a.outs)).id).to.equal("");
        const b = await provider.create({ groupId, userId: userIds[1] });
        await org.api("DELETE", `/api/v1/groups/${groupId}`);
        expect((await provider.read!(b.id, b.outs)).id).to.equal("");
        await provider.delete!(b.id, b.outs);
    });

    it("coalesces concurrent reads of one group's memberships into one listing, 200 members a page", async () => {
        const many = await createUsers(org, 450, "member");
        const other = await createGroup(org, "Ops");
        for (const userId of many) {
            org.emulator.store.memberships.add(groupId, userId);
            org.emulator.store.memberships.add(other, userId);
        }
        org.clearRequests();
        const reads = await Promise.all(
            many.flatMap((userId) => [groupId, other].map((g) => provider.read!(`${g}/${userId}`, { groupId: g, userId }))),
        );
        expect(reads.every((r) => r.id !== "")).to.equal(true);
        // Per group: the first read asks about its user alone, then one listing of ceil(450 / 200) = 3 pages.
        const listings = org.count((r) => membersPath.test(r.path));
        const lone = org.count((r) => /^\/api\/v1\/users\/[^/]+\/groups/.test(r.path));
        console.log(`      900 membership reads in 2 groups of 450: ${org.count()} API calls (${listings} member pages, ${lone} single reads)`);
        expect(listings).to.equal(6);
        expect(lone).to.equal(2);
        expect(org.count()).to.equal(8);
    });
});

describe("provider: GroupMembers against the emulator", () => {
    let org: RecordingOrg;
    let provider: pulumi.dynamic.ResourceProvider;
    let groupId: string;
    let userIds: string[];

    beforeEach(async () => {
        org = await startRecordingOrg();
        provider = await configured("GroupMembers", org);
        groupId = await createGroup(org, "Eng");
        userIds = await createUsers(org, 12);
    });
    afterEach(() => org.close());

    const members = () => new Set(org.emulator.store.memberships.usersOf(groupId));

    it("authoritative: adds the listed users and removes the others, one call per change after one listing", async () => {
        userIds.slice(0, 10).forEach((userId) => org.emulator.store.memberships.add(groupId, userId));
        const wanted = await createUsers(org, 250, "wanted");
        org.clearRequests();
        const created = await provider.create({ groupId, userIds: wanted, authoritative: true });
        expect(created.id).to.equal(groupId);
        expect(created.outs).to.deep.equal({ groupId, userIds: wanted, authoritative: true, __inputs: ["authoritative", "groupId", "userIds"] });
        expect([...members()].sort()).to.deep.equal([...wanted].sort());
        expect(org.count((r) => r.method === "PUT")).to.equal(250);
        expect(org.count((r) => r.method === "DELETE")).to.equal(10);
        expect(org.count((r) => r.method === "GET")).to.equal(1);
    });

    it("additive: leaves members it does not list, and removes only users dropped from its list", async () => {
        org.emulator.store.memberships.add(groupId, userIds[11]);
        const created = await provider.create({ groupId, userIds: userIds.slice(0, 3), authoritative: false });
        expect(members().has(userIds[11])).to.equal(true);
        org.clearRequests();
        const updated = await provider.update!(groupId, created.outs, { groupId, userIds: [userIds[1], userIds[2], userIds[3]], authoritative: false });
        expect(updated.outs.userIds).to.deep.equal([userIds[1], userIds[2], userIds[3]]);
        // Exactly the difference from the state: one removal, one addition, no listing.
        expect(org.requests.map((r) => r.method).sort()).to.deep.equal(["DELETE", "PUT"]);
        expect(members().has(userIds[0])).to.equal(false);
        expect(members().has(userIds[11])).to.equal(true);
    });

    it("refresh shows drift: authoritative reports strangers, both report missing members", async () => {
        const authoritative = await provider.create({ groupId, userIds: userIds.slice(0, 2), authoritative: true });
        org.emulator.store.memberships.remove(groupId, userIds[0]);
        org.emulator.store.memberships.add(groupId, userIds[5]);
        const read = await provider.read!(groupId, authoritative.outs);
        expect(read.props!.userIds).to.deep.equal([userIds[1], userIds[5]]);
        const diff = await provider.diff!(groupId, read.props!, { groupId, userIds: userIds.slice(0, 2), authoritative: true });
        expect(diff.changes).to.equal(true);
        expect(diff.replaces).to.deep.equal([]);
        await provider.update!(groupId, read.props!, { groupId, userIds: userIds.slice(0, 2), authoritative: true });
        expect([...members()].sort()).to.deep.equal(userIds.slice(0, 2).sort());

        const additiveState = { ...authoritative.outs, authoritative: false };
        org.emulator.store.memberships.add(groupId, userIds[6]);
        expect((await provider.read!(groupId, additiveState)).props!.userIds).to.deep.equal(userIds.slice(0, 2));
    });

    it("applies every change it can and reports each failure, keeping what happened in state", async () => {
        const missing = "00unotauser000000000";
        const err = await failure(provider.create({ groupId, userIds: [userIds[0], missing, userIds[1]], authoritative: false, __provider: "shim" }));
        expect(err.message).to.contain(`1 of 3 changes failed: add ${missing}: Okta API PUT`);
        expect(err.message).to.contain("404");
        expect(err.id).to.equal(groupId);
        expect(err.properties).to.deep.equal({ groupId, userIds: [userIds[0], userIds[1]], authoritative: false, __provider: "shim" });
        expect(members().has(userIds[0]) && members().has(userIds[1])).to.equal(true);
    });

    it("removes its listed members on delete", async () => {
        const created = await provider.create({ groupId, userIds: userIds.slice(0, 5), authoritative: false });
        org.emulator.store.memberships.add(groupId, userIds[9]);
        await provider.delete!(groupId, created.outs);
        expect([...members()]).to.deep.equal([userIds[9]]);
    });
});
