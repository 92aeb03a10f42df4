import { expect } from "chai";
import { TEST_APPS } from "../support/apps";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { authorizationCode, basicAuth, postForm, REDIRECT_URI, WEB_CLIENT_ID, WEB_CLIENT_SECRET } from "../support/oauth";
import { expectOktaError } from "../support/okta-assertions";
import { rawRequest } from "../support/raw-http";

/**
 * What a new user of the emulator meets first, as in a real org (docs/okta/users.md#current-user): the super
 * administrator who owns the API token, `me`, admin roles, body-less calls without a length, recovery by question,
 * and app users found by the user's name.
 */
describe("emulator: the org's super administrator and first-hour calls", () => {
    let org: TestOrg | undefined;
    afterEach(async () => {
        await org?.close();
        org = undefined;
    });

    const person = (first: string) => ({ firstName: first, lastName: "Tester", email: `${first}@example.com`, login: `${first}@example.com` });

    describe("the seeded super administrator", () => {
        it("a fresh org has one ACTIVE user, the super administrator, and GET /users/me answers with it", async () => {
            org = await startTestOrg();
            const users = await org.api("GET", "/api/v1/users");
            expect(users.body.map((u: any) => [u.profile.login, u.status])).to.deep.equal([["admin@example.com", "ACTIVE"]]);
            const me = await org.api("GET", "/api/v1/users/me");
            expect(me.status).to.equal(200);
            expect(me.body).to.include({ id: users.body[0].id, status: "ACTIVE" });
            expect(me.body.profile).to.deep.include({ login: "admin@example.com", firstName: "Org", lastName: "Admin" });
            expect(me.headers.get("etag")).to.match(/^W\//);
        });

        it("GET /users/{id}/roles: SUPER_ADMIN for the owner, [] for any other user, 404 for an unknown one", async () => {
            org = await startTestOrg();
            const me = (await org.api("GET", "/api/v1/users/me")).body;
            const roles = await org.api("GET", `/api/v1/users/${me.id}/roles`);
            expect(roles.status).to.equal(200);
            expect(roles.body).to.have.length(1);
            expect(roles.body[0]).to.include({ type: "SUPER_ADMIN", label: "Super Administrator", status: "ACTIVE", assignmentType: "USER" });
            expect(roles.body[0].id).to.match(/^ra1\w{17}$/);
            expect(roles.body[0]._links.assignee.href).to.equal(`${org.url}/api/v1/users/${me.id}`);
            const other = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: person("ann") } })).body;
            expect((await org.api("GET", `/api/v1/users/${other.id}/roles`)).body).to.deep.equal([]);
            expectOktaError(await org.api("GET", "/api/v1/users/00unosuchuser0000000/roles"), 404, "E0000007");
        });

        it("its login and name come from the seed; superAdmin: false leaves the org without users", async () => {
            org = await startTestOrg({ seed: { superAdmin: { login: "root@acme.test", firstName: "Ada", lastName: "Root" } } });
            expect((await org.api("GET", "/api/v1/users/me")).body.profile).to.deep.include({ login: "root@acme.test", firstName: "Ada" });
            await org.close();
            org = await startTestOrg({ seed: { superAdmin: false } });
            expect((await org.api("GET", "/api/v1/users")).body).to.deep.equal([]);
            expectOktaError(await org.api("GET", "/api/v1/users/me"), 404, "E0000007");
        });

        it("a seeded token may belong to another user; `me` is that user", async () => {
            const token = "owned-by-bob-0001";
            org = await startTestOrg({
                seed: { users: [{ login: "bob@example.com", password: "Xylophone42" }], tokens: [{ token, name: "bob's", owner: "bob@example.com" }] },
            });
            const me = await org.api("GET", "/api/v1/users/me", { headers: { Authorization: `SSWS ${token}` } });
            expect(me.body.profile.login).to.equal("bob@example.com");
            expect((await org.api("GET", "/api/v1/users/me")).body.profile.login).to.equal("admin@example.com");
        });

        it("an access token from the authorization code flow acts for the signed-in user: by default the super administrator", async () => {
            org = await startTestOrg({
                seed: { webApps: [{ clientId: WEB_CLIENT_ID, clientSecret: WEB_CLIENT_SECRET, redirectUris: [REDIRECT_URI], scopes: ["okta.users.read"] }] },
            });
            const { code, verifier } = await authorizationCode(org.url, WEB_CLIENT_ID, "okta.users.read");
            const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
            const token = await postForm(`${org.url}/oauth2/v1/token`, form, { Authorization: basicAuth(WEB_CLIENT_ID, WEB_CLIENT_SECRET) });
            const me = await org.api("GET", "/api/v1/users/me", { headers: { Authorization: `Bearer ${token.body.access_token}` } });
            expect(me.status).to.equal(200);
            expect(me.body.id).to.equal(org.emulator.store.superAdminId());
        });

        it("the System Log names the token's owner as the actor of every event the token causes, also after an org reset", async () => {
            org = await startTestOrg();
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
            await org.control.reset();
            const me = (await org.api("GET", "/api/v1/users/me")).body;
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Ops" } } });
            const events = (await org.api("GET", "/api/v1/logs?filter=" + encodeURIComponent('eventType eq "group.lifecycle.create"'))).body;
            expect(events).to.have.length.greaterThan(0);
            for (const event of events) {
                expect(event.actor).to.deep.equal({ id: me.id, type: "User", alternateId: "admin@example.com", displayName: "Org Admin" });
                expect(event.transaction.detail.requestApiTokenId).to.match(/^00T/);
            }
        });
    });

    describe("body-less calls without Content-Length (plain `curl -X POST`)", () => {
        const bare = (method: string, path: string) =>
            [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", `Authorization: SSWS ${TEST_TOKEN}`, "Accept: application/json", "Connection: close"].join("\r\n") +
            "\r\n\r\n";

        it("POST …/lifecycle/suspend and PUT /groups/{id}/users/{userId} are accepted", async () => {
            org = await startTestOrg();
            const port = Number(new URL(org.url).port);
            const user = (await org.api("POST", "/api/v1/users", { body: { profile: person("cy"), credentials: { password: { value: "Xylophone42" } } } })).body;
            const group = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } })).body;
            const suspended = await rawRequest(port, bare("POST", `/api/v1/users/${user.id}/lifecycle/suspend`));
            expect(suspended.status).to.equal(200);
            expect((await org.api("GET", `/api/v1/users/${user.id}`)).body.status).to.equal("SUSPENDED");
            const added = await rawRequest(port, bare("PUT", `/api/v1/groups/${group.id}/users/${user.id}`));
            expect(added.status).to.equal(204);
            expect((await org.api("GET", `/api/v1/groups/${group.id}/users`)).body.map((u: any) => u.id)).to.deep.equal([user.id]);
        });

        it("an operation that needs a body still gets 400 E0000003 without one", async () => {
            org = await startTestOrg();
            const answer = await rawRequest(Number(new URL(org.url).port), bare("POST", "/api/v1/groups"));
            expectOktaError({ status: answer.status, body: JSON.parse(answer.body) }, 400, "E0000003");
        });
    });

    describe("POST /users/{id}/credentials/forgot_password_recovery_question", () => {
        const seed = {
            users: [{ login: "dee@example.com", password: "Xylophone42", recoveryQuestion: { question: "Best band?", answer: "The Beatles" } }],
        };

        it("sets the new password when the answer matches (case-insensitively): 200 with the credentials", async () => {
            org = await startTestOrg({ seed });
            const reset = await org.api("POST", "/api/v1/users/dee@example.com/credentials/forgot_password_recovery_question", {
                body: { password: { value: "Harmonica77" }, recovery_question: { answer: "the beatles" } },
            });
            expect(reset.status).to.equal(200);
            expect(reset.body).to.deep.equal({ password: {}, recovery_question: { question: "Best band?" }, provider: { type: "OKTA", name: "OKTA" } });
            // The new password is the one that proves the user now.
            const change = await org.api("POST", "/api/v1/users/dee@example.com/credentials/change_password", {
                body: { oldPassword: { value: "Harmonica77" }, newPassword: { value: "Clarinet123" } },
            });
            expect(change.status).to.equal(200);
        });

        it("a wrong answer gets 403 E0000014 and leaves the password; a user without a question gets 403 E0000034", async () => {
            org = await startTestOrg({ seed: { users: [...seed.users, { login: "eve@example.com", password: "Xylophone42" }] } });
            const body = { password: { value: "Harmonica77" }, recovery_question: { answer: "The Stones" } };
            expectOktaError(await org.api("POST", "/api/v1/users/dee@example.com/credentials/forgot_password_recovery_question", { body }), 403, "E0000014");
            const change = await org.api("POST", "/api/v1/users/dee@example.com/credentials/change_password", {
                body: { oldPassword: { value: "Xylophone42" }, newPassword: { value: "Clarinet123" } },
            });
            expect(change.status).to.equal(200);
            expectOktaError(await org.api("POST", "/api/v1/users/eve@example.com/credentials/forgot_password_recovery_question", { body }), 403, "E0000034");
        });
    });

    describe("GET /apps/{id}/users?q=", () => {
        it("matches the beginning of the assigned user's first name, last name or email, not only the app profile", async () => {
            org = await startTestOrg({ seed: { apps: TEST_APPS as never } });
            const saml = TEST_APPS[2].id;
            const fay = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { ...person("fay"), lastName: "Zeta" } } })).body;
            const gus = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: person("gus") } })).body;
            for (const user of [fay, gus]) {
                expect((await org.api("POST", `/api/v1/apps/${saml}/users`, { body: { id: user.id, scope: "USER" } })).status).to.equal(200);
            }
            const found = async (q: string) => (await org!.api("GET", `/api/v1/apps/${saml}/users?q=${q}`)).body.map((a: any) => a.id);
            expect(await found("Fa")).to.deep.equal([fay.id]);
            expect(await found("zet")).to.deep.equal([fay.id]);
            expect(await found("gus%40")).to.deep.equal([gus.id]);
            expect(await found("Tester")).to.deep.equal([gus.id]);
            expect(await found("nobody")).to.deep.equal([]);
        });
    });
});
