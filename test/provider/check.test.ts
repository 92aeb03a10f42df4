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

    it("refuses a new user declared SUSPENDED that Okta would create waiting for activation, and only then", async () => {
        const user = { login: "sue@example.com", email: "sue@example.com", status: "SUSPENDED" };
        const { failures } = await check("User", user);
        expect(failures).to.have.length(1);
        expect(failures![0].property).to.equal("status");
        expect(failures![0].reason).to.contain("a new user declared SUSPENDED needs `password` (or `passwordHash`)");
        expect((await check("User", { ...user, password: "Xq7-Secret-Pass-1" })).failures).to.equal(undefined);
        expect((await check("User", { ...user, passwordHash: { algorithm: "BCRYPT", value: "h", salt: "s", workFactor: 10 } })).failures).to.equal(undefined);
        expect((await check("User", { ...user, providerType: "FEDERATION" })).failures).to.equal(undefined);
        expect((await check("User", { ...user, adopt: true })).failures).to.equal(undefined);
        // In state already: the user may be ACTIVE by now; the lifecycle step says so if it is not.
        expect((await dynamicProvider("User").check!({ ...user, status: "ACTIVE" }, user)).failures).to.equal(undefined);
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

    describe("mistakes Okta would refuse, caught before any call", () => {
        const hook = { name: "h", url: "https://example.com/hook", eventTypes: ["user.lifecycle.create"] };
        const failuresOf = async (type: string, inputs: Record<string, unknown>) => (await check(type, inputs)).failures;

        it("refuses a hook URL over plain http to another host, but not to a loopback receiver", async () => {
            expect(await failuresOf("EventHook", { ...hook, url: "http://hooks.example.com/okta" })).to.deep.equal([
                {
                    property: "url",
                    reason: "url must use https: Okta delivers events only to HTTPS endpoints (plain http only to a loopback host such as 127.0.0.1, for a local receiver)",
                },
            ]);
            expect(await failuresOf("EventHook", { ...hook, url: "http://127.0.0.1:8080/hook" })).to.equal(undefined);
            expect(await failuresOf("EventHook", { ...hook, url: "http://localhost/hook" })).to.equal(undefined);
            expect(await failuresOf("EventHook", { ...hook, url: "https://user:pw@example.com/hook" })).to.deep.equal([
                { property: "url", reason: "url must not contain credentials (user:password@); send them with authHeaderValue" },
            ]);
        });

        it("refuses event types Okta does not offer to hooks, with the closest eligible one", async () => {
            expect(await failuresOf("EventHook", { ...hook, eventTypes: ["user.lifecycle.create", "user.lifecycle.created", "event_hook.delivery"] })).to.deep.equal([
                { property: "eventTypes.1", reason: "eventTypes.1 'user.lifecycle.created' is not an event type Okta offers for event hooks; did you mean 'user.lifecycle.create'?" },
                { property: "eventTypes.2", reason: "eventTypes.2 'event_hook.delivery' is not an event type Okta offers for event hooks" },
            ]);
            expect(await failuresOf("EventHook", { ...hook, eventTypes: ["user.lifecycle.create", UNKNOWN] })).to.equal(undefined);
        });

        it("refuses header names that are not HTTP field names", async () => {
            expect(await failuresOf("EventHook", { ...hook, headers: { "X Source": "okta" }, authHeaderName: "Auth:" })).to.deep.equal([
                { property: "headers.X Source", reason: "headers: 'X Source' is not a valid HTTP header name" },
                { property: "authHeaderName", reason: "authHeaderName 'Auth:' is not a valid HTTP header name" },
            ]);
        });

        it("refuses duplicate ids in a member list", async () => {
            expect(await failuresOf("GroupMembers", { groupId: "00g1", userIds: ["00u1", "00u2", "00u1"] })).to.deep.equal([
                { property: "userIds", reason: "userIds must NOT have duplicate items (items ## 2 and 0 are identical)" },
            ]);
        });

        it("refuses a resource's own org URL over plain http to another host", async () => {
            expect(await failuresOf("Group", { name: "g", connection: { orgUrl: "http://example.okta.com", apiToken: "t" } })).to.deep.equal([
                {
                    property: "connection.orgUrl",
                    reason: "connection.orgUrl 'http://example.okta.com' must use https (plain http is only allowed for loopback hosts such as 127.0.0.1)",
                },
            ]);
        });

        it("needs exactly one new password for SetUserPassword, and at most one old one", async () => {
            expect(await failuresOf("SetUserPassword", { userId: "00u1" })).to.deep.equal([
                { property: "newPassword", reason: "newPassword or newHashPassword is required" },
            ]);
            const hash = { algorithm: "BCRYPT", value: "h", salt: "s", workFactor: 10 };
            expect(await failuresOf("SetUserPassword", { userId: "00u1", newPassword: "p", newHashPassword: hash, oldPassword: "o", oldHashPassword: hash })).to.deep.equal([
                { property: "newHashPassword", reason: "give either newPassword or newHashPassword, not both" },
                { property: "oldHashPassword", reason: "give either oldPassword or oldHashPassword, not both" },
            ]);
            expect(await failuresOf("SetUserPassword", { userId: "00u1", newPassword: UNKNOWN })).to.equal(undefined);
        });

        it("reports a duplicate declaration the SDK found, on the resource's key property, and drops the marker", async () => {
            const result = await check("User", { login: "ada@example.com", email: "ada@example.com", __declarationConflict: "User 'b' declares the same login" });
            expect(result.failures).to.deep.equal([{ property: "login", reason: "User 'b' declares the same login" }]);
            expect(result.inputs).to.not.have.property("__declarationConflict");
            expect((await check("User", { login: "ada@example.com", email: "ada@example.com", __declarationConflict: UNKNOWN })).failures).to.equal(undefined);
        });
    });
});
