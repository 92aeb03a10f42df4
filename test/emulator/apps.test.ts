import { expect } from "chai";
import type { SeedDocument } from "../../emulator";
import { addTestUser } from "../support/directory";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError } from "../support/okta-assertions";
import { recorded } from "../support/recorded";
import { needsReferenceData } from "../support/reference-data";

const OIDC = "0oaoidc0000000000001";
const SWA = "0oaswa00000000000001";
const SHARED = "0oashared00000000001";
const SYNCED = "0oasynced00000000001";
const PUSH = "0oapush0000000000001";
const RETIRED = "0oaretired0000000001";

const SEED: SeedDocument = {
    apps: [
        { id: OIDC, name: "oidc_client", label: "Portal", signOnMode: "OPENID_CONNECT" },
        {
            id: SWA,
            name: "template_swa",
            label: "Wiki",
            signOnMode: "BROWSER_PLUGIN",
            credentials: { userNameTemplate: { template: '${fn:substringBefore(source.login, "@")}', type: "CUSTOM" } },
            settings: { app: { url: "https://wiki.example.com", buttonField: "btn", passwordField: "pw", usernameField: "user" } },
        },
        {
            id: SHARED,
            name: "template_swa",
            label: "Team account",
            signOnMode: "BROWSER_PLUGIN",
            credentials: { scheme: "SHARED_USERNAME_AND_PASSWORD", userName: "team@example.com" },
        },
        { id: SYNCED, name: "template_sps", label: "Synced", signOnMode: "SECURE_PASSWORD_STORE", credentials: { scheme: "EXTERNAL_PASSWORD_SYNC" } },
        {
            id: PUSH,
            name: "scim_app",
            label: "Provisioned",
            signOnMode: "SAML_2_0",
            features: ["PUSH_NEW_USERS"],
            userProfile: { email: "${source.email}", department: null, costCenter: "default" },
        },
        { id: RETIRED, name: "bookmark", label: "Retired tool", signOnMode: "BOOKMARK", status: "INACTIVE" },
    ],
};

describe("emulator: /api/v1/apps over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({ seed: SEED });
    });
    afterEach(() => org.close());

    const list = (query = "") => org.api("GET", `/api/v1/apps${query}`);
    const labels = (res: { body: any[] }) => res.body.map((a) => a.label);

    it("sends an app with the top-level keys and links recorded from Okta, and no client secret", needsReferenceData(async () => {
        const [real] = recorded("TestAccDataSourceOktaApp_read", "GET", /\/api\/v1\/apps\/0oa[^/?]+$/);
        const recordedApp = JSON.parse(real.responseBody);
        const app = (await org.api("GET", `/api/v1/apps/${OIDC}`)).body;
        expect(Object.keys(app).sort()).to.deep.equal(Object.keys(recordedApp).sort());
        expect(Object.keys(app._links).sort()).to.deep.equal(Object.keys(recordedApp._links).sort());
        expect(app.settings.oauthClient).to.have.keys(Object.keys(recordedApp.settings.oauthClient));
        expect(app.credentials.oauthClient).to.deep.equal({
            autoKeyRotation: true,
            client_id: OIDC,
            token_endpoint_auth_method: "client_secret_basic",
            pkce_required: false,
        });
        expect(app._links.appLinks[0].href).to.match(new RegExp(`^${org.url}/home/oidc_client/${OIDC}/aln[0-9A-Za-z]{17}$`));
        const policies = (await org.api("GET", "/api/v1/policies?type=ACCESS_POLICY&q=Any")).body;
        expect(app._links.accessPolicy.href).to.equal(`${org.url}/api/v1/policies/${policies[0].id}`);
    }));

    it("answers 404 E0000007 (AppInstance) for an unknown app", async () => {
        const res = await org.api("GET", "/api/v1/apps/0oanothere0000000000");
        expectOktaError(res, 404, "E0000007");
        expect(res.body.errorSummary).to.equal("Not found: Resource not found: 0oanothere0000000000 (AppInstance)");
    });

    it("lists active and inactive apps, with q on name or label and filter on status or name", async () => {
        expect(labels(await list())).to.deep.equal(["Portal", "Wiki", "Team account", "Synced", "Provisioned", "Retired tool"]);
        expect(labels(await list("?q=TEMPLATE_SW"))).to.deep.equal(["Wiki", "Team account"]);
        expect(labels(await list("?q=team"))).to.deep.equal(["Team account"]);
        expect(labels(await list("?q=OIDC"))).to.deep.equal(["Portal"]);
        expect(labels(await list(`?filter=${encodeURIComponent('status eq "INACTIVE"')}`))).to.deep.equal(["Retired tool"]);
        expect(labels(await list(`?filter=${encodeURIComponent('name eq "template_sps" or id eq "' + OIDC + '"')}`))).to.deep.equal([
            "Portal",
            "Synced",
        ]);
    });

    it("answers the recorded data-source query with one app and a self link only", async () => {
        const res = await list(`?filter=${encodeURIComponent('status eq "ACTIVE"')}&limit=1&q=Portal`);
        expect(labels(res)).to.deep.equal(["Portal"]);
        expect(res.headers.get("link")).to.equal(
            `<${org.url}/api/v1/apps?limit=1&filter=status+eq+%22ACTIVE%22&q=Portal>; rel="self"`,
        );
    });

    it("pages apps with limit and after", async () => {
        const pages = await allPages(org, "/api/v1/apps?limit=4");
        expect(pages).to.have.length(2);
        expect(pages.flatMap(labels)).to.have.length(6);
        expect((await list("?limit=-1")).body).to.have.length(6);
    });

    it("sends a subset of each app with useOptimization=true", async () => {
        const [app] = (await list("?useOptimization=true&limit=1")).body;
        expect(app).not.to.have.any.keys("accessibility", "visibility");
        expect(app).to.include.keys("id", "name", "label", "status", "signOnMode", "credentials", "_links");
    });

    it("embeds a user's assignment with filter user.id and expand=user/{id}, on lists and single apps", async () => {
        const alice = addTestUser(org, "alice@example.com");
        await org.api("POST", `/api/v1/apps/${SWA}/users`, { body: { id: alice.id } });
        const res = await list(`?filter=${encodeURIComponent(`user.id eq "${alice.id}"`)}&expand=user/${alice.id}`);
        expect(labels(res)).to.deep.equal(["Wiki"]);
        expect(res.body[0]._embedded.user).to.include({ id: alice.id, scope: "USER" });
        const single = await org.api("GET", `/api/v1/apps/${SWA}?expand=user/${alice.id}`);
        expect(single.body._embedded.user.credentials).to.deep.equal({ userName: "alice" });
        expect((await org.api("GET", `/api/v1/apps/${OIDC}?expand=user/${alice.id}`)).body).not.to.have.property("_embedded");
    });

    it("refuses bad list parameters with Okta-shaped 400s", async () => {
        expectOktaError(await list(`?expand=user/00u1`), 400, "E0000063");
        expectOktaError(await list(`?filter=${encodeURIComponent('label eq "Wiki"')}`), 400, "E0000031");
        expectOktaError(await list(`?filter=${encodeURIComponent('status sw "ACT"')}`), 400, "E0000031");
        expectOktaError(await list(`?filter=${encodeURIComponent("status eq ACTIVE")}`), 400, "E0000031");
        expectOktaError(await list("?includeNonDeleted=maybe"), 400, "E0000002");
        expectOktaError(await list("?useOptimization=1"), 400, "E0000002");
        expectOktaError(await list("?limit=zero"), 400, "E0000029");
        expectOktaError(await list("?after=0oanotacursor"), 400, "E0000029");
    });
});

describe("emulator: app user assignments over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({ seed: SEED, rateLimits: { otherLimit: 100_000 } });
    });
    afterEach(() => org.close());

    const assign = (appId: string, body: unknown) => org.api("POST", `/api/v1/apps/${appId}/users`, { body });
    const update = (appId: string, userId: string, body: unknown) => org.api("POST", `/api/v1/apps/${appId}/users/${userId}`, { body });
    const events = (type: string) => org.emulator.store.log.all().filter((e) => e.eventType === type);

    it("assigns a user to an OIDC app as recorded: profile mapped from the user, keys as Okta sends them", needsReferenceData(async () => {
        const [real] = recorded("TestAccDataSourceOktaAppUserAssignments_read", "POST", /\/api\/v1\/apps\/0oa[^/]+\/users$/);
        const recordedBody = JSON.parse(real.requestBody);
        const recordedAppUser = JSON.parse(real.responseBody);
        const user = addTestUser(org, "testacc@example.com", { firstName: "TestAcc", lastName: "Smith" });
        const res = await assign(OIDC, { ...recordedBody, id: user.id, credentials: { ...recordedBody.credentials, userName: "testacc@example.com" } });
        expect(res.status).to.equal(real.status);
        expect(Object.keys(res.body).sort()).to.deep.equal(Object.keys(recordedAppUser).sort());
        expect(res.body).to.include({ id: user.id, scope: "USER", status: "ACTIVE", syncState: "DISABLED", externalId: null, passwordChanged: null });
        expect(res.body.credentials).to.deep.equal({ userName: "testacc@example.com" });
        expect(res.body.profile).to.deep.equal({ ...recordedAppUser.profile, email: "testacc@example.com" });
        expect(res.body._links).to.deep.equal({
            app: { href: `${org.url}/api/v1/apps/${OIDC}` },
            user: { href: `${org.url}/api/v1/users/${user.id}` },
        });
    }));

    it("reads an assignment, lists assignments 50 to a page by default, and embeds users with expand=user", async () => {
        const user = addTestUser(org, "bob@example.com");
        const created = (await assign(OIDC, { id: user.id })).body;
        expect((await org.api("GET", `/api/v1/apps/${OIDC}/users/${user.id}`)).body).to.deep.equal(created);
        const listed = await org.api("GET", `/api/v1/apps/${OIDC}/users`);
        expect(listed.body).to.deep.equal([created]);
        expect(listed.headers.get("link")).to.equal(`<${org.url}/api/v1/apps/${OIDC}/users?limit=50>; rel="self"`);
        const expanded = await org.api("GET", `/api/v1/apps/${OIDC}/users?expand=user`);
        expect(expanded.body[0]._embedded.user).to.include({ id: user.id, status: "ACTIVE" });
        expect(expanded.body[0]._embedded.user.profile.login).to.equal("bob@example.com");
    });

    it("fills the username from the app's template when none is given", async () => {
        const carol = addTestUser(org, "carol@example.com");
        expect((await assign(SWA, { id: carol.id })).body.credentials).to.deep.equal({ userName: "carol" });
        expect((await assign(OIDC, { id: carol.id })).body.credentials).to.deep.equal({ userName: "carol@example.com" });
    });

    it("follows the credentials scheme: no user credentials on a shared-account app (E0000041)", async () => {
        const dave = addTestUser(org, "dave@example.com");
        for (const credentials of [{ userName: "dave" }, { password: { value: "Passw0rd!" } }]) {
            const res = await assign(SHARED, { id: dave.id, credentials });
            expectOktaError(res, 400, "E0000041");
            expect(res.body.errorSummary).to.equal("Credentials should not be set on this resource based on the scheme.");
            expect(res.body.errorCauses).to.deep.equal([{ errorSummary: "User level credentials should not be provided for this scheme." }]);
        }
        const ok = await assign(SHARED, { id: dave.id, credentials: { password: {} } });
        expect(ok.status).to.equal(200);
        expect(ok.body.credentials).to.deep.equal({ userName: "team@example.com" });
    });

    it("takes a username but no password where Okta syncs or the user sets it, and none on federated apps", async () => {
        const erin = addTestUser(org, "erin@example.com");
        expectOktaError(await assign(SYNCED, { id: erin.id, credentials: { password: { value: "Passw0rd!" } } }), 400, "E0000041");
        expectOktaError(await assign(OIDC, { id: erin.id, credentials: { password: { value: "Passw0rd!" } } }), 400, "E0000041");
        const res = await assign(SYNCED, { id: erin.id, credentials: { userName: "erin.s" } });
        expect(res.body.credentials).to.deep.equal({ userName: "erin.s" });
    });

    it("keeps an admin-set password write-only: shown as {}, never echoed, passwordChanged set", async () => {
        const frank = addTestUser(org, "frank@example.com");
        const secret = "Sup3r-Secret-Value";
        const res = await assign(SWA, { id: frank.id, credentials: { userName: "frank", password: { value: secret } } });
        expect(res.body.credentials).to.deep.equal({ userName: "frank", password: {} });
        expect(res.body.passwordChanged).to.equal(res.body.created);
        const everything = JSON.stringify([
            res.body,
            (await org.api("GET", `/api/v1/apps/${SWA}/users?expand=user`)).body,
            org.emulator.store.log.all(),
        ]);
        expect(everything).not.to.contain(secret);
        expectOktaError(await update(SWA, frank.id, { credentials: { password: { value: "" } } }), 400, "E0000001");
    });

    it("provisions on apps that push users: PROVISIONED, linked externalId, mapped profile", async () => {
        const gina = addTestUser(org, "gina@example.com");
        const res = await assign(PUSH, { id: gina.id, profile: { department: "R&D" } });
        expect(res.body).to.include({ status: "PROVISIONED", syncState: "SYNCHRONIZED" });
        expect(res.body.externalId).to.be.a("string");
        expect(res.body.profile).to.deep.equal({ email: "gina@example.com", department: "R&D", costCenter: "default" });
        const bad = await assign(PUSH, { id: addTestUser(org, "hal@example.com").id, profile: { shoeSize: 44 } });
        expectOktaError(bad, 400, "E0000001");
        expect(bad.body.errorSummary).to.equal("Api validation failed: assignment");
        expect(bad.body.errorCauses).to.deep.equal([{ errorSummary: "Property 'shoeSize' not found" }]);
    });

    it("refuses a second assignment of the same user with E0000062", async () => {
        const ivan = addTestUser(org, "ivan@example.com");
        await assign(OIDC, { id: ivan.id });
        expectOktaError(await assign(OIDC, { id: ivan.id }), 400, "E0000062");
    });

    it("answers 404 for an unknown user, an unknown or inactive app, and an unassigned user", async () => {
        const jane = addTestUser(org, "jane@example.com");
        const unknownUser = await assign(OIDC, { id: "00unotauser000000000" });
        expectOktaError(unknownUser, 404, "E0000007");
        expect(unknownUser.body.errorSummary).to.contain("(User)");
        expectOktaError(await assign("0oanothere0000000000", { id: jane.id }), 404, "E0000007");
        expectOktaError(await assign(RETIRED, { id: jane.id }), 404, "E0000007");
        const unassigned = await org.api("GET", `/api/v1/apps/${OIDC}/users/${jane.id}`);
        expectOktaError(unassigned, 404, "E0000007");
        expect(unassigned.body.errorSummary).to.equal(`Not found: Resource not found: ${jane.id} (AppUser)`);
        expectOktaError(await update(OIDC, jane.id, { profile: {} }), 404, "E0000007");
        expectOktaError(await org.api("DELETE", `/api/v1/apps/${OIDC}/users/${jane.id}`), 404, "E0000007");
    });

    it("updates credentials and profile, logging change_username, change_password and update", async () => {
        const kim = addTestUser(org, "kim@example.com");
        await assign(SWA, { id: kim.id, credentials: { userName: "kim" } });
        const renamed = await update(SWA, kim.id, { credentials: { userName: "kim.k", password: { value: "N3w-Passw0rd" } } });
        expect(renamed.status).to.equal(200);
        expect(renamed.body.credentials).to.deep.equal({ userName: "kim.k", password: {} });
        expect(renamed.body.passwordChanged).to.be.a("string");
        await assign(PUSH, { id: kim.id, profile: { department: "Ops" } });
        const moved = await update(PUSH, kim.id, { profile: { costCenter: "CC-7" } });
        expect(moved.body.profile).to.deep.equal({ email: "kim@example.com", department: "Ops", costCenter: "CC-7" });
        expect(events("application.user_membership.change_username")).to.have.length(1);
        expect(events("application.user_membership.change_password")).to.have.length(1);
        expect(events("application.user_membership.update")).to.have.length(1);
        expectOktaError(await update(SHARED, kim.id, { credentials: { userName: "x" } }), 404, "E0000007");
    });

    it("unassigns with 204 and logs application.user_membership.add and remove with Okta's targets", async () => {
        const lee = addTestUser(org, "lee@example.com", { firstName: "Lee", lastName: "Park" });
        await assign(OIDC, { id: lee.id });
        const res = await org.api("DELETE", `/api/v1/apps/${OIDC}/users/${lee.id}?sendEmail=false`);
        expect(res.status).to.equal(204);
        expect(res.body).to.equal(undefined);
        expectOktaError(await org.api("GET", `/api/v1/apps/${OIDC}/users/${lee.id}`), 404, "E0000007");
        const [added] = events("application.user_membership.add");
        expect(added.displayMessage).to.equal("Add user to application membership");
        expect(added.target.map((t) => [t.type, t.id])).to.deep.equal([
            ["AppUser", lee.id],
            ["AppInstance", OIDC],
            ["User", lee.id],
        ]);
        expect(added.target[1].displayName).to.equal("Portal");
        expect(events("application.user_membership.remove")).to.have.length(1);
    });

    it("pages assignments, clamps limit to 500, and filters with q on username, names and email", async () => {
        const users = Array.from({ length: 5 }, (_, i) => addTestUser(org, `user${i}@example.com`, { firstName: i === 3 ? "Zed" : "Ann" }));
        for (const user of users) {
            await assign(SWA, { id: user.id });
        }
        const seen = (await allPages(org, `/api/v1/apps/${SWA}/users?limit=2`)).flatMap((res) => res.body.map((a: any) => a.id));
        expect(seen).to.deep.equal(users.map((u) => u.id));
        const clamped = await org.api("GET", `/api/v1/apps/${SWA}/users?limit=501`);
        expect(clamped.headers.get("link")).to.contain("limit=500");
        const byName = await org.api("GET", `/api/v1/apps/${SWA}/users?q=user4`);
        expect(byName.body.map((a: any) => a.id)).to.deep.equal([users[4].id]);
        expectOktaError(await org.api("GET", `/api/v1/apps/${SWA}/users?limit=0`), 400, "E0000029");
    });

    describe("bad input gets Okta-shaped 400s, never a crash", () => {
        const cases: [string, { rawBody?: string; body?: unknown }, string][] = [
            ["malformed JSON", { rawBody: '{"id": ' }, "E0000003"],
            ["a JSON array", { rawBody: "[]" }, "E0000003"],
            ["no user id", { body: { credentials: {} } }, "E0000001"],
            ["a numeric user id", { body: { id: 42 } }, "E0000001"],
            ["a GROUP scope", { body: { id: "00u1", scope: "GROUP" } }, "E0000001"],
            ["credentials as a string", { body: { id: "00u1", credentials: "secret" } }, "E0000001"],
            ["an unknown credentials property", { body: { id: "00u1", credentials: { token: "x" } } }, "E0000001"],
            ["a numeric username", { body: { id: "00u1", credentials: { userName: 7 } } }, "E0000001"],
            ["an over-long username", { body: { id: "00u1", credentials: { userName: "x".repeat(101) } } }, "E0000001"],
            ["a password that is a string", { body: { id: "00u1", credentials: { password: "secret" } } }, "E0000001"],
            ["an unknown top-level property", { body: { id: "00u1", role: "admin" } }, "E0000001"],
            ["a profile that is a list", { body: { id: "00u1", profile: [] } }, "E0000001"],
            ["a nested profile value", { body: { id: "00u1", profile: { given_name: { first: "A" } } } }, "E0000001"],
        ];
        for (const [what, request, code] of cases) {
            it(`${what} -> 400 ${code}`, async () => {
                expectOktaError(await org.api("POST", `/api/v1/apps/${OIDC}/users`, request), 400, code);
            });
        }
    });
});
