import { expect } from "chai";
import type { SeedDocument } from "../../emulator";
import type { OktaClient } from "../../core/client";
import * as ops from "../../core/okta/operations";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { failure } from "../support/failure";
import { eventHookBody, startHookEndpoint, type HookEndpoint } from "../support/hook-endpoint";
import { clientOf, createUser } from "../support/org-client";

/** Every operation of the typed API against the emulator; effects are checked with raw API reads. */
describe("operations: the typed API against the emulator", () => {
    let org: TestOrg;
    let client: OktaClient;

    beforeEach(async () => {
        const seed: SeedDocument = {
            users: [
                { login: "locked@example.com", email: "locked@example.com", firstName: "Lock", lastName: "Smith", status: "LOCKED_OUT", password: "Correct-Horse-9-Battery" },
                { login: "mfa@example.com", email: "mfa@example.com", firstName: "Multi", lastName: "Factor", status: "ACTIVE", password: "Correct-Horse-9-Battery", factors: [{ type: "sms", phoneNumber: "+15555550123" }] },
            ],
        };
        org = await startTestOrg({ seed });
        client = clientOf(org);
    });
    afterEach(async () => {
        await client.close();
        await org.close();
    });

    const statusOf = async (id: string) => (await org.api("GET", `/api/v1/users/${id}`)).body.status;
    const lastEvent = (type: string) => [...org.emulator.store.log.all()].reverse().find((e) => e.eventType === type);

    describe("user lifecycle", () => {
        it("activate (no email by default: returns the one-time activation link), deactivate, reactivate", async () => {
            const staged = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { login: "staged@example.com", email: "staged@example.com", firstName: "Stan", lastName: "Staged" } } })).body;
            expect(staged.status).to.equal("STAGED");
            const token = await ops.activateUser(client, { id: staged.id });
            expect(token.activationToken).to.be.a("string");
            expect(token.activationUrl).to.contain(token.activationToken);
            expect(await statusOf(staged.id)).to.equal("PROVISIONED");

            const again = await ops.reactivateUser(client, { id: "staged@example.com" });
            expect(again.activationToken).to.be.a("string");

            await ops.deactivateUser(client, { id: staged.id });
            expect(await statusOf(staged.id)).to.equal("DEPROVISIONED");
            expect(await ops.activateUser(client, { id: staged.id, sendEmail: true })).to.deep.equal({});
        });

        it("suspend and unsuspend; a wrong state is Okta's error", async () => {
            const user = await createUser(org, "suspend-me@example.com");
            await ops.suspendUser(client, { id: user.id });
            expect(await statusOf(user.id)).to.equal("SUSPENDED");
            const twice = await failure(ops.suspendUser(client, { id: user.id }));
            expect([twice.status, twice.errorCode]).to.deep.equal([400, "E0000001"]);
            await ops.unsuspendUser(client, { id: "suspend-me@example.com" });
            expect(await statusOf(user.id)).to.equal("ACTIVE");
        });

        it("unlock a LOCKED_OUT user", async () => {
            await ops.unlockUser(client, { id: "locked@example.com", sendEmail: true });
            expect(await statusOf("locked@example.com")).to.equal("ACTIVE");
        });

        it("an unknown user is Okta's 404; an empty id is refused before any request", async () => {
            expect((await failure(ops.suspendUser(client, { id: "ghost@example.com" }))).errorCode).to.equal("E0000007");
            const before = org.emulator.store.log.size;
            expect((await failure(ops.activateUser(client, { id: "" }))).name).to.equal("ArgumentError");
            expect(org.emulator.store.log.size).to.equal(before);
        });
    });

    describe("passwords and sessions", () => {
        it("resetPassword emails by default; without email it returns the reset link; revokeSessions is passed on", async () => {
            const user = await createUser(org, "forgetful@example.com");
            expect(await ops.resetPassword(client, { id: user.id })).to.deep.equal({});
            expect(await statusOf(user.id)).to.equal("RECOVERY");

            const other = await createUser(org, "forgetful2@example.com");
            const sessionsBefore = org.emulator.store.log.all().filter((e) => e.eventType === "user.session.clear").length;
            const link = await ops.resetPassword(client, { id: other.id, sendEmail: false, revokeSessions: true });
            expect(link.resetPasswordUrl).to.match(/^https?:\/\//);
            expect(org.emulator.store.log.all().filter((e) => e.eventType === "user.session.clear").length).to.equal(sessionsBefore + 1);
        });

        it("setPassword: admin set without the old password; change (checked) with it; a wrong old password is refused", async () => {
            const user = await createUser(org, "rotating@example.com");
            const set = await ops.setPassword(client, { userId: user.id, newPassword: "Another-Horse-7-Battery" });
            expect(set).to.deep.equal({ method: "set", sessionsRevoked: false });
            expect(lastEvent("user.account.update_password")?.target[0].id).to.equal(user.id);

            const changed = await ops.setPassword(client, {
                userId: user.id,
                oldPassword: "Another-Horse-7-Battery",
                newPassword: "Third-Horse-5-Battery",
                revokeSessions: true,
            });
            expect(changed).to.deep.equal({ method: "change", sessionsRevoked: true });
            expect(lastEvent("user.session.clear")?.target[0].id).to.equal(user.id);

            const wrong = await failure(ops.setPassword(client, { userId: user.id, oldPassword: "not-it", newPassword: "Fourth-Horse-3-Battery" }));
            expect(wrong.status).to.be.within(400, 403);
            expect(wrong.message).not.to.contain("Fourth-Horse-3-Battery");
        });

        it("setPassword with a hash and session revocation; exactly one new password is required", async () => {
            const staged = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { login: "hashed@example.com", email: "hashed@example.com", firstName: "Hash", lastName: "Brown" } } })).body;
            const hash = { algorithm: "BCRYPT" as const, workFactor: 10, salt: "rwh3vH166HCH/NT9XV5FYu", value: "qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna" };
            expect(await ops.setPassword(client, { userId: staged.id, newHashPassword: hash, revokeSessions: true })).to.deep.equal({ method: "set", sessionsRevoked: true });
            expect(lastEvent("user.session.clear")?.target[0].id).to.equal(staged.id);
            expect((await failure(ops.setPassword(client, { userId: staged.id }))).name).to.equal("ArgumentError");
            expect((await failure(ops.setPassword(client, { userId: staged.id, newPassword: "a", newHashPassword: hash }))).name).to.equal("ArgumentError");
        });

        it("clearUserSessions sends the product's defaults (no token revocation, devices kept) unless asked", async () => {
            const user = await createUser(org, "sessions@example.com");
            await ops.clearUserSessions(client, { userId: user.id });
            expect(lastEvent("user.session.clear")?.debugContext.debugData).to.include({ revokeOauthTokens: false, forgetDevices: false });
            await ops.clearUserSessions(client, { userId: user.id, oauthTokens: true, forgetDevices: true });
            expect(lastEvent("user.session.clear")?.debugContext.debugData).to.include({ revokeOauthTokens: true, forgetDevices: true });
        });

        it("unenrollFactor removes the factor", async () => {
            const factors = (await org.api("GET", "/api/v1/users/mfa@example.com/factors")).body;
            expect(factors).to.have.length(1);
            await ops.unenrollFactor(client, { userId: "mfa@example.com", factorId: factors[0].id, removeRecoveryEnrollment: true });
            expect((await org.api("GET", "/api/v1/users/mfa@example.com/factors")).body).to.deep.equal([]);
            expect((await failure(ops.unenrollFactor(client, { userId: "mfa@example.com", factorId: factors[0].id }))).status).to.equal(404);
        });
    });

    describe("event hooks", () => {
        let endpoint: HookEndpoint;
        beforeEach(async () => (endpoint = await startHookEndpoint()));
        afterEach(() => endpoint.close());

        const createHook = async (name: string, uri = endpoint.url) => (await org.api("POST", "/api/v1/eventHooks", { body: eventHookBody(name, uri) })).body;

        it("verify (our receiver answers the challenge), deactivate, activate", async () => {
            const hook = await createHook("Lifecycle");
            expect(hook.verificationStatus).to.equal("UNVERIFIED");
            expect((await ops.verifyEventHook(client, { eventHookId: hook.id })).verificationStatus).to.equal("VERIFIED");
            expect((await ops.deactivateEventHook(client, { eventHookId: hook.id })).status).to.equal("INACTIVE");
            expect((await ops.activateEventHook(client, { eventHookId: hook.id })).status).to.equal("ACTIVE");
        });

        it("verify fails with Okta's error when the endpoint does not answer the challenge", async () => {
            const hook = await createHook("Nobody home", "http://127.0.0.1:9/nothing");
            expect((await failure(ops.verifyEventHook(client, { eventHookId: hook.id }))).status).to.equal(400);
        });

        it("deleteAllEventHooks: only those with the URL, deactivating active ones first; then all", async () => {
            const a = await createHook("A");
            const b = await createHook("B", "https://elsewhere.example.com/hook");
            const c = await createHook("C");
            await ops.deactivateEventHook(client, { eventHookId: c.id });
            const some = await ops.deleteAllEventHooks(client, { url: endpoint.url });
            expect(some.deleted.map((h) => h.id).sort()).to.deep.equal([a.id, c.id].sort());
            expect((await org.api("GET", "/api/v1/eventHooks")).body.map((h: any) => h.id)).to.deep.equal([b.id]);
            expect((await ops.deleteAllEventHooks(client)).deleted.map((h) => h.name)).to.deep.equal(["B"]);
            expect((await org.api("GET", "/api/v1/eventHooks")).body).to.deep.equal([]);
        });
    });

    describe("raw request", () => {
        it("sends a path relative to /api/v1 with query, headers and a JSON body", async () => {
            const created = await ops.rawRequest(client, { method: "POST", url: "/groups", data: { profile: { name: "Raw" } } });
            expect(created.status).to.equal(200);
            expect(created.requestId).to.be.a("string");
            const listed = await ops.rawRequest(client, { method: "GET", url: "groups", queryParams: { q: "Raw" }, headers: { "X-Custom": "1" } });
            expect((listed.body as any[]).map((g) => g.id)).to.deep.equal([(created.body as any).id]);
            const deleted = await ops.rawRequest(client, { method: "DELETE", url: `/api/v1/groups/${(created.body as any).id}` });
            expect(deleted.status).to.equal(204);
        });

        it("refuses absolute URLs and unknown methods; Okta errors are errors", async () => {
            expect((await failure(ops.rawRequest(client, { method: "GET", url: "https://evil.example.com/api/v1/users" }))).name).to.equal("ArgumentError");
            expect((await failure(ops.rawRequest(client, { method: "FETCH" as any, url: "/users" }))).name).to.equal("ArgumentError");
            expect((await failure(ops.rawRequest(client, { method: "GET", url: "/groups/00gmissing" }))).errorCode).to.equal("E0000007");
        });
    });
});
