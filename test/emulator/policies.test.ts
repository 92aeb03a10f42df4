import { expect } from "chai";
import { validateSeed, type SeedDocument } from "../../emulator";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError, nextLink } from "../support/okta-assertions";
import { recorded } from "../support/recorded";
import { needsReferenceData } from "../support/reference-data";

const SEED: SeedDocument = {
    apps: [{ id: "0oaportal00000000001", name: "oidc_client", label: "Portal", signOnMode: "OPENID_CONNECT" }],
    policies: [
        {
            id: "00pweakpasswords0001",
            type: "PASSWORD",
            name: "Contractors",
            status: "INACTIVE",
            priority: 2,
            rules: [{ id: "0prrule0000000000001", name: "Contractor rule", type: "PASSWORD" }],
        },
    ],
};

describe("emulator: /api/v1/policies over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({ seed: SEED });
    });
    afterEach(() => org.close());

    const list = (query: string) => org.api("GET", `/api/v1/policies${query}`);
    const names = (res: { body: any[] }) => res.body.map((p) => p.name);

    it("lists the default password policy as recorded: same keys, Everyone in its conditions, a self link as asked", needsReferenceData(async () => {
        const [real] = recorded("TestAccDataSourceOktaPolicy_read", "GET", /\/api\/v1\/policies\?type=PASSWORD$/);
        const recordedPolicy = JSON.parse(real.responseBody)[0];
        const res = await list("?type=PASSWORD");
        const policy = res.body.find((p: any) => p.system);
        expect(Object.keys(policy).sort()).to.deep.equal(Object.keys(recordedPolicy).sort());
        expect(policy.settings).to.deep.equal({
            ...recordedPolicy.settings,
            // The recorded org had edited its recovery factors; a new org's are off.
            recovery: policy.settings.recovery,
        });
        expect(policy.conditions.people.groups.include).to.deep.equal([org.emulator.store.everyone.id]);
        expect(policy._links).to.deep.equal({
            self: { href: `${org.url}/api/v1/policies/${policy.id}`, hints: { allow: ["GET", "PUT"] } },
            rules: { href: `${org.url}/api/v1/policies/${policy.id}/rules`, hints: { allow: ["GET", "POST"] } },
        });
        expect(policy.id).to.match(/^00p[0-9A-Za-z]{17}$/);
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/policies?type=PASSWORD>; rel="self"`);
    }));

    it("has the default IdP discovery policy as recorded", needsReferenceData(async () => {
        const [real] = recorded("TestAccDataSourceOktaDefaultPolicy_readIdpPolicy", "GET", /type=IDP_DISCOVERY$/);
        const recordedPolicy = JSON.parse(real.responseBody)[0];
        const [policy] = (await list("?type=IDP_DISCOVERY")).body;
        expect(Object.keys(policy).sort()).to.deep.equal(Object.keys(recordedPolicy).sort());
        expect(policy).to.include({ name: "Idp Discovery Policy", description: "The default IdP Discovery Policy", system: true, conditions: null });
    }));

    it("has a new org's app sign-in policies, with the links Okta sends for each kind", needsReferenceData(async () => {
        const [real] = recorded("TestAccDataSourceOktaApp_read", "GET", /type=ACCESS_POLICY$/);
        const recordedByName = new Map(JSON.parse(real.responseBody).map((p: any) => [p.name, p]));
        const res = await list("?type=ACCESS_POLICY");
        expect(names(res)).to.deep.equal([
            "Okta Admin Console",
            "Okta Dashboard",
            "Okta Browser Plugin",
            "Any two factors",
            "Okta Account Management Policy",
        ]);
        for (const policy of res.body) {
            const expected: any = recordedByName.get(policy.name);
            expect(Object.keys(policy._links).sort(), policy.name).to.deep.equal(Object.keys(expected._links).sort());
            expect(policy._links.self.hints, policy.name).to.deep.equal(expected._links.self.hints);
            expect(policy._embedded, policy.name).to.deep.equal(expected._embedded);
            expect(policy.id).to.match(/^rst[0-9A-Za-z]{17}$/);
        }
    }));

    it("answers a missing or unknown type with Okta's 400 E0000002", async () => {
        for (const query of ["", "?type=OAUTH_AUTHORIZATION_POLICY", "?type=password", "?status=ACTIVE"]) {
            const res = await list(query);
            expectOktaError(res, 400, "E0000002");
            expect(res.body.errorSummary).to.equal("The request was not valid: Invalid policy type specified");
        }
    });

    it("narrows by status and by name prefix with q, and sorts by name or by priority", async () => {
        expect(names(await list("?type=PASSWORD"))).to.deep.equal(["Default Policy", "Contractors"]);
        expect(names(await list("?type=PASSWORD&status=INACTIVE"))).to.deep.equal(["Contractors"]);
        expect(names(await list("?type=PASSWORD&status=ACTIVE"))).to.deep.equal(["Default Policy"]);
        expect(names(await list("?type=PASSWORD&sortBy=name"))).to.deep.equal(["Contractors", "Default Policy"]);
        expect(names(await list("?type=ACCESS_POLICY&q=okta+d"))).to.deep.equal(["Okta Dashboard"]);
        expectOktaError(await list("?type=PASSWORD&status=DISABLED"), 400, "E0000002");
        expectOktaError(await list("?type=PASSWORD&sortBy=priority"), 400, "E0000002");
    });

    it("pages with limit and after, keeping the query in the next link", async () => {
        const pages = await allPages(org, "/api/v1/policies?type=ACCESS_POLICY&limit=2", (res) => {
            const next = nextLink(res);
            if (next) {
                expect(next).to.contain("type=ACCESS_POLICY").and.contain("limit=2").and.contain("after=");
            }
        });
        expect(pages).to.have.length(3);
        expect(pages.flatMap(names)).to.deep.equal(names(await list("?type=ACCESS_POLICY")));
        expectOktaError(await list("?type=ACCESS_POLICY&after=rstnotacursor"), 400, "E0000029");
        expectOktaError(await list("?type=ACCESS_POLICY&limit=many"), 400, "E0000029");
    });

    it("embeds rules with expand=rules", async () => {
        const res = await list("?type=PASSWORD&expand=rules");
        // Keyed by rule id: the spec's `_embedded` holds only objects.
        expect(res.body.map((p: any) => p._embedded.rules)).to.deep.equal([{}, { "0prrule0000000000001": SEED.policies![0].rules![0] }]);
        expect((await list("?type=PASSWORD")).body[1]).not.to.have.property("_embedded");
    });

    it("finds the policies mapped to an app with resourceId", async () => {
        expect(names(await list("?type=ACCESS_POLICY&resourceId=0oaportal00000000001"))).to.deep.equal(["Any two factors"]);
        expect(names(await list("?type=PROFILE_ENROLLMENT&resourceId=0oaportal00000000001"))).to.deep.equal(["Default Policy"]);
        expect((await list("?type=ACCESS_POLICY&resourceId=0oanothere0000000000")).body).to.deep.equal([]);
    });

    it("gets a policy by id, with 404 E0000007 (Policy) for an unknown one", async () => {
        const policy = (await org.api("GET", "/api/v1/policies/00pweakpasswords0001?expand=rules")).body;
        expect(policy).to.include({ id: "00pweakpasswords0001", status: "INACTIVE", priority: 2, system: false, type: "PASSWORD" });
        expect(policy._links.activate.href).to.equal(`${org.url}/api/v1/policies/00pweakpasswords0001/lifecycle/activate`);
        expect(Object.keys(policy._embedded.rules)).to.deep.equal(["0prrule0000000000001"]);
        const missing = await org.api("GET", "/api/v1/policies/00pnothere0000000000");
        expectOktaError(missing, 404, "E0000007");
        expect(missing.body.errorSummary).to.equal("Not found: Resource not found: 00pnothere0000000000 (Policy)");
    });
});

describe("emulator seed: apps and policies", () => {
    const problems: [string, unknown, RegExp][] = [
        ["an unknown policy type", { policies: [{ type: "OAUTH", name: "x" }] }, /policies\[0\]\.type: must be one of ACCESS_POLICY/],
        ["a policy without a name", { policies: [{ type: "PASSWORD" }] }, /policies\[0\]\.name/],
        ["a fractional priority", { policies: [{ type: "PASSWORD", name: "x", priority: 1.5 }] }, /policies\[0\]\.priority/],
        ["an app without a label", { apps: [{ name: "x", signOnMode: "BOOKMARK" }] }, /apps\[0\]\.label/],
        ["an unknown sign-on mode", { apps: [{ name: "x", label: "X", signOnMode: "MAGIC" }] }, /apps\[0\]\.signOnMode/],
        ["an unknown scheme", { apps: [{ name: "x", label: "X", signOnMode: "BROWSER_PLUGIN", credentials: { scheme: "NONE" } }] }, /credentials\.scheme/],
        [
            "an unsupported username expression",
            { apps: [{ name: "x", label: "X", signOnMode: "BOOKMARK", credentials: { userNameTemplate: { template: "${evil()}" } } }] },
            /unsupported expression \$\{evil\(\)\}/,
        ],
        ["a duplicate app id", { apps: [{ id: "0oa1", name: "x", label: "X", signOnMode: "BOOKMARK" }, { id: "0oa1", name: "y", label: "Y", signOnMode: "BOOKMARK" }] }, /apps\[1\]\.id: '0oa1' is already used/],
        ["a numeric policy id", { policies: [{ id: 7, type: "PASSWORD", name: "x" }] }, /policies\[0\]\.id/],
        ["an APP_GROUP source that is not a seeded app", { groups: [{ name: "G", type: "APP_GROUP", sourceAppId: "0oa1" }] }, /sourceAppId/],
    ];
    for (const [what, seed, message] of problems) {
        it(`names ${what}`, () => {
            expect(() => validateSeed(seed)).to.throw(message);
        });
    }
});
