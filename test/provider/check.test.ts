import { expect } from "chai";
import { dynamicProvider } from "../../provider";
import { UNKNOWN } from "../../provider/schema";

/** `check` of every resource: ajv compiled from schema.json, defaults, cross-property rules; no Okta call involved. */
describe("provider: check validates inputs from schema.json", () => {
    const check = (type: string, inputs: Record<string, unknown>) => dynamicProvider(type).check!({}, inputs);

    it("fills in the schema's defaults", async () => {
        const { inputs } = await check("User", { login: "ada@example.com", email: "ada@example.com" });
        expect(inputs).to.include({ locale: "en_US", activate: true, provider: false, adopt: false });
        expect((await check("GroupMembers", { groupId: "00g1", userIds: [] })).inputs).to.include({ authoritative: false });
        expect((await check("AppUserAssignment", { appId: "0oa1", userId: "00u1" })).inputs).to.include({ scope: "USER" });
        const hook = await check("EventHook", { name: "h", url: "https://example.com/hook", eventTypes: ["user.lifecycle.create"] });
        expect(hook.inputs).to.include({ doNotActivateOnCreate: false, authHeaderName: "Authorization" });
    });

    it("keeps a value the program gave over the default", async () => {
        const { inputs } = await check("User", { login: "ada@example.com", email: "ada@example.com", locale: "fr_FR", activate: false });
        expect(inputs).to.include({ locale: "fr_FR", activate: false });
    });

    it("names the property in every failure, nested ones by their path", async () => {
        const { failures } = await check("User", {
            login: "ab",
            email: "not-an-email",
            status: "LOCKED_OUT",
            passwordHash: { algorithm: "ROT13", value: "x", extra: 1 },
            groupIds: ["00g1", 7],
            loginn: "typo",
        });
        expect(failures).to.deep.include.members([
            { property: "login", reason: "login must NOT have fewer than 5 characters" },
            { property: "email", reason: 'email must match format "email"' },
            { property: "status", reason: 'status must be one of "STAGED", "ACTIVE", "SUSPENDED", "DEPROVISIONED"' },
            { property: "passwordHash.algorithm", reason: 'passwordHash.algorithm must be one of "BCRYPT", "SHA-512", "SHA-256", "SHA-1", "MD5", "PBKDF2"' },
            { property: "passwordHash.extra", reason: "passwordHash.extra is not a property of passwordHash" },
            { property: "groupIds.1", reason: "groupIds.1 must be string" },
            { property: "loginn", reason: "loginn is not a property of this resource" },
        ]);
    });

    it("reports missing required inputs of each resource", async () => {
        const missing = async (type: string) => ((await check(type, {})).failures ?? []).map((f) => f.property).sort();
        expect(await missing("User")).to.deep.equal(["email", "login"]);
        expect(await missing("GroupMembership")).to.deep.equal(["groupId", "userId"]);
        expect(await missing("GroupMembers")).to.deep.equal(["groupId", "userIds"]);
        expect(await missing("AppUserAssignment")).to.deep.equal(["appId", "userId"]);
        expect(await missing("EventHook")).to.deep.equal(["eventTypes", "name", "url"]);
    });

    it("validates the event hook's URL and event types", async () => {
        const { failures } = await check("EventHook", { name: "h", url: "ftp://example.com", eventTypes: [] });
        expect(failures).to.deep.include.members([
            { property: "url", reason: 'url must match pattern "^https?://"' },
            { property: "eventTypes", reason: "eventTypes must NOT have fewer than 1 items" },
        ]);
    });

    it("applies the rules between properties that a JSON schema cannot state", async () => {
        const user = { login: "ada@example.com", email: "ada@example.com" };
        const failuresOf = async (type: string, inputs: Record<string, unknown>) => (await check(type, inputs)).failures;
        expect(await failuresOf("User", { ...user, password: "p", passwordHash: { algorithm: "BCRYPT", value: "h" } })).to.deep.equal([
            { property: "passwordHash", reason: "passwordHash and password cannot both be set: give the password or its hash" },
        ]);
        expect(await failuresOf("User", { ...user, nextLogin: "changePassword", status: "STAGED", password: "p" })).to.deep.equal([
            { property: "nextLogin", reason: "nextLogin changePassword needs the user to be activated at creation (Okta E0000125)" },
        ]);
        expect(await failuresOf("User", { ...user, recoveryQuestion: "Why?" })).to.deep.equal([
            { property: "recoveryAnswer", reason: "recoveryQuestion and recoveryAnswer are set together" },
        ]);
        const hook = { name: "h", url: "https://example.com/hook", eventTypes: ["user.lifecycle.create"] };
        expect(await failuresOf("EventHook", { ...hook, status: "ACTIVE", doNotActivateOnCreate: true })).to.have.length(1);
        expect(await failuresOf("EventHook", { ...hook, filters: { "group.user_membership.add": "true" } })).to.deep.equal([
            {
                property: "filters.group.user_membership.add",
                reason: "filters.group.user_membership.add filters an event type that is not in eventTypes",
            },
        ]);
    });

    it("accepts values not known yet during preview, also inside lists and as required inputs", async () => {
        expect((await check("User", { login: UNKNOWN, email: "ada@example.com", groupIds: ["00g1", UNKNOWN] })).failures).to.equal(undefined);
        expect((await check("GroupMembership", { groupId: UNKNOWN, userId: UNKNOWN })).failures).to.equal(undefined);
        // A rule between properties is not applied to a property still unknown.
        expect((await check("User", { login: "ada@example.com", email: "e@example.com", password: UNKNOWN, nextLogin: "changePassword" })).failures).to.equal(undefined);
        const hook = { name: "h", url: "https://example.com/hook" };
        expect((await check("EventHook", { ...hook, eventTypes: UNKNOWN, filters: { "user.lifecycle.create": "true" } })).failures).to.equal(undefined);
        expect((await check("EventHook", { ...hook, eventTypes: ["user.lifecycle.create"], filters: UNKNOWN })).failures).to.equal(undefined);
    });
});
