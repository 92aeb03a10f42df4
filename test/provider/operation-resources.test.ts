import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { failure } from "../support/failure";
import { eventHookBody, startHookEndpoint } from "../support/hook-endpoint";
import { createUser } from "../support/org-client";

/** The operation resources through the dynamic provider, as the Pulumi host drives them. */
describe("provider: operation resources (run on create, again when triggers change)", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({
            seed: {
                users: [
                    { login: "mfa@example.com", email: "mfa@example.com", firstName: "M", lastName: "F", status: "ACTIVE", password: "Correct-Horse-9-Battery", factors: [{ type: "email", email: "mfa@example.com" }] },
                ],
            },
        });
    });
    afterEach(() => org.close());

    async function provider(type: string): Promise<pulumi.dynamic.ResourceProvider> {
        const p = dynamicProvider(type);
        const config: Record<string, string> = { "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN };
        await p.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key] } } as any);
        return p;
    }
    const statusOf = async (id: string) => (await org.api("GET", `/api/v1/users/${id}`)).body.status;

    it("ResetUserPassword: check, create runs the reset, diff replaces on a trigger change, read and delete call nothing", async () => {
        const p = await provider("ResetUserPassword");
        expect((await p.check!({}, { userId: "x", sendEmail: "yes" })).failures).to.deep.equal([{ property: "sendEmail", reason: "sendEmail must be boolean" }]);
        expect((await p.check!({}, { triggers: [1] })).failures).to.deep.equal([{ property: "userId", reason: "userId is required" }]);

        const user = await createUser(org, "reset@example.com");
        // As the engine does: `check` fills in the schema's defaults, and its result is what create and diff get.
        const inputs = (await p.check!({}, { userId: user.id, sendEmail: false, triggers: ["INC-1"] })).inputs!;
        expect(inputs).to.deep.equal({ userId: user.id, sendEmail: false, revokeSessions: false, triggers: ["INC-1"] });
        const created = await p.create(inputs);
        expect(await statusOf(user.id)).to.equal("RECOVERY");
        expect(created.outs.resetPasswordUrl).to.match(/^https?:\/\//);
        expect(created.outs).to.include({ userId: user.id, sendEmail: false });
        expect(created.outs.ranAt).to.be.a("string");

        expect(await p.diff!(created.id, created.outs, inputs)).to.deep.include({ changes: false, replaces: [] });
        expect(await p.diff!(created.id, created.outs, { ...inputs, triggers: ["INC-2"] })).to.deep.include({ changes: true, replaces: ["triggers"] });

        const logged = org.emulator.store.log.size;
        const read = await p.read!(created.id, created.outs);
        expect(read).to.deep.equal({ id: created.id, props: created.outs, inputs });
        await p.delete!(created.id, created.outs);
        expect(org.emulator.store.log.size).to.equal(logged, "neither read nor delete touched Okta");
    });

    it("UserLifecycleOperation: suspend now; an unknown operation fails check; Okta's refusal fails create", async () => {
        const p = await provider("UserLifecycleOperation");
        const user = await createUser(org, "lifecycle@example.com");
        expect((await p.check!({}, { userId: user.id, operation: "explode" })).failures?.[0].property).to.equal("operation");
        await p.create({ userId: user.id, operation: "suspend" });
        expect(await statusOf(user.id)).to.equal("SUSPENDED");
        expect((await failure(p.create({ userId: user.id, operation: "suspend" }))).errorCode).to.equal("E0000001");
        const activation = await p.create({ userId: (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { login: "s@example.com", email: "s@example.com", firstName: "S", lastName: "T" } } })).body.id, operation: "activate" });
        expect(activation.outs.activationUrl).to.be.a("string");
    });

    it("SetUserPassword, ClearUserSessions and UnenrollUserFactor run their operation", async () => {
        const user = await createUser(org, "ops@example.com");
        const set = await (await provider("SetUserPassword")).create({ userId: user.id, newPassword: "Fresh-Horse-8-Battery" });
        expect(set.outs.method).to.equal("set");
        // An old password given as a hash goes to Okta's change_password (not an admin set that would ignore it); the
        // emulator only checks plain old passwords, so it refuses the hash there.
        const oldHashPassword = { algorithm: "SHA-256", value: "aGFzaA==", salt: "c2FsdA==", saltOrder: "PREFIX" };
        const refused = await failure((await provider("SetUserPassword")).create({ userId: user.id, newPassword: "Second-Horse-9-Battery", oldHashPassword }));
        expect(refused.message).to.contain("/credentials/change_password");
        expect((await (await provider("SetUserPassword")).check!({}, { userId: user.id, newPassword: "" })).failures?.[0].property).to.equal("newPassword");

        await (await provider("ClearUserSessions")).create({ userId: user.id, oauthTokens: true });
        const cleared = [...org.emulator.store.log.all()].reverse().find((e) => e.eventType === "user.session.clear");
        expect(cleared?.debugContext.debugData).to.include({ revokeOauthTokens: true, forgetDevices: false });

        const factor = (await org.api("GET", "/api/v1/users/mfa@example.com/factors")).body[0];
        await (await provider("UnenrollUserFactor")).create({ userId: "mfa@example.com", factorId: factor.id });
        expect((await org.api("GET", "/api/v1/users/mfa@example.com/factors")).body).to.deep.equal([]);
    });

    it("VerifyEventHook: Okta verifies the hook against a receiver", async () => {
        const endpoint = await startHookEndpoint();
        try {
            const hook = (await org.api("POST", "/api/v1/eventHooks", { body: eventHookBody("Verified by Pulumi", endpoint.url) })).body;
            const created = await (await provider("VerifyEventHook")).create({ eventHookId: hook.id });
            expect(created.outs.verificationStatus).to.equal("VERIFIED");
            expect((await org.api("GET", `/api/v1/eventHooks/${hook.id}`)).body.verificationStatus).to.equal("VERIFIED");
        } finally {
            await endpoint.close();
        }
    });
});
