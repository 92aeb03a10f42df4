import { expect } from "chai";
import type { OktaLogEvent } from "../../core/okta/types";
import { createEventHookReceiver, type EventHookDelivery } from "../../sdk/receiver";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { deliveriesDone, eventHookBody, startHookEndpoint, type HookEndpoint } from "../support/hook-endpoint";
import { clientOf, createUser } from "../support/org-client";
import { verifyEventHook } from "../../core/okta/operations";

const AUTH = { Authorization: "hook-secret-123" };

function logEvent(eventType: string, published: string, uuid: string): OktaLogEvent {
    return { uuid, published, eventType, version: "0", severity: "INFO", actor: { id: "00u1", type: "User" } };
}

function delivery(eventId: string, events: OktaLogEvent[]): EventHookDelivery {
    return {
        eventType: "com.okta.event_hook",
        eventTypeVersion: "1.0",
        cloudEventsVersion: "0.1",
        source: "https://example.okta.com/api/v1/eventHooks/who1",
        eventId,
        eventTime: new Date().toISOString(),
        contentType: "application/json",
        data: { events },
    };
}

describe("receiver: Okta's verification, auth header and deliveries over HTTP", () => {
    let endpoint: HookEndpoint;
    const handled: string[] = [];
    let failNext = false;

    beforeEach(async () => {
        handled.length = 0;
        endpoint = await startHookEndpoint({
            on: {
                "user.lifecycle.create": (event) => {
                    handled.push(`create ${event.uuid}`);
                },
            },
            onEvent: (event) => {
                if (failNext) {
                    failNext = false;
                    throw new Error("handler down");
                }
                handled.push(`any ${event.uuid}`);
            },
        });
    });
    afterEach(() => endpoint.close());

    const post = (body: unknown, headers: Record<string, string> = AUTH) =>
        fetch(endpoint.url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

    it("answers the verification challenge, and refuses a GET without one", async () => {
        const answer = await fetch(endpoint.url, { headers: { "x-okta-verification-challenge": "abc-123" } });
        expect(answer.status).to.equal(200);
        expect(await answer.json()).to.deep.equal({ verification: "abc-123" });
        expect((await fetch(endpoint.url)).status).to.equal(400);
    });

    it("refuses deliveries without the right auth header (401), and other methods (405)", async () => {
        const body = delivery("e1", [logEvent("user.lifecycle.create", "2026-01-01T00:00:00.000Z", "u1")]);
        expect((await post(body, {})).status).to.equal(401);
        expect((await post(body, { Authorization: "hook-secret-124" })).status).to.equal(401);
        expect((await fetch(endpoint.url, { method: "PUT", headers: AUTH })).status).to.equal(405);
        expect(handled).to.deep.equal([]);
    });

    it("hands each event to its typed handler and the catch-all, oldest first", async () => {
        const response = await post(
            delivery("e2", [
                logEvent("group.user_membership.add", "2026-01-01T00:00:02.000Z", "u3"),
                logEvent("user.lifecycle.create", "2026-01-01T00:00:01.000Z", "u2"),
            ]),
        );
        expect(response.status).to.equal(200);
        expect(handled).to.deep.equal(["create u2", "any u2", "any u3"]);
        expect(endpoint.deliveries.map((d) => d.eventId)).to.deep.equal(["e2"]);
    });

    it("acknowledges a repeated delivery without handling it again", async () => {
        const body = delivery("e3", [logEvent("user.lifecycle.create", "2026-01-01T00:00:00.000Z", "u4")]);
        expect((await post(body)).status).to.equal(200);
        expect((await post(body)).status).to.equal(200);
        expect(handled).to.deep.equal(["create u4", "any u4"]);
    });

    it("answers 500 when a handler fails, so Okta retries, and handles the retry", async () => {
        const body = delivery("e4", [logEvent("user.lifecycle.deactivate", "2026-01-01T00:00:00.000Z", "u5")]);
        failNext = true;
        expect((await post(body)).status).to.equal(500);
        expect((await post(body)).status).to.equal(200);
        expect(handled).to.deep.equal(["any u5"]);
    });

    it("refuses what is not an Okta delivery (400) and bodies that are too large (413)", async () => {
        expect((await post("not json")).status).to.equal(400);
        expect((await post({ eventId: "x", eventType: "something.else", data: { events: [] } })).status).to.equal(400);
        expect((await post({ eventType: "com.okta.event_hook", eventId: "x", data: {} })).status).to.equal(400);
        expect((await post({ eventType: "com.okta.event_hook", eventId: "x", data: { events: [], padding: "x".repeat(6 * 1024 * 1024) } })).status).to.equal(413);
    });

    it("needs an auth header to check unless explicitly told not to", async () => {
        expect(() => createEventHookReceiver({})).to.throw(/authorization/);
        expect(() => createEventHookReceiver({ authorization: { value: "" } })).to.throw(/must not be empty/);
        expect(createEventHookReceiver({ allowUnauthenticated: true })).to.be.a("function");
    });
});

describe("receiver: real deliveries from the emulator after verification", function () {
    this.timeout(20_000);
    let org: TestOrg;
    let endpoint: HookEndpoint;
    const created: OktaLogEvent[] = [];
    let refusals = 0;

    before(async () => {
        org = await startTestOrg();
        endpoint = await startHookEndpoint({
            on: { "user.lifecycle.create": (event) => void created.push(event) },
            onError: () => void refusals++,
        });
    });
    after(async () => {
        await endpoint.close();
        await org.close();
    });

    it("is verified by Okta, then receives the user.lifecycle.create event of a new user, with its auth header checked", async () => {
        const client = clientOf(org);
        try {
            const hook = (await org.api("POST", "/api/v1/eventHooks", { body: eventHookBody("Receiver test", endpoint.url) })).body;
            expect((await verifyEventHook(client, { eventHookId: hook.id })).verificationStatus).to.equal("VERIFIED");
            const user = await createUser(org, "delivered@example.com");
            await deliveriesDone(org);
            expect(created.map((e) => e.target?.[0]?.id)).to.deep.equal([user.id]);
            expect(endpoint.deliveries[0].source).to.contain(`/api/v1/eventHooks/${hook.id}`);
        } finally {
            await client.close();
        }
    });

    it("a hook whose auth value is wrong is refused by the receiver (Okta records a failed delivery)", async () => {
        const wrong = eventHookBody("Wrong secret", endpoint.url);
        wrong.channel.config.authScheme.value = "not-the-secret";
        const hook = (await org.api("POST", "/api/v1/eventHooks", { body: wrong })).body;
        const client = clientOf(org);
        try {
            await verifyEventHook(client, { eventHookId: hook.id });
            const before = endpoint.deliveries.length;
            await createUser(org, "refused@example.com");
            await deliveriesDone(org);
            expect(endpoint.deliveries.length).to.equal(before + 1, "only the correctly authenticated hook's delivery is accepted");
            expect(refusals).to.be.greaterThan(0);
        } finally {
            await client.close();
        }
    });
});
