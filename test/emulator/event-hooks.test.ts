import { expect } from "chai";
import { holdUntil, HookReceiver, replyStatus } from "../support/hook-receiver";
import { OktaSpec } from "../support/openapi/spec";
import { validateSeed } from "../../emulator";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { expectOktaError } from "../support/okta-assertions";
import { needsReferenceData } from "../support/reference-data";

const SECRET = "s3cr3t-shared-value-for-the-receiver";

describe("emulator: /api/v1/eventHooks and event hook delivery over HTTP", () => {
    let org: TestOrg;
    let receiver: HookReceiver;

    beforeEach(async () => {
        receiver = await new HookReceiver().start();
        // Short outbound deadlines keep the timeout cases quick; behaviour is otherwise Okta's.
        org = await startTestOrg({ eventHooks: { timeoutMs: 400, retryDelayMs: 10 } });
    });
    afterEach(async () => {
        await org.close();
        await receiver.close();
    });


    const hookBody = (overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) => ({
        name: "Provisioning feed",
        events: { type: "EVENT_TYPE", items: ["group.lifecycle.create"] },
        channel: {
            type: "HTTP",
            version: "1.0.0",
            config: {
                uri: receiver.url,
                headers: [{ key: "X-Feed", value: "groups" }],
                authScheme: { type: "HEADER", key: "Authorization", value: SECRET },
                ...config,
            },
        },
        ...overrides,
    });

    const createHook = async (overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) => {
        const res = await org.api("POST", "/api/v1/eventHooks", { body: hookBody(overrides, config) });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body;
    };

    const verifiedHook = async (overrides: Record<string, unknown> = {}) => {
        const hook = await createHook(overrides);
        const verified = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
        expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
        return verified.body;
    };

    const createGroup = async (name: string) => {
        const res = await org.api("POST", "/api/v1/groups", { body: { profile: { name } } });
        expect(res.status).to.equal(200);
        return res.body;
    };

    const logEvents = async (filter: string) => {
        const res = await org.api("GET", `/api/v1/logs?filter=${encodeURIComponent(filter)}`);
        expect(res.status).to.equal(200);
        return res.body as any[];
    };

    describe("lifecycle and wire format", () => {
        it("creates an ACTIVE, UNVERIFIED hook shaped like recorded Okta responses and the spec", needsReferenceData(async () => {
            const hook = await createHook();
            expect(hook.id).to.match(/^who[0-9A-Za-z]{17}$/);
            expect(hook).to.include({ status: "ACTIVE", verificationStatus: "UNVERIFIED", name: "Provisioning feed", description: null });
            expect(hook.created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
            expect(hook.createdBy).to.match(/^00u[0-9A-Za-z]{17}$/);
            expect(hook.events).to.deep.equal({ type: "EVENT_TYPE", items: ["group.lifecycle.create"], filter: null });
            expect(hook.channel).to.deep.equal({
                type: "HTTP",
                version: "1.0.0",
                config: {
                    uri: receiver.url,
                    headers: [{ key: "X-Feed", value: "groups" }],
                    method: "POST",
                    authScheme: { type: "HEADER", key: "Authorization" },
                },
            });
            const self = `${org.url}/api/v1/eventHooks/${hook.id}`;
            expect(hook._links).to.deep.equal({
                self: { href: self },
                verify: { href: `${self}/lifecycle/verify`, hints: { allow: ["POST"] } },
                deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ["POST"] } },
            });
            expect(OktaSpec.load().schemaErrors("EventHook", hook)).to.deep.equal([]);
            expect((await org.api("GET", `/api/v1/eventHooks/${hook.id}`)).body).to.deep.equal(hook);
            expect((await org.api("GET", "/api/v1/eventHooks")).body).to.deep.equal([hook]);
            // The receiver is only called by verification, never on create.
            expect(receiver.requests).to.have.length(0);
        }));

        it("never returns the authScheme value and never logs it", async () => {
            const hook = await createHook();
            const responses = [
                await org.api("GET", `/api/v1/eventHooks/${hook.id}`),
                await org.api("GET", "/api/v1/eventHooks"),
                await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, { body: hookBody({ name: "renamed" }) }),
                await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`),
                await org.api("GET", "/api/v1/logs"),
            ];
            for (const res of responses) {
                expect(res.status).to.equal(200);
                expect(JSON.stringify(res.body)).not.to.contain(SECRET);
            }
        });

        it("honours status on PUT, switches links with it, and deletes only INACTIVE hooks (recorded crud sequence)", needsReferenceData(async () => {
            const hook = await createHook();
            const active = await org.api("DELETE", `/api/v1/eventHooks/${hook.id}`);
            expectOktaError(active, 403, "E0000006");
            expect(active.body.errorCauses[0].errorSummary).to.match(/INACTIVE/);

            const inactive = await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, {
                body: hookBody({ status: "INACTIVE", events: { type: "EVENT_TYPE", items: ["group.lifecycle.create", "group.profile.update"] } }),
            });
            expect(inactive.status).to.equal(200);
            expect(inactive.body.status).to.equal("INACTIVE");
            expect(inactive.body.events.items).to.deep.equal(["group.lifecycle.create", "group.profile.update"]);
            expect(Object.keys(inactive.body._links)).to.deep.equal(["activate", "self", "delete"]);
            expect(inactive.body._links.delete.hints).to.deep.equal({ allow: ["DELETE"] });
            expect(OktaSpec.load().schemaErrors("EventHook", inactive.body)).to.deep.equal([]);

            const reactivated = await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, { body: hookBody({ status: "ACTIVE" }) });
            expect(reactivated.body.status).to.equal("ACTIVE");
            const deactivated = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
            expect(deactivated.status).to.equal(200);
            expect(deactivated.body.status).to.equal("INACTIVE");
            expect((await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/activate`)).body.status).to.equal("ACTIVE");
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
            expect((await org.api("DELETE", `/api/v1/eventHooks/${hook.id}`)).status).to.equal(204);

            const gone = await org.api("GET", `/api/v1/eventHooks/${hook.id}`);
            expectOktaError(gone, 404, "E0000007");
            expect(gone.body.errorSummary).to.equal(`Not found: Resource not found: ${hook.id} (EventHook)`);
            expectOktaError(await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`), 404, "E0000007");
        }));

        it("records event_hook.created, updated, activated, deactivated, verified and deleted in the System Log", async () => {
            const hook = await createHook();
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, { body: hookBody({ name: "renamed" }) });
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/activate`);
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
            await org.api("DELETE", `/api/v1/eventHooks/${hook.id}`);
            const events = await logEvents(`target.id eq "${hook.id}"`);
            expect(events.map((e) => e.eventType)).to.deep.equal([
                "event_hook.created",
                "event_hook.verified",
                "event_hook.updated",
                "event_hook.deactivated",
                "event_hook.activated",
                "event_hook.deactivated",
                "event_hook.deleted",
            ]);
            expect(events[0].target[0]).to.include({ id: hook.id, type: "EventHook", displayName: "Provisioning feed" });
            expect(events[0].transaction.detail.requestApiTokenId).to.match(/^00T/);
        });
    });

    describe("validation", () => {
        const expectValidation = async (body: unknown, cause: RegExp) => {
            const res = await org.api("POST", "/api/v1/eventHooks", { body });
            expectOktaError(res, 400, "E0000001");
            expect(res.body.errorSummary).to.match(/^Api validation failed: /);
            expect(res.body.errorCauses.map((c: any) => c.errorSummary).join("\n")).to.match(cause);
        };

        it("refuses event types hooks cannot subscribe to, wrong types and missing fields", async () => {
            await expectValidation(hookBody({ events: { type: "EVENT_TYPE", items: ["user.lifecycle.delete.completed"] } }), /not eligible/);
            await expectValidation(hookBody({ events: { type: "EVENT_TYPE", items: ["event_hook.delivery"] } }), /not eligible/);
            await expectValidation(hookBody({ events: { type: "FLOW", items: ["user.lifecycle.create"] } }), /events.type/);
            await expectValidation(hookBody({ events: { type: "EVENT_TYPE", items: [] } }), /events.items/);
            await expectValidation(hookBody({ name: "" }), /^name: The field cannot be left blank/);
            await expectValidation(hookBody({ channel: { type: "HTTP", version: "2.0.0", config: { uri: receiver.url } } }), /channel.version/);
            await expectValidation(hookBody({ channel: { type: "SQS", version: "1.0.0", config: { uri: receiver.url } } }), /channel.type/);
            await expectValidation(hookBody({ colour: "blue" }), /colour/);
            await expectValidation({ ...hookBody(), events: "user.lifecycle.create" }, /events: The field cannot be left blank/);
        });

        it("requires HTTPS except for loopback receivers, and valid header names", async () => {
            await expectValidation(hookBody({}, { uri: "http://example.com/hook" }), /must use HTTPS/);
            await expectValidation(hookBody({}, { uri: "not a url" }), /not valid/);
            await expectValidation(hookBody({}, { uri: "https://user:pw@example.com/hook" }), /credentials/);
            await expectValidation(hookBody({}, { headers: [{ key: "Bad Header", value: "x" }] }), /header name/);
            await expectValidation(hookBody({}, { authScheme: { type: "BASIC", key: "Authorization", value: "x" } }), /authScheme.type/);
            expect((await org.api("POST", "/api/v1/eventHooks", { body: hookBody({}, { uri: "https://example.com/test" }) })).status).to.equal(200);
            expect((await org.api("POST", "/api/v1/eventHooks", { body: hookBody({}, { uri: "http://localhost:9/hook" }) })).status).to.equal(200);
        });

        it("checks filters: Expression Language syntax, supported fields, and only subscribed event types", needsReferenceData(async () => {
            const withFilter = (event: string, expression: string) =>
                hookBody({
                    events: {
                        type: "EVENT_TYPE",
                        items: ["group.lifecycle.create"],
                        filter: { type: "EXPRESSION_LANGUAGE", eventFilterMap: [{ event, condition: { expression } }] },
                    },
                });
            await expectValidation(withFilter("group.lifecycle.create", "event.target.?[type eq 'UserGroup'"), /Invalid expression/);
            await expectValidation(
                withFilter("group.lifecycle.create", "event.client.ipAddress eq '1.2.3.4'"),
                /Unsupported field 'event.client.ipAddress'/,
            );
            await expectValidation(withFilter("group.lifecycle.create", "event.eventType"), /Boolean/);
            await expectValidation(withFilter("user.lifecycle.create", "event.eventType eq 'x'"), /not one of the subscribed/);
            const sales = "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size() > 0";
            const created = await org.api("POST", "/api/v1/eventHooks", { body: withFilter("group.lifecycle.create", sales) });
            expect(created.status).to.equal(200);
            expect(created.body.events.filter).to.deep.equal({
                type: "EXPRESSION_LANGUAGE",
                eventFilterMap: [
                    { event: "group.lifecycle.create", condition: { version: null, expression: sales } },
                ],
            });
            expect(OktaSpec.load().schemaErrors("EventHook", created.body)).to.deep.equal([]);
        }));

        it("answers malformed bodies with E0000003 and never with a 500", async () => {
            expect((await org.api("POST", "/api/v1/eventHooks", { rawBody: "{not json" })).body.errorCode).to.equal("E0000003");
            expect((await org.api("POST", "/api/v1/eventHooks", { rawBody: "[]" })).body.errorCode).to.equal("E0000003");
            for (const body of [{ name: 42 }, { events: null, channel: [] }, { channel: { config: { headers: "x", authScheme: 7 } } }]) {
                const res = await org.api("POST", "/api/v1/eventHooks", { body });
                expect(res.status, JSON.stringify(body)).to.equal(400);
            }
        });
    });

    describe("verification", () => {
        it("GETs the URI with the challenge, the custom headers and the auth header, then marks the hook VERIFIED", needsReferenceData(async () => {
            const hook = await createHook();
            const res = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            expect(res.status).to.equal(200);
            expect(res.body.verificationStatus).to.equal("VERIFIED");
            expect(OktaSpec.load().schemaErrors("EventHook", res.body)).to.deep.equal([]);
            expect(receiver.requests).to.have.length(1);
            const [get] = receiver.requests;
            expect(get.method).to.equal("GET");
            expect(get.path).to.equal("/okta/events");
            expect(get.headers["x-okta-verification-challenge"]).to.match(/^[\w-]{20,}$/);
            expect(get.headers["x-feed"]).to.equal("groups");
            expect(get.headers.authorization).to.equal(SECRET);
        }));

        it("fails with 400 E0000001 when the reply does not echo the challenge, and logs the failed verification", async () => {
            receiver.replyAlways((_req, res) => res.end(JSON.stringify({ verification: "something else" })));
            const hook = await createHook();
            const res = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            expectOktaError(res, 400, "E0000001");
            expect(res.body.errorCauses[0].errorSummary).to.match(/^Verification failed/);
            expect(JSON.stringify(res.body)).not.to.contain(SECRET);
            expect((await org.api("GET", `/api/v1/eventHooks/${hook.id}`)).body.verificationStatus).to.equal("UNVERIFIED");
            const [logged] = await logEvents('eventType eq "event_hook.verified"');
            expect(logged.outcome).to.include({ result: "FAILURE" });
        });

        it("retries once after an error response", async () => {
            receiver.replyNext(replyStatus(503));
            const hook = await createHook();
            const res = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            expect(res.status).to.equal(200);
            expect(receiver.requests.map((r) => r.method)).to.deep.equal(["GET", "GET"]);
        });

        it("gives up after the retry when the receiver keeps timing out or cannot be reached", async () => {
            let release!: () => void;
            const released = new Promise<void>((resolve) => (release = resolve));
            receiver.replyAlways(holdUntil(released));
            const hook = await createHook();
            const res = await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            release();
            expectOktaError(res, 400, "E0000001");
            expect(res.body.errorCauses[0].errorSummary).to.match(/No response within 400 ms/);
            expect(receiver.requests).to.have.length(2);

            const unreachable = await createHook({}, { uri: "http://127.0.0.1:9/nothing-listens-here" });
            const refused = await org.api("POST", `/api/v1/eventHooks/${unreachable.id}/lifecycle/verify`);
            expectOktaError(refused, 400, "E0000001");
        });

        it("requires verifying again after the channel changes, and keeps the secret when a PUT omits it", async () => {
            const hook = await verifiedHook();
            const sameChannel = hookBody({ name: "renamed" }, { authScheme: { type: "HEADER", key: "Authorization" } });
            const renamed = await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, { body: sameChannel });
            expect(renamed.body).to.include({ name: "renamed", verificationStatus: "VERIFIED" });
            await createGroup("After rename");
            await org.emulator.hooks.idle();
            expect(receiver.posts()[0].headers.authorization).to.equal(SECRET);

            const moved = await org.api("PUT", `/api/v1/eventHooks/${hook.id}`, { body: hookBody({}, { uri: `${receiver.url}/v2` }) });
            expect(moved.body.verificationStatus).to.equal("UNVERIFIED");
        });
    });

    describe("delivery", () => {
        it("POSTs subscribed events in Okta's envelope with the hook's headers, after the API response", needsReferenceData(async () => {
            const hook = await verifiedHook();
            const group = await createGroup("Sales");
            await org.api("PUT", `/api/v1/groups/${group.id}`, { body: { profile: { name: "Sales EMEA" } } });
            await org.emulator.hooks.idle();

            const posts = receiver.posts();
            expect(posts).to.have.length(1);
            const [post] = posts;
            expect(post.headers["content-type"]).to.equal("application/json");
            expect(post.headers.accept).to.equal("application/json");
            expect(post.headers.authorization).to.equal(SECRET);
            expect(post.headers["x-feed"]).to.equal("groups");
            const envelope = post.json;
            expect(envelope).to.include({
                eventType: "com.okta.event_hook",
                eventTypeVersion: "1.0",
                cloudEventsVersion: "0.1",
                source: `${org.url}/api/v1/eventHooks/${hook.id}`,
                contentType: "application/json",
            });
            expect(envelope.eventId).to.match(/^[0-9a-f-]{36}$/);
            expect(Date.parse(envelope.eventTime)).to.be.a("number").and.not.NaN;
            expect(envelope.data.events).to.have.length(1);
            const [event] = envelope.data.events;
            expect(event.eventType).to.equal("group.lifecycle.create");
            expect(event.target[0]).to.include({ id: group.id, type: "UserGroup", displayName: "Sales" });
            expect(OktaSpec.load().schemaErrors("LogEvent", event)).to.deep.equal([]);
            // The delivered event is the one the System Log holds.
            const [logged] = await logEvents(`eventType eq "group.lifecycle.create" and target.id eq "${group.id}"`);
            expect(logged).to.deep.equal(event);
        }));

        it("does not block the API response while the receiver is slow", async () => {
            await verifiedHook();
            let release!: () => void;
            receiver.replyAlways(holdUntil(new Promise<void>((resolve) => (release = resolve))));
            // If delivery were synchronous, this request would wait for the held POST and the test would time out.
            await createGroup("Held");
            await receiver.received(2);
            release();
            await org.emulator.hooks.idle();
            expect(org.emulator.hooks.stats.delivered).to.equal(1);
        });

        it("delivers nothing to hooks that are UNVERIFIED or INACTIVE", async () => {
            await createHook();
            const inactive = await verifiedHook({ name: "inactive" });
            await org.api("POST", `/api/v1/eventHooks/${inactive.id}/lifecycle/deactivate`);
            await createGroup("Nobody hears this");
            await org.emulator.hooks.idle();
            expect(receiver.posts()).to.have.length(0);
        });

        it("retries a failed delivery once with the same eventId", async () => {
            await verifiedHook();
            receiver.replyNext(replyStatus(500));
            await createGroup("Retried");
            await org.emulator.hooks.idle();
            const posts = receiver.posts();
            expect(posts).to.have.length(2);
            expect(posts[1].json.eventId).to.equal(posts[0].json.eventId);
            expect(posts[1].body).to.equal(posts[0].body);
            expect(org.emulator.hooks.stats).to.include({ delivered: 1, retried: 1, failed: 0 });
            expect(await logEvents('eventType eq "event_hook.delivery"')).to.have.length(0);
        });

        it("records event_hook.delivery when the retry fails too, and does not retry a 4xx", needsReferenceData(async () => {
            const hook = await verifiedHook();
            receiver.replyNext(replyStatus(502), replyStatus(502), replyStatus(400));
            const first = await createGroup("Fails twice");
            await org.emulator.hooks.idle();
            await createGroup("Rejected");
            await org.emulator.hooks.idle();
            expect(receiver.posts()).to.have.length(3);

            const failures = await logEvents('eventType eq "event_hook.delivery"');
            expect(failures).to.have.length(2);
            expect(failures[0].outcome).to.deep.equal({ result: "FAILURE", reason: "Received HTTP 502" });
            expect(failures[0].target[0]).to.include({ id: hook.id, type: "EventHook" });
            expect(failures[0].debugContext.debugData).to.include({ eventHookId: hook.id, responseStatusCode: 502 });
            const [logged] = await logEvents(`target.id eq "${first.id}"`);
            expect(failures[0].debugContext.debugData.eventIds).to.equal(logged.uuid);
            expect(failures[1].outcome.reason).to.equal("Received HTTP 400");
            expect(OktaSpec.load().schemaErrors("LogEvent", failures[0])).to.deep.equal([]);
        }));

        it("treats a receiver that does not answer in time as a failure", async () => {
            await verifiedHook();
            let release!: () => void;
            const released = new Promise<void>((resolve) => (release = resolve));
            receiver.replyAlways(holdUntil(released));
            await createGroup("Too slow");
            await org.emulator.hooks.idle();
            release();
            expect(receiver.posts()).to.have.length(2);
            const [failure] = await logEvents('eventType eq "event_hook.delivery"');
            expect(failure.outcome.reason).to.equal("No response within 400 ms");
        });

        it("evaluates the hook's filter on each event", async () => {
            const hook = await createHook({
                events: {
                    type: "EVENT_TYPE",
                    items: ["group.lifecycle.create", "group.lifecycle.delete"],
                    filter: {
                        type: "EXPRESSION_LANGUAGE",
                        eventFilterMap: [
                            {
                                event: "group.lifecycle.create",
                                condition: { expression: "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size() > 0" },
                            },
                        ],
                    },
                },
            });
            await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
            await createGroup("Marketing");
            const sales = await createGroup("Sales");
            await org.api("DELETE", `/api/v1/groups/${sales.id}`);
            await org.emulator.hooks.idle();
            const delivered = receiver.posts().flatMap((p) => p.json.data.events.map((e: any) => `${e.eventType} ${e.target[0].displayName}`));
            // Deletes have no filter, so every delete passes.
            expect(delivered).to.deep.equal(["group.lifecycle.create Sales", "group.lifecycle.delete Sales"]);
        });

        it("bounds the queue: events beyond it are dropped and the drop is logged", async () => {
            await org.close();
            org = await startTestOrg({ eventHooks: { timeoutMs: 2000, maxQueuedEvents: 2 } });
            await verifiedHook();
            let release!: () => void;
            receiver.replyAlways(holdUntil(new Promise<void>((resolve) => (release = resolve))));
            for (const name of ["q1", "q2", "q3", "q4"]) {
                await createGroup(name);
            }
            expect(org.emulator.hooks.stats.dropped).to.equal(2);
            release();
            await org.emulator.hooks.idle();
            const drops = await logEvents('eventType eq "event_hook.delivery"');
            expect(drops).to.have.length(2);
            expect(drops[0].outcome.reason).to.match(/queue is full/);
        });

        it("resolves idle() at once when nothing is pending", async () => {
            await org.emulator.hooks.idle();
            await createGroup("No hooks at all");
            await org.emulator.hooks.idle();
            expect(org.emulator.hooks.stats).to.deep.equal({ delivered: 0, failed: 0, retried: 0, dropped: 0 });
        });
    });

    describe("seeds", () => {
        it("start the org with a VERIFIED hook that receives events at once", async () => {
            await org.close();
            const seededId = "who0123456789abcdefgh";
            org = await startTestOrg({ seed: { eventHooks: [{ id: seededId, verificationStatus: "VERIFIED", ...hookBody() }] } });
            const hook = await org.api("GET", `/api/v1/eventHooks/${seededId}`);
            expect(hook.body).to.include({ status: "ACTIVE", verificationStatus: "VERIFIED" });
            expect(JSON.stringify(hook.body)).not.to.contain(SECRET);
            await createGroup("Seeded delivery");
            await org.emulator.hooks.idle();
            expect(receiver.posts()).to.have.length(1);
            expect(receiver.posts()[0].headers.authorization).to.equal(SECRET);
        });

        it("are checked like API bodies, naming the entry", () => {
            const bad = { eventHooks: [{ ...hookBody({ events: { type: "EVENT_TYPE", items: ["nope.nothing"] } }) }] };
            expect(() => validateSeed(bad, "seed.yaml")).to.throw(/seed\.yaml: eventHooks\[0\]: events\.items: Event type 'nope\.nothing'/);
            expect(() => validateSeed({ logEvents: [{ eventType: "x" }] }, "seed.yaml")).to.throw(/logEvents\[0\]\.eventType/);
        });
    });
});

