import { expect } from "chai";
import { loadCassette, recordedJson } from "../support/cassettes/cassette";
import { POLICY_TYPES } from "../../emulator/areas/policies/model";
import { SIGN_ON_MODES } from "../../emulator/areas/apps/model";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { HookReceiver } from "../support/hook-receiver";
import { authorizationCode, clientAssertion, oauthSeed, pkcePair, REDIRECT_URI, SERVICE_ES_CLIENT_ID, testKey, WEB_CLIENT_ID, WEB_CLIENT_SECRET, basicAuth } from "../support/oauth";
import { Conformance } from "../support/openapi/conformance";
import { isAnalogyEvidence, isRecordedEvidence, isSchemaException, SPEC_EXCEPTIONS } from "../support/openapi/exceptions";
import { OktaSpec } from "../support/openapi/spec";
import { skipWithoutReferenceData } from "../support/reference-data";

/**
 * Every operation the emulator serves answers with bodies that validate against Okta's own OpenAPI spec (the
 * reference data's `openapi/`, test/support/reference-data.ts), success and declared errors alike. Each exercise
 * below creates what it needs over HTTP; the last test fails when a route the emulator serves has no validated 2xx
 * response.
 */
describe("conformance: emulator responses against Okta's OpenAPI spec", function () {
    this.timeout(120_000);
    let spec: OktaSpec;
    let org: TestOrg;
    let c: Conformance;

    let receiver: HookReceiver;

    before(async function () {
        skipWithoutReferenceData(this);
        spec = OktaSpec.load();
        receiver = await new HookReceiver().start();
        const oauth = await oauthSeed(["okta.groups.read", "okta.users.read"]);
        org = await startTestOrg({
            // No buckets, so no limits: the exercises run back to back; the 429 is checked on its own org below.
            rateLimits: { buckets: [] },
            seed: {
                ...oauth,
                // One app per sign-on mode, so each branch of the spec's Application discriminator is checked.
                apps: CONFORMANCE_APPS as never,
                // One policy of each type the org does not create itself.
                policies: POLICY_TYPES.map((type, i) => ({
                    type,
                    name: `Conformance ${type}`,
                    priority: 9,
                    ...(TYPES_WITH_CONDITIONS.includes(type) ? { conditions: {} } : {}),
                    id: `00pconformance${String(i).padStart(6, "0")}`,
                    // So `expand=rules` embeds one.
                    rules: [{ id: `0prconformance${String(i).padStart(6, "0")}`, name: `Conformance ${type} rule`, type }],
                })) as never,
                users: [
                    { login: "locked@example.com", firstName: "Lo", lastName: "Cked", status: "LOCKED_OUT", password: "Xylophone42" },
                    {
                        login: "mfa@example.com",
                        firstName: "Mf",
                        lastName: "A",
                        password: "Xylophone42",
                        factors: [
                            { type: "sms", phoneNumber: "+15551234567" },
                            { type: "call", phoneNumber: "+15557654321" },
                            { type: "email" },
                            { type: "question" },
                            { type: "token:software:totp" },
                            { type: "push" },
                        ],
                    },
                ],
            },
        });
        c = new Conformance(spec, org);
    });
    after(async () => {
        await org?.close();
        await receiver?.close();
    });

    const NO_SUCH = "00u0nosuchobject0000";
    const BROWSER_PLUGIN_APP = appId("BROWSER_PLUGIN");
    const person = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Conformance" });

    describe("the spec as loaded", () => {
        it("has no schema keyword the converter does not understand", () => {
            expect(spec.unknownKeywords()).to.deep.equal([]);
        });

        for (const exception of SPEC_EXCEPTIONS) {
            const target = isSchemaException(exception)
                ? `${exception.schema}${exception.pointer}`
                : `${exception.operationId} ${exception.status}`;
            const evidence = exception.evidence;
            if (isRecordedEvidence(evidence)) {
                it(`exception ${target} is shown by recorded traffic`, () => {
                    const recorded = loadCassette(evidence.cassette).interactions.find((i) => i.id === evidence.interaction)!;
                    const published = OktaSpec.load({ amended: false });
                    const operation = published.find(recorded.method, recorded.url.pathname)!;
                    const body = recordedJson(recorded);
                    const asPublished = published.check(operation, recorded.status, body);
                    expect(asPublished.errors.map((e) => e.instancePath), "the published spec rejects the recorded body there").to.include(evidence.instancePath);
                    expect(spec.check(operation, recorded.status, body).errors, "the amended spec accepts it").to.deep.equal([]);
                });
            } else if (isAnalogyEvidence(evidence)) {
                it(`exception ${target} is like ${evidence.like}, which is shown by recorded traffic`, () => {
                    const model = SPEC_EXCEPTIONS.find((e) => !isSchemaException(e) && `${e.operationId} ${e.status}` === evidence.like);
                    expect(model && isRecordedEvidence(model.evidence), "the model exception has recorded evidence").to.equal(true);
                    const [modelOperation, modelStatus] = evidence.like.split(" ");
                    const own = exception as { operationId: string; status: string };
                    // The same declared content (descriptions aside), as published and as amended.
                    for (const view of [OktaSpec.load({ amended: false }), spec]) {
                        const content = (operationId: string, status: string) =>
                            JSON.stringify((view.declaredResponse(exception.document, operationId, status) as { content?: unknown })?.content);
                        expect(content(own.operationId, own.status)).to.equal(content(modelOperation, modelStatus));
                    }
                });
            } else {
                it(`exception ${target} is shown by the spec's own text`, () => {
                    const published = OktaSpec.load({ amended: false });
                    const description = isSchemaException(exception)
                        ? published.schemaAt(exception.document, exception.schema, exception.pointer)?.description
                        : published.operation(exception.document, exception.operationId)?.description;
                    expect(description).to.include(evidence.quote);
                });
            }
        }
    });

    describe("groups", () => {
        it("create, read, list, search, replace, delete", async () => {
            const created = await c.call("POST", "/api/v1/groups", { body: { profile: { name: "Conformance", description: "d" } }, expect: 200 });
            const id = created.body.id;
            await c.call("GET", `/api/v1/groups/${id}`, { expect: 200 });
            await c.call("GET", `/api/v1/groups/${id}?expand=stats`, { expect: 200 });
            await c.call("GET", "/api/v1/groups?limit=1", { expect: 200 });
            await c.call("GET", "/api/v1/groups?q=Conf", { expect: 200 });
            await c.call("GET", `/api/v1/groups?filter=${encodeURIComponent('type eq "BUILT_IN"')}`, { expect: 200 });
            await c.call("GET", `/api/v1/groups?search=${encodeURIComponent('profile.name sw "C"')}&sortBy=profile.name`, { expect: 200 });
            await c.call("GET", "/api/v1/groups?expand=stats,app&limit=1", { expect: 200 });
            await c.call("PUT", `/api/v1/groups/${id}`, { body: { profile: { name: "Conformance 2" } }, expect: 200 });
            await c.call("DELETE", `/api/v1/groups/${id}`, { expect: 204 });
        });

        it("errors: unknown id, invalid profile, built-in group, bad token", async () => {
            await c.call("GET", "/api/v1/groups/00gnonexistent0000000", { expect: 404 });
            await c.call("DELETE", "/api/v1/groups/00gnonexistent0000000", { expect: 404 });
            await c.call("POST", "/api/v1/groups", { body: { profile: {} }, expect: 400 });
            await c.call("PUT", "/api/v1/groups/00gnonexistent0000000", { body: { profile: { name: "x" } }, expect: 404 });
            const everyone = (await c.call("GET", "/api/v1/groups?q=Everyone", { expect: 200 })).body[0];
            await c.call("PUT", `/api/v1/groups/${everyone.id}`, { body: { profile: { name: "x" } }, expect: 403 });
            await c.call("GET", "/api/v1/groups", { headers: { Authorization: "SSWS wrong" }, expect: 401 });
        });
    });

    describe("group members", () => {
        it("add, list, remove; errors for unknown objects and built-in groups", async () => {
            const group = (await c.call("POST", "/api/v1/groups", { body: { profile: { name: "Members conformance" } }, expect: 200 })).body;
            const user = (await c.call("POST", "/api/v1/users?activate=false", { body: { profile: person("gm") }, expect: 200 })).body;
            await c.call("PUT", `/api/v1/groups/${group.id}/users/${user.id}`, { expect: 204 });
            expect((await c.call("GET", `/api/v1/groups/${group.id}/users?limit=200`, { expect: 200 })).body).to.have.length(1);
            await c.call("GET", `/api/v1/groups/${group.id}/users?limit=1`, { expect: 200 });
            await c.call("GET", `/api/v1/groups?expand=stats&q=Members`, { expect: 200 });
            await c.call("DELETE", `/api/v1/groups/${group.id}/users/${user.id}`, { expect: 204 });
            await c.call("PUT", `/api/v1/groups/${group.id}/users/${NO_SUCH}`, { expect: 404 });
            await c.call("DELETE", `/api/v1/groups/${group.id}/users/${NO_SUCH}`, { expect: 404 });
            await c.call("GET", "/api/v1/groups/00g0nosuchobject0000/users", { expect: 404 });
            const everyone = (await c.call("GET", "/api/v1/groups?q=Everyone", { expect: 200 })).body[0];
            await c.call("PUT", `/api/v1/groups/${everyone.id}/users/${user.id}`, { expect: 404 });
        });
    });

    describe("applications and their user assignments", () => {
        it("list (q, filter, paging) and read every sign-on mode", async () => {
            const apps = (await c.call("GET", "/api/v1/apps?limit=200", { expect: 200 })).body;
            expect(apps.map((a: { signOnMode: string }) => a.signOnMode)).to.include.members([...SIGN_ON_MODES]);
            await c.call("GET", "/api/v1/apps?limit=2", { expect: 200 });
            await c.call("GET", "/api/v1/apps?q=Conformance", { expect: 200 });
            await c.call("GET", `/api/v1/apps?filter=${encodeURIComponent('status eq "ACTIVE"')}`, { expect: 200 });
            for (const app of apps) {
                await c.call("GET", `/api/v1/apps/${app.id}`, { expect: 200 });
            }
            await c.call("GET", "/api/v1/apps/0oa0nosuchobject0000", { expect: 404 });
        });

        it("assign, read, list, update, unassign a user; errors", async () => {
            const app = BROWSER_PLUGIN_APP;
            const user = (await c.call("POST", "/api/v1/users?activate=true", { body: { profile: person("au"), credentials: { password: { value: "Xylophone42" } } }, expect: 200 })).body;
            await c.call("POST", `/api/v1/apps/${app}/users`, { body: { id: user.id, scope: "USER", credentials: { userName: "au", password: { value: "Secret123" } } }, expect: 200 });
            await c.call("GET", `/api/v1/apps/${app}/users/${user.id}`, { expect: 200 });
            await c.call("GET", `/api/v1/apps/${app}/users?limit=1`, { expect: 200 });
            await c.call("GET", `/api/v1/apps/${app}/users?expand=user`, { expect: 200 });
            await c.call("GET", `/api/v1/apps/${app}/users/${user.id}?expand=user`, { expect: 200 });
            await c.call("GET", `/api/v1/apps?filter=${encodeURIComponent(`user.id eq "${user.id}"`)}&expand=user/${user.id}`, { expect: 200 });
            await c.call("POST", `/api/v1/apps/${app}/users/${user.id}`, { body: { credentials: { userName: "au2" } }, expect: 200 });
            await c.call("GET", `/api/v1/users/${user.id}/appLinks`, { expect: 200 });
            await c.call("GET", `/api/v1/users/${user.id}/roles`, { expect: 200 });
            const me = (await c.call("GET", "/api/v1/users/me", { expect: 200 })).body;
            await c.call("GET", `/api/v1/users/${me.id}/roles`, { expect: 200 });
            await c.call("DELETE", `/api/v1/apps/${app}/users/${user.id}`, { expect: 204 });
            await c.call("GET", `/api/v1/apps/${app}/users/${user.id}`, { expect: 404 });
            await c.call("POST", `/api/v1/apps/${app}/users`, { body: { id: NO_SUCH, scope: "USER" }, expect: 404 });
            await c.call("POST", `/api/v1/apps/${app}/users`, { body: { scope: "USER" }, expect: 400 });
            await c.call("GET", "/api/v1/apps/0oa0nosuchobject0000/users", { expect: 404 });
        });
    });

    describe("policies", () => {
        it("list by type (with status and paging), read every type, with and without expand=rules", async () => {
            for (const type of POLICY_TYPES) {
                const listed = (await c.call("GET", `/api/v1/policies?type=${type}`, { expect: 200 })).body;
                await c.call("GET", `/api/v1/policies?type=${type}&expand=rules`, { expect: 200 });
                for (const policy of listed) {
                    await c.call("GET", `/api/v1/policies/${policy.id}`, { expect: 200 });
                    const expanded = (await c.call("GET", `/api/v1/policies/${policy.id}?expand=rules`, { expect: 200 })).body;
                    expect(expanded._embedded).to.have.property("rules");
                }
            }
            await c.call("GET", "/api/v1/policies?type=PASSWORD&status=ACTIVE&limit=1", { expect: 200 });
            await c.call("GET", "/api/v1/policies/00p0nosuchobject0000", { expect: 404 });
        });
    });

    describe("users", () => {
        it("create, read (id, login), list, filter, search, q, update, replace, groups, app links, sessions, two-step delete", async () => {
            const group = (await c.call("POST", "/api/v1/groups", { body: { profile: { name: "Users conformance" } }, expect: 200 })).body;
            const user = (await c.call("POST", "/api/v1/users?activate=true", {
                body: { profile: person("ann"), credentials: { password: { value: "Xylophone42" }, recovery_question: { question: "Q?", answer: "An answer" } }, groupIds: [group.id] },
                expect: 200,
            })).body;
            await c.call("GET", `/api/v1/users/${user.id}`, { expect: 200 });
            await c.call("GET", "/api/v1/users/ann@example.com", { expect: 200 });
            await c.call("GET", "/api/v1/users?limit=2", { expect: 200 });
            await c.call("GET", `/api/v1/users?filter=${encodeURIComponent('status eq "ACTIVE"')}`, { expect: 200 });
            await c.call("GET", `/api/v1/users?search=${encodeURIComponent('profile.lastName eq "Conformance"')}&sortBy=id&sortOrder=desc`, { expect: 200 });
            await c.call("GET", "/api/v1/users?q=ann", { expect: 200 });
            await c.call("POST", `/api/v1/users/${user.id}`, { body: { profile: { title: "Dev" } }, expect: 200 });
            await c.call("PUT", `/api/v1/users/${user.id}`, { body: { profile: person("ann") }, expect: 200 });
            await c.call("GET", `/api/v1/users/${user.id}/groups`, { expect: 200 });
            await c.call("GET", `/api/v1/users/${user.id}/appLinks`, { expect: 200 });
            await c.call("GET", `/api/v1/users/${user.id}/roles`, { expect: 200 });
            const me = (await c.call("GET", "/api/v1/users/me", { expect: 200 })).body;
            await c.call("GET", `/api/v1/users/${me.id}/roles`, { expect: 200 });
            await c.call("DELETE", `/api/v1/users/${user.id}/sessions?oauthTokens=true&forgetDevices=true`, { expect: 204 });
            await c.call("DELETE", `/api/v1/users/${user.id}`, { expect: 204 });
            await c.call("DELETE", `/api/v1/users/${user.id}`, { expect: 204 });
        });

        it("lifecycle and credential operations from the states that allow them", async () => {
            const staged = (await c.call("POST", "/api/v1/users?activate=false", { body: { profile: person("bo") }, expect: 200 })).body;
            const base = `/api/v1/users/${staged.id}`;
            await c.call("POST", `${base}/lifecycle/activate?sendEmail=false`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/reactivate?sendEmail=false`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/reset_password?sendEmail=false`, { expect: 200 });
            await c.call("POST", base, { body: { credentials: { password: { value: "Xylophone42" } } }, expect: 200 });
            await c.call("POST", `${base}/lifecycle/suspend`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/unsuspend`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/expire_password`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/expire_password_with_temp_password`, { expect: 200 });
            await c.call("POST", base, { body: { credentials: { password: { value: "Xylophone42" } } }, expect: 200 });
            await c.call("POST", `${base}/credentials/change_password`, { body: { oldPassword: { value: "Xylophone42" }, newPassword: { value: "Harmonica77" } }, expect: 200 });
            await c.call("POST", `${base}/credentials/change_recovery_question`, {
                body: { password: { value: "Harmonica77" }, recovery_question: { question: "Q?", answer: "An answer" } },
                expect: 200,
            });
            await c.call("POST", `${base}/credentials/forgot_password?sendEmail=false`, { expect: 200 });
            await c.call("POST", `${base}/credentials/forgot_password_recovery_question?sendEmail=false`, {
                body: { password: { value: "Clarinet123" }, recovery_question: { answer: "an ANSWER" } },
                expect: 200,
            });
            await c.call("POST", `${base}/credentials/forgot_password_recovery_question`, {
                body: { password: { value: "Clarinet456" }, recovery_question: { answer: "wrong" } },
                expect: 403,
            });
            await c.call("POST", `${base}/lifecycle/reset_factors`, { expect: 200 });
            await c.call("POST", "/api/v1/users/locked@example.com/lifecycle/unlock", { expect: 200 });
            await c.call("POST", `${base}/lifecycle/deactivate`, { expect: 200 });
        });

        it("factors: list (every factor type), read, unenroll", async () => {
            const factors = (await c.call("GET", "/api/v1/users/mfa@example.com/factors", { expect: 200 })).body;
            expect(factors.map((f: { factorType: string }) => f.factorType)).to.have.length(6);
            const userId = (await c.call("GET", "/api/v1/users/mfa@example.com", { expect: 200 })).body.id;
            for (const factor of factors) {
                await c.call("GET", `/api/v1/users/${userId}/factors/${factor.id}`, { expect: 200 });
            }
            await c.call("DELETE", `/api/v1/users/${userId}/factors/${factors[0].id}?removeRecoveryEnrollment=true`, { expect: 204 });
            await c.call("GET", `/api/v1/users/${userId}/factors/${factors[0].id}`, { expect: 404 });
        });

        it("errors: invalid profile, unknown user, wrong state", async () => {
            await c.call("POST", "/api/v1/users", { body: { profile: { login: "x" } }, expect: 400 });
            await c.call("GET", `/api/v1/users/${NO_SUCH}`, { expect: 404 });
            await c.call("POST", `/api/v1/users/${NO_SUCH}`, { body: { profile: { title: "x" } }, expect: 404 });
            await c.call("PUT", `/api/v1/users/${NO_SUCH}`, { body: { profile: person("nobody") }, expect: 404 });
            await c.call("DELETE", `/api/v1/users/${NO_SUCH}`, { expect: 404 });
            await c.call("POST", `/api/v1/users/${NO_SUCH}/lifecycle/suspend`, { expect: 404 });
            await c.call("GET", `/api/v1/users/${NO_SUCH}/groups`, { expect: 404 });
            await c.call("GET", `/api/v1/users/${NO_SUCH}/factors`, { expect: 404 });
            const staged = (await c.call("POST", "/api/v1/users?activate=false", { body: { profile: person("cy") }, expect: 200 })).body;
            await c.call("POST", `/api/v1/users/${staged.id}/lifecycle/suspend`, { expect: 400 });
            await c.call("POST", `/api/v1/users/${staged.id}/credentials/change_password`, { body: { oldPassword: { value: "a" }, newPassword: { value: "b" } }, expect: 403 });
        });
    });

    describe("user types and realms", () => {
        it("user types: create, list, read (and `default`), update, replace, delete", async () => {
            const base = "/api/v1/meta/types/user";
            const type = (await c.call("POST", base, { body: { name: "conformance_type", displayName: "Conformance", description: "d" }, expect: 200 })).body;
            await c.call("GET", base, { expect: 200 });
            await c.call("GET", `${base}/${type.id}`, { expect: 200 });
            await c.call("GET", `${base}/default`, { expect: 200 });
            await c.call("POST", `${base}/${type.id}`, { body: { displayName: "Conformance 2" }, expect: 200 });
            await c.call("PUT", `${base}/${type.id}`, { body: { name: "conformance_type", displayName: "Conformance 3", description: "d" }, expect: 200 });
            await c.call("DELETE", `${base}/${type.id}`, { expect: 204 });
            await c.call("GET", `${base}/${type.id}`, { expect: 404 });
            await c.call("POST", base, { body: { displayName: "No name" }, expect: 400 });
            await c.call("DELETE", `${base}/default`, { expect: 403 });
        });

        it("realms: create, list, search, read, replace, delete", async () => {
            const realm = (await c.call("POST", "/api/v1/realms", { body: { profile: { name: "Conformance Realm", realmType: "PARTNER" } }, expect: 200 })).body;
            await c.call("GET", "/api/v1/realms", { expect: 200 });
            await c.call("GET", `/api/v1/realms?search=${encodeURIComponent('profile.name eq "Conformance Realm"')}`, { expect: 200 });
            await c.call("GET", `/api/v1/realms/${realm.id}`, { expect: 200 });
            await c.call("PUT", `/api/v1/realms/${realm.id}`, { body: { profile: { name: "Conformance Realm 2" } }, expect: 200 });
            await c.call("DELETE", `/api/v1/realms/${realm.id}`, { expect: 204 });
            await c.call("GET", `/api/v1/realms/${realm.id}`, { expect: 404 });
            await c.call("POST", "/api/v1/realms", { body: { profile: {} }, expect: 400 });
            await c.call("DELETE", `/api/v1/realms/${org.emulator.store.realms.defaultRealm.id}`, { expect: 400 });
        });
    });

    describe("event hooks and the System Log", () => {
        const hookBody = (name: string) => ({
            name,
            events: { type: "EVENT_TYPE", items: ["group.lifecycle.create", "user.lifecycle.create"] },
            channel: {
                type: "HTTP",
                version: "1.0.0",
                config: { uri: receiver.url, headers: [{ key: "X-Feed", value: "conformance" }], authScheme: { type: "HEADER", key: "Authorization", value: "hook-secret-000000" } },
            },
        });

        it("create, list, read, verify, replace, deactivate, activate, deactivate, delete", async () => {
            const hook = (await c.call("POST", "/api/v1/eventHooks", { body: hookBody("Conformance feed"), expect: 200 })).body;
            const base = `/api/v1/eventHooks/${hook.id}`;
            await c.call("GET", "/api/v1/eventHooks", { expect: 200 });
            await c.call("GET", base, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/verify`, { expect: 200 });
            await c.call("PUT", base, { body: hookBody("Conformance feed 2"), expect: 200 });
            await c.call("POST", `${base}/lifecycle/deactivate`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/activate`, { expect: 200 });
            await c.call("POST", `${base}/lifecycle/deactivate`, { expect: 200 });
            await c.call("DELETE", base, { expect: 204 });
        });

        it("errors: invalid hook, unknown hook, deleting an active hook", async () => {
            await c.call("POST", "/api/v1/eventHooks", { body: { name: "No channel" }, expect: 400 });
            await c.call("GET", "/api/v1/eventHooks/who0nosuchobject0000", { expect: 404 });
            await c.call("POST", "/api/v1/eventHooks/who0nosuchobject0000/lifecycle/verify", { expect: 404 });
            await c.call("POST", "/api/v1/eventHooks/who0nosuchobject0000/lifecycle/activate", { expect: 404 });
            await c.call("POST", "/api/v1/eventHooks/who0nosuchobject0000/lifecycle/deactivate", { expect: 404 });
            await c.call("PUT", "/api/v1/eventHooks/who0nosuchobject0000", { body: hookBody("x"), expect: 404 });
            const active = (await c.call("POST", "/api/v1/eventHooks", { body: hookBody("Still active"), expect: 200 })).body;
            await c.call("DELETE", `/api/v1/eventHooks/${active.id}`, { expect: 403 });
        });

        it("System Log: polling, bounded, filtered and searched queries, and a bad query", async () => {
            await c.call("GET", "/api/v1/logs", { expect: 200 });
            const since = new Date(Date.now() - 3_600_000).toISOString();
            const until = new Date(Date.now() + 60_000).toISOString();
            await c.call("GET", `/api/v1/logs?since=${since}&until=${until}&sortOrder=DESCENDING&limit=5`, { expect: 200 });
            await c.call("GET", `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.lifecycle.create"')}`, { expect: 200 });
            await c.call("GET", "/api/v1/logs?q=Conformance", { expect: 200 });
            await c.call("GET", "/api/v1/logs?since=not-a-date", { expect: 400 });
        });
    });

    describe("the org authorization server", () => {
        it("token (client credentials with private_key_jwt), keys, authorize, and token errors", async () => {
            const tokenUrl = `${org.url}/oauth2/v1/token`;
            const key = await testKey("ES256", "ec-1");
            const assertion = await clientAssertion(key, SERVICE_ES_CLIENT_ID, tokenUrl);
            const form = { grant_type: "client_credentials", scope: "okta.groups.read", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion };
            const noAuth = { Authorization: "" };
            await c.call("POST", "/oauth2/v1/token", { form, headers: noAuth, expect: 200 });
            await c.call("POST", "/oauth2/v1/token", { form, headers: noAuth, expect: 401 }); // the same jti again
            await c.call("POST", "/oauth2/v1/token", { form: { ...form, client_assertion: "not.a.jwt" }, headers: noAuth, expect: 401 });
            await c.call("POST", "/oauth2/v1/token", { form: { grant_type: "password" }, headers: noAuth, expect: 400 });
            await c.call("GET", "/oauth2/v1/keys", { headers: noAuth, expect: 200 });
            const { challenge } = pkcePair();
            const params = new URLSearchParams({ client_id: WEB_CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: "code", scope: "okta.groups.read", state: "s", code_challenge: challenge, code_challenge_method: "S256" });
            await c.call("GET", `/oauth2/v1/authorize?${params}`, { headers: noAuth, expect: 302 });
            const { code, verifier } = await authorizationCode(org.url, WEB_CLIENT_ID, "okta.groups.read");
            await c.call("POST", "/oauth2/v1/token", {
                form: { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
                headers: { Authorization: basicAuth(WEB_CLIENT_ID, WEB_CLIENT_SECRET) },
                expect: 200,
            });
        });
    });

    describe("rate limiting", () => {
        it("the 429 every operation declares validates too", async () => {
            const limited = await startTestOrg({ rateLimits: { otherLimit: 1, tokenShare: 100 } });
            try {
                expect((await limited.api("GET", "/api/v1/groups")).status).to.equal(200);
                const refused = await limited.api("GET", "/api/v1/groups");
                expect(refused.status).to.equal(429);
                const check = spec.check(spec.find("GET", "/api/v1/groups")!, 429, refused.body);
                expect(check.declaration).to.equal("exact");
                expect(check.errors).to.deep.equal([]);
            } finally {
                await limited.close();
            }
        });
    });

    // Last: mocha runs a suite's own tests before its child suites, so this lives in a suite declared after them.
    describe("coverage", () => {
        it("covers every route the emulator implements with a validated response", () => {
            console.log(c.report());
            expect(c.uncovered().map((r) => `${r.method} ${r.template}`)).to.deep.equal([]);
        });
    });
});

/** Policy types whose policies carry conditions; for the others the spec says "Policy conditions aren't supported". */
const TYPES_WITH_CONDITIONS: string[] = ["MFA_ENROLL", "OKTA_SIGN_ON", "PASSWORD"];

/** The app settings each sign-on mode requires in Okta's spec (its own names and required `settings.app` fields). */
const APP_SHAPES: Record<string, { name: string; app?: Record<string, string> }> = {
    AUTO_LOGIN: { name: "conformance_auto_login", app: { url: "https://auto.example.com" } },
    BASIC_AUTH: { name: "template_basic_auth", app: { url: "https://basic.example.com", authURL: "https://basic.example.com/login" } },
    BOOKMARK: { name: "bookmark", app: { url: "https://bookmark.example.com" } },
    BROWSER_PLUGIN: { name: "template_swa", app: { url: "https://swa.example.com", usernameField: "#user", passwordField: "#pass", buttonField: "#go" } },
    OPENID_CONNECT: { name: "oidc_client" },
    SAML_1_1: { name: "conformance_saml11" },
    SAML_2_0: { name: "conformance_saml2" },
    SECURE_PASSWORD_STORE: { name: "template_sps", app: { url: "https://sps.example.com", usernameField: "#user", passwordField: "#pass" } },
    WS_FEDERATION: {
        name: "template_wsfed",
        app: {
            audienceRestriction: "urn:example", groupValueFormat: "windowsDomainQualifiedName", wReplyURL: "https://wsfed.example.com/reply",
            nameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            siteURL: "https://wsfed.example.com", usernameAttribute: "username",
        },
    },
};

function appId(signOnMode: string): string {
    return `0oaconformance${String(SIGN_ON_MODES.indexOf(signOnMode as never)).padStart(6, "0")}`;
}

const CONFORMANCE_APPS = SIGN_ON_MODES.map((signOnMode) => ({
    id: appId(signOnMode),
    name: APP_SHAPES[signOnMode].name,
    label: `Conformance ${signOnMode}`,
    signOnMode,
    ...(APP_SHAPES[signOnMode].app ? { settings: { app: APP_SHAPES[signOnMode].app } } : {}),
    ...(signOnMode === "BROWSER_PLUGIN" ? { credentials: { scheme: "EDIT_USERNAME_AND_PASSWORD" } } : {}),
}));
