import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { UNKNOWN } from "../../provider/schema";
import { failure } from "../support/failure";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/** Configures the Group provider as the Pulumi host would, from stack config. */
async function configuredGroupProvider(config: Record<string, string>): Promise<pulumi.dynamic.ResourceProvider> {
    const provider = dynamicProvider("Group");
    await provider.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key] } } as any);
    return provider;
}

describe("provider: Group handler against the emulator", () => {
    let org: TestOrg;
    let provider: pulumi.dynamic.ResourceProvider;
    beforeEach(async () => {
        org = await startTestOrg();
        provider = await configuredGroupProvider({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN });
    });
    afterEach(() => org.close());

    describe("check", () => {
        it("accepts valid inputs", async () => {
            expect(await provider.check!({}, { name: "Eng", description: "d" })).to.deep.equal({ inputs: { name: "Eng", description: "d", adopt: false } });
        });
        it("names the property of every failure", async () => {
            const { failures } = await provider.check!({}, { description: 5, nmae: "typo" });
            expect(failures).to.deep.include.members([
                { property: "name", reason: "name is required" },
                { property: "nmae", reason: "nmae is not a property of this resource" },
                { property: "description", reason: "description must be string" },
            ]);
            const tooLong = await provider.check!({}, { name: "x".repeat(256) });
            expect(tooLong.failures).to.deep.equal([{ property: "name", reason: "name must NOT have more than 255 characters" }]);
        });
        it("accepts values that are unknown during preview", async () => {
            expect((await provider.check!({}, { name: UNKNOWN })).failures).to.equal(undefined);
        });
    });

    it("creates, reads, updates and deletes, returning complete outputs", async () => {
        const created = await provider.create({ name: "Eng", description: "builders", __provider: "shim" });
        expect(created.id).to.match(/^00g/);
        expect(created.outs).to.include({ name: "Eng", description: "builders", type: "OKTA_GROUP" });
        // State holds what diff, refresh and the type check need, never Okta's timestamps (docs/state.md#what-state-holds).
        expect(created.outs).to.have.keys("name", "description", "type", "__inputs");
        expect(created.outs.__inputs, "the inputs the program gave (docs/pulumi-engine.md#refresh-inputs)").to.deep.equal(["description", "name"]);
        expect(org.emulator.store.groups.get(created.id)!.profile.name).to.equal("Eng");

        const read = await provider.read!(created.id, created.outs);
        expect(read).to.deep.equal({ id: created.id, props: created.outs, inputs: { name: "Eng", description: "builders" } });

        const diff = await provider.diff!(created.id, created.outs, { name: "Engineering", description: "builders" });
        expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect((await provider.diff!(created.id, created.outs, { name: "Eng", description: "builders" })).changes).to.equal(false);

        const updated = await provider.update!(created.id, created.outs, { name: "Engineering" });
        expect(updated.outs).to.include({ name: "Engineering", type: "OKTA_GROUP" });
        expect(updated.outs).not.to.have.property("description");
        expect(org.emulator.store.groups.get(created.id)!.profile.name).to.equal("Engineering");

        await provider.delete!(created.id, updated.outs);
        expect(org.emulator.store.groups.get(created.id)).to.equal(undefined);
    });

    it("reports a group deleted outside Pulumi as gone on refresh, and deleting it again succeeds", async () => {
        const created = await provider.create({ name: "Eng" });
        org.emulator.store.groups.delete(created.id);
        expect((await provider.read!(created.id, created.outs)).id).to.equal("");
        await provider.delete!(created.id, created.outs);
    });

    it("treats a missing and an empty description alike, so there is no perma-diff", async () => {
        const created = await provider.create({ name: "Eng" });
        expect((await provider.diff!(created.id, created.outs, { name: "Eng" })).changes).to.equal(false);
        expect((await provider.diff!(created.id, created.outs, { name: "Eng", description: "" })).changes).to.equal(false);
    });

    it("reports a change for a value unknown during preview", async () => {
        const created = await provider.create({ name: "Eng" });
        expect((await provider.diff!(created.id, created.outs, { name: UNKNOWN })).changes).to.equal(true);
    });

    it("refuses to change or delete the Everyone group with a clear message", async () => {
        const everyone = [...org.emulator.store.groups.values()].find((g) => g.type === "BUILT_IN")!;
        const state = { name: "Everyone", type: "BUILT_IN" };
        const err = await failure(provider.update!(everyone.id, state, { name: "All" }));
        expect(err.message).to.match(/is of type BUILT_IN: only OKTA_GROUP groups can be changed/);
        expect((await failure(provider.delete!(everyone.id, state))).message).to.match(/BUILT_IN/);
    });

    it("adopts an existing group by name when asked, instead of failing or duplicating", async () => {
        const existing = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng", description: "old" } } });
        const adopted = await provider.create({ name: "Eng", description: "managed now", adopt: true });
        expect(adopted.id).to.equal(existing.body.id);
        expect(adopted.outs).to.include({ name: "Eng", description: "managed now", adopt: true });
        expect(org.emulator.store.groups.get(existing.body.id)!.profile.description).to.equal("managed now");
        expect([...org.emulator.store.groups.values()].filter((g) => g.profile.name === "Eng")).to.have.length(1);
        // Without adopt, Okta's uniqueness error is what the user sees.
        expect((await failure(provider.create({ name: "Eng" }))).message).to.contain("E0000001");
    });

    it("sends the listed extra profile attributes; Okta refuses those its group schema does not define", async () => {
        // The emulator models only the default group schema (name, description), as an org without custom attributes.
        const err = await failure(provider.create({ name: "Eng", profileAttributes: { costCenter: "42" } }));
        expect(err.message).to.contain("E0000001");
        expect(err.message).to.contain("Property name 'costCenter' is not defined in profile");
        const created = await provider.create({ name: "Eng", profileAttributes: {} });
        expect(created.outs.profileAttributes).to.equal(undefined);
    });

    it("surfaces Okta's error with code and summary", async () => {
        await provider.create({ name: "Eng" });
        const err = await failure(provider.create({ name: "Eng" }));
        expect(err.message).to.contain("E0000001: Api validation failed: name");
    });
});

describe("provider: configuration", () => {
    const saved = { ...process.env };
    afterEach(() => {
        process.env = { ...saved };
    });

    it("names every missing setting and how to set it", async () => {
        delete process.env.OKTA_ORG_URL;
        delete process.env.OKTA_API_TOKEN;
        const provider = await configuredGroupProvider({});
        const err = await failure(provider.create({ name: "x" }));
        expect(err.message).to.contain("okta:orgUrl (or OKTA_ORG_URL)");
        expect(err.message).to.contain("okta:apiToken (or OKTA_API_TOKEN)");
        expect(err.message).to.contain("pulumi config set --secret okta:apiToken");
    });

    it("falls back to OKTA_ORG_URL and OKTA_API_TOKEN", async () => {
        const org = await startTestOrg();
        try {
            process.env.OKTA_ORG_URL = org.url;
            process.env.OKTA_API_TOKEN = TEST_TOKEN;
            const provider = await configuredGroupProvider({});
            expect((await provider.create({ name: "FromEnv" })).outs.name).to.equal("FromEnv");
        } finally {
            await org.close();
        }
    });

    it("refuses plain http to a non-loopback host", async () => {
        const provider = await configuredGroupProvider({ "okta:orgUrl": "http://example.okta.com", "okta:apiToken": "t" });
        expect((await failure(provider.create({ name: "x" }))).message).to.contain("must use https");
    });
});
