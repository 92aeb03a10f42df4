import { expect } from "chai";
import { dynamicProvider } from "../../../provider";
import { failure } from "../../support/failure";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";

describe("provider: a resource's own connection", () => {
    let stackOrg: TestOrg;
    let otherOrg: TestOrg;
    const provider = dynamicProvider("Group");

    before(async () => {
        stackOrg = await startTestOrg();
        otherOrg = await startTestOrg();
        await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": stackOrg.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
    });
    after(async () => {
        await stackOrg.close();
        await otherOrg.close();
    });

    const namesIn = (org: TestOrg) => [...org.emulator.store.groups.values()].map((g) => g.profile.name);

    it("creates, reads, updates and deletes in the org it names, not the stack's", async () => {
        const connection = { orgUrl: otherOrg.url, apiToken: TEST_TOKEN };
        const created = await provider.create({ name: "Elsewhere", connection });
        expect(namesIn(otherOrg)).to.include("Elsewhere");
        expect(namesIn(stackOrg)).not.to.include("Elsewhere");
        expect(created.outs.connection).to.deep.equal(connection);

        const read = await provider.read!(created.id, created.outs);
        expect(read.props).to.include({ name: "Elsewhere" });
        expect(read.inputs!.connection).to.deep.equal(connection);

        const updated = await provider.update!(created.id, read.props, { name: "Elsewhere 2", connection });
        expect(updated.outs.name).to.equal("Elsewhere 2");
        await provider.delete!(created.id, updated.outs);
        expect(namesIn(otherOrg)).not.to.include("Elsewhere 2");
    });

    it("a new token for the same org changes state only; another org replaces the object", async () => {
        const connection = { orgUrl: otherOrg.url, apiToken: TEST_TOKEN };
        const created = await provider.create({ name: "Rotated", connection });
        const rotated = { ...connection, apiToken: "rotated-token-0000000000" };
        expect(await provider.diff!(created.id, created.outs, { name: "Rotated", connection: rotated })).to.deep.equal({
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
        const before = otherOrg.emulator.store.groups.get(created.id)!.lastUpdated;
        const updated = await provider.update!(created.id, created.outs, { name: "Rotated", connection: rotated });
        expect(updated.outs.connection).to.deep.equal(rotated);
        expect(otherOrg.emulator.store.groups.get(created.id)!.lastUpdated).to.equal(before);

        const moved = await provider.diff!(created.id, created.outs, { name: "Rotated", connection: { orgUrl: stackOrg.url, apiToken: TEST_TOKEN } });
        expect(moved.replaces).to.deep.equal(["connection"]);
        expect((await provider.diff!(created.id, created.outs, { name: "Rotated" })).replaces).to.deep.equal(["connection"]);
        // Naming the stack's own org explicitly is not a move.
        const inStackOrg = await provider.create({ name: "Here" });
        const explicit = await provider.diff!(inStackOrg.id, inStackOrg.outs, { name: "Here", connection: { orgUrl: `${stackOrg.url}/`, apiToken: TEST_TOKEN } });
        expect(explicit).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("never falls back to the stack's or the environment's token for another org", async () => {
        process.env.OKTA_API_TOKEN = TEST_TOKEN;
        try {
            const err = await failure(provider.create({ name: "NoToken", connection: { orgUrl: otherOrg.url } }));
            expect(err.message).to.contain("okta:apiToken");
            expect(namesIn(otherOrg)).not.to.include("NoToken");
        } finally {
            delete process.env.OKTA_API_TOKEN;
        }
    });
});
