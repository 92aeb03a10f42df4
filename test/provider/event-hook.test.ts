import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { TEST_TOKEN } from "../support/emulator";
import { failure } from "../support/failure";
import { HookReceiver, replyStatus } from "../support/hook-receiver";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";

describe("provider: EventHook against the emulator", () => {
    let org: RecordingOrg;
    let receiver: HookReceiver;
    let provider: pulumi.dynamic.ResourceProvider;
    let hook: Record<string, unknown>;

    beforeEach(async () => {
        org = await startRecordingOrg();
        receiver = await new HookReceiver().start();
        provider = dynamicProvider("EventHook");
        await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
        hook = (
            await provider.check!({}, {
                name: "user events",
                url: receiver.url,
                description: "to the audit service",
                eventTypes: ["user.lifecycle.create", "group.user_membership.add"],
                headers: { "X-Source": "okta" },
                authHeaderValue: "Bearer hook-s3cret",
                filters: { "user.lifecycle.create": "event.target.?[type eq 'User'].size() > 0" },
            })
        ).inputs;
    });
    afterEach(async () => {
        await org.close();
        await receiver.close();
    });

    const live = async (id: string) => (await org.api("GET", `/api/v1/eventHooks/${id}`)).body;

    it("creates an ACTIVE hook, verified by its endpoint, with headers, auth and filters; reads it back without a diff", async () => {
        const created = await provider.create(hook);
        expect(created.id).to.match(/^who/);
        expect(created.outs).to.include({ name: "user events", url: receiver.url, status: "ACTIVE", verificationStatus: "VERIFIED" });
        expect(created.outs).to.include({ authHeaderName: "Authorization", authHeaderValue: "Bearer hook-s3cret" });
        expect(created.outs.headers).to.deep.equal({ "X-Source": "okta" });
        expect(created.outs.filters).to.deep.equal(hook.filters);
        const challenge = receiver.requests.find((r) => r.method === "GET")!;
        expect(challenge.headers).to.include({ authorization: "Bearer hook-s3cret", "x-source": "okta" });
        const okta = await live(created.id);
        expect(okta.channel.config.authScheme).to.deep.equal({ type: "HEADER", key: "Authorization" });

        const read = await provider.read!(created.id, created.outs);
        expect(read.props).to.deep.equal(created.outs);
        expect((await provider.diff!(created.id, read.props!, hook)).changes).to.equal(false);
    });

    it("with doNotActivateOnCreate: INACTIVE and no verification request; removing the flag activates and verifies", async () => {
        const created = await provider.create({ ...hook, doNotActivateOnCreate: true });
        expect(created.outs).to.include({ status: "INACTIVE", verificationStatus: "UNVERIFIED" });
        expect(receiver.requests).to.deep.equal([]);
        expect((await provider.diff!(created.id, created.outs, { ...hook, doNotActivateOnCreate: true })).changes).to.equal(false);

        const activate = { ...hook, doNotActivateOnCreate: false };
        expect((await provider.diff!(created.id, created.outs, activate)).changes).to.equal(true);
        const updated = await provider.update!(created.id, created.outs, activate);
        expect(updated.outs).to.include({ status: "ACTIVE", verificationStatus: "VERIFIED" });
    });

    it("updates in place, re-verifies after a channel change, and follows status", async () => {
        const created = await provider.create(hook);
        const renamed = { ...hook, name: "all user events", eventTypes: ["user.lifecycle.create"], filters: {}, authHeaderValue: "Bearer rotated" };
        const diff = await provider.diff!(created.id, created.outs, renamed);
        expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        receiver.requests.length = 0;
        const updated = await provider.update!(created.id, created.outs, renamed);
        expect(updated.outs).to.include({ name: "all user events", verificationStatus: "VERIFIED", authHeaderValue: "Bearer rotated" });
        expect(updated.outs.filters).to.equal(undefined);
        expect(receiver.requests.filter((r) => r.method === "GET")[0].headers.authorization).to.equal("Bearer rotated");

        const inactive = await provider.update!(created.id, updated.outs, { ...renamed, status: "INACTIVE" });
        expect(inactive.outs.status).to.equal("INACTIVE");
        expect((await live(created.id)).status).to.equal("INACTIVE");
    });

    it("finds drift made in Okta and restores it", async () => {
        const created = await provider.create(hook);
        await org.api("POST", `/api/v1/eventHooks/${created.id}/lifecycle/deactivate`);
        const read = await provider.read!(created.id, created.outs);
        expect(read.props!.status).to.equal("INACTIVE");
        expect((await provider.diff!(created.id, read.props!, hook)).changes).to.equal(true);
        const restored = await provider.update!(created.id, read.props!, hook);
        expect(restored.outs.status).to.equal("ACTIVE");
    });

    it("a failed verification leaves the hook in state, unverified, with a message that says what the endpoint must do", async () => {
        receiver.replyAlways(replyStatus(500));
        const err = await failure(provider.create({ ...hook, __provider: "shim" }));
        expect(err.message).to.contain("was not verified");
        expect(err.message).to.contain("x-okta-verification-challenge");
        expect(err.message).not.to.contain("hook-s3cret");
        expect(err.id).to.match(/^who/);
        expect(err.properties).to.include({ verificationStatus: "UNVERIFIED", __provider: "shim" });
        // The next `up` tries again.
        expect((await provider.diff!(err.id, err.properties, hook)).changes).to.equal(true);
    });

    it("adopts an existing hook by name (or URL) instead of creating another", async () => {
        const existing = await org.api("POST", "/api/v1/eventHooks", {
            body: {
                name: "user events",
                events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] },
                channel: { type: "HTTP", version: "1.0.0", config: { uri: receiver.url } },
            },
        });
        expect(existing.status).to.equal(200);
        const adopted = await provider.create({ ...hook, adopt: true });
        expect(adopted.id).to.equal(existing.body.id);
        expect(adopted.outs).to.include({ verificationStatus: "VERIFIED", authHeaderValue: "Bearer hook-s3cret" });
        expect((await org.api("GET", "/api/v1/eventHooks")).body).to.have.length(1);
    });

    it("deactivates, then deletes", async () => {
        const created = await provider.create(hook);
        org.clearRequests();
        await provider.delete!(created.id, created.outs);
        expect(org.writes().map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
            `POST /api/v1/eventHooks/${created.id}/lifecycle/deactivate 200`,
            `DELETE /api/v1/eventHooks/${created.id} 204`,
        ]);
        expect((await provider.read!(created.id, created.outs)).id).to.equal("");
    });
});
