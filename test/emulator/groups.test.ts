import { expect } from "chai";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError } from "../support/okta-assertions";

describe("emulator: /api/v1/groups over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    describe("authentication", () => {
        it("answers a request without Authorization with 401 E0000011", async () => {
            expectOktaError(await org.api("GET", "/api/v1/groups", { headers: { Authorization: "" } }), 401, "E0000011");
        });
        it("answers an unknown SSWS token with 401 E0000011", async () => {
            expectOktaError(await org.api("GET", "/api/v1/groups", { headers: { Authorization: "SSWS nope" } }), 401, "E0000011");
        });
        it("answers a token without the SSWS scheme with 403 E0000005, as Okta's session fallback does", async () => {
            expectOktaError(await org.api("GET", "/api/v1/groups", { headers: { Authorization: "not-a-scheme" } }), 403, "E0000005");
        });
    });

    it("sends request id and rate-limit headers on every response, errors included", async () => {
        for (const res of [await org.api("GET", "/api/v1/groups"), await org.api("GET", "/api/v1/nope")]) {
            expect(res.headers.get("x-okta-request-id")).to.match(/^[\w-]{20}$/);
            expect(Number(res.headers.get("x-rate-limit-limit"))).to.be.greaterThan(0);
            expect(res.headers.get("x-rate-limit-remaining")).to.match(/^\d+$/);
            expect(Number(res.headers.get("x-rate-limit-reset"))).to.be.closeTo(Date.now() / 1000 + 60, 2);
        }
    });

    it("creates, reads, replaces and deletes a group in Okta's wire format", async () => {
        const created = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng", description: "builders" } } });
        expect(created.status).to.equal(200);
        const group = created.body;
        expect(group.id).to.match(/^00g[0-9A-Za-z]{17}$/);
        expect(group).to.include({ type: "OKTA_GROUP" });
        expect(group.objectClass).to.deep.equal(["okta:user_group"]);
        expect(group.profile).to.deep.equal({ name: "Eng", description: "builders" });
        expect(group.created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
        expect(group._links.users.href).to.equal(`${org.url}/api/v1/groups/${group.id}/users`);

        expect((await org.api("GET", `/api/v1/groups/${group.id}`)).body).to.deep.equal(group);

        const replaced = await org.api("PUT", `/api/v1/groups/${group.id}`, { body: { profile: { name: "Engineering" } } });
        expect(replaced.status).to.equal(200);
        // PUT replaces the profile: a description not sent is gone.
        expect(replaced.body.profile).to.deep.equal({ name: "Engineering" });

        expect((await org.api("DELETE", `/api/v1/groups/${group.id}`)).status).to.equal(204);
        const gone = await org.api("GET", `/api/v1/groups/${group.id}`);
        expectOktaError(gone, 404, "E0000007");
        expect(gone.body.errorSummary).to.equal(`Not found: Resource not found: ${group.id} (UserGroup)`);
    });

    it("pages with limit and after, linking the next page until the last", async () => {
        for (let i = 0; i < 6; i++) {
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: `g${i}` } } });
        }
        const pages = await allPages(org, "/api/v1/groups?limit=3", (res) => {
            expect(res.headers.get("link")).to.contain('rel="self"');
        });
        expect(pages.flatMap((res) => res.body.map((g: any) => g.profile.name))).to.deep.equal(["Everyone", "Okta Administrators", "g0", "g1", "g2", "g3", "g4", "g5"]);
        expect(pages).to.have.length(3);
    });

    it("searches names by prefix with q, case-insensitively, without paging links", async () => {
        for (const name of ["Engineering", "engagement", "Support"]) {
            await org.api("POST", "/api/v1/groups", { body: { profile: { name } } });
        }
        const res = await org.api("GET", "/api/v1/groups?q=eng");
        expect(res.body.map((g: any) => g.profile.name)).to.deep.equal(["Engineering", "engagement"]);
        expect(res.headers.get("link")).to.equal(null);
        expect((await org.api("GET", "/api/v1/groups?q=eng&limit=1")).body).to.have.length(1);
    });

    it("refuses a duplicate name with E0000001 and says why", async () => {
        await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        const dup = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        expectOktaError(dup, 400, "E0000001");
        expect(dup.body.errorCauses[0].errorSummary).to.contain("already exists");
    });

    it("protects the BUILT_IN Everyone group", async () => {
        const [everyone] = (await org.api("GET", "/api/v1/groups?q=Everyone")).body;
        expect(everyone.type).to.equal("BUILT_IN");
        expectOktaError(await org.api("PUT", `/api/v1/groups/${everyone.id}`, { body: { profile: { name: "x" } } }), 403, "E0000006");
        expectOktaError(await org.api("DELETE", `/api/v1/groups/${everyone.id}`), 403, "E0000006");
    });

    describe("bad input gets Okta-shaped 4xx, never a crash", () => {
        const cases: [string, { rawBody?: string; body?: unknown }, number, string][] = [
            ["malformed JSON", { rawBody: "{not json" }, 400, "E0000003"],
            ["a JSON array", { rawBody: "[]" }, 400, "E0000003"],
            ["no profile", { body: {} }, 400, "E0000001"],
            ["a blank name", { body: { profile: { name: " " } } }, 400, "E0000001"],
            ["a numeric name", { body: { profile: { name: 7 } } }, 400, "E0000001"],
            ["an over-long name", { body: { profile: { name: "x".repeat(256) } } }, 400, "E0000001"],
            ["an object-valued attribute", { body: { profile: { name: "a", extra: { nested: 1 } } } }, 400, "E0000001"],
            ["a profile attribute the group schema lacks", { body: { profile: { name: "a", costCenter: "42" } } }, 400, "E0000001"],
            ["an unknown top-level property", { body: { profile: { name: "a" }, color: "blue" } }, 400, "E0000001"],
            ["a numeric description", { body: { profile: { name: "a", description: 5 } } }, 400, "E0000001"],
            ["a profile that is a string", { body: { profile: "Eng" } }, 400, "E0000001"],
            ["an oversize body", { rawBody: JSON.stringify({ profile: { name: "x".repeat(2 * 1024 * 1024) } }) }, 413, "E0000003"],
        ];
        for (const [what, request, status, code] of cases) {
            it(`${what} -> ${status} ${code}`, async () => {
                expectOktaError(await org.api("POST", "/api/v1/groups", request), status, code);
            });
        }
        it("an unknown path -> 404 E0000008, a wrong method -> 405 E0000022", async () => {
            expectOktaError(await org.api("GET", "/api/v1/nothing-here"), 404, "E0000008");
            expectOktaError(await org.api("PATCH", "/api/v1/groups"), 405, "E0000022");
        });
        it("an invalid limit or cursor -> 400 E0000029", async () => {
            expectOktaError(await org.api("GET", "/api/v1/groups?limit=abc"), 400, "E0000029");
            expectOktaError(await org.api("GET", "/api/v1/groups?after=00gnope"), 400, "E0000029");
        });
    });
});

describe("emulator: group types", () => {
    const SOURCE_APP = "0oaimportsource00001";
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({
            seed: {
                apps: [{ id: SOURCE_APP, name: "active_directory", label: "corp.example.com", signOnMode: "BOOKMARK" }],
                groups: [{ id: "00gimportedappgroup1", name: "Domain Users", type: "APP_GROUP", sourceAppId: SOURCE_APP }],
            },
        });
    });
    afterEach(() => org.close());

    it("starts like a new org: Everyone and Okta Administrators are BUILT_IN (recorded traffic)", async () => {
        const res = await org.api("GET", '/api/v1/groups?filter=type+eq+%22BUILT_IN%22&limit=200');
        expect(res.body.map((g: any) => g.profile)).to.deep.equal([
            { name: "Everyone", description: "All users in your organization" },
            {
                name: "Okta Administrators",
                description: "Okta manages this group, which contains all administrators in your organization.",
            },
        ]);
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/groups?limit=200&filter=type+eq+%22BUILT_IN%22>; rel="self"`);
    });

    it("links an APP_GROUP to its source app and embeds the app with expand=app", async () => {
        const res = await org.api("GET", "/api/v1/groups/00gimportedappgroup1?expand=app");
        expect(res.body.type).to.equal("APP_GROUP");
        expect(res.body._links.source).to.deep.equal({ href: `${org.url}/api/v1/apps/${SOURCE_APP}` });
        expect(res.body._embedded.app).to.deep.equal({ id: SOURCE_APP, name: "active_directory", label: "corp.example.com", signOnMode: "BOOKMARK" });
        expect(res.body).not.to.have.property("source");
    });

    it("lets only OKTA_GROUP profiles change, and deletes APP_GROUPs but never BUILT_IN ones", async () => {
        const everyone = org.emulator.store.everyone.id;
        const rename = { body: { profile: { name: "Renamed" } } };
        expectOktaError(await org.api("PUT", "/api/v1/groups/00gimportedappgroup1", rename), 403, "E0000006");
        expectOktaError(await org.api("PUT", `/api/v1/groups/${everyone}`, rename), 403, "E0000006");
        expectOktaError(await org.api("DELETE", `/api/v1/groups/${everyone}`), 403, "E0000006");
        expect((await org.api("DELETE", "/api/v1/groups/00gimportedappgroup1")).status).to.equal(204);
    });
});

describe("emulator: listing groups with filter, search and expand", () => {
    let org: TestOrg;
    const ids: Record<string, string> = {};
    beforeEach(async () => {
        org = await startTestOrg();
        for (const [name, description] of [
            ["Engineering", "Builds the product"],
            ["engagement", "Talks to customers"],
            ["Support", "Answers tickets"],
            ["Sales", "Sells the product"],
        ]) {
            ids[name] = (await org.api("POST", "/api/v1/groups", { body: { profile: { name, description } } })).body.id;
        }
    });
    afterEach(() => org.close());

    const names = (res: { body: any[] }) => res.body.map((g) => g.profile.name);
    const get = (query: string) => org.api("GET", `/api/v1/groups?${query}`);

    it("q combines with filter and still sends no Link header (recorded traffic)", async () => {
        const res = await get(`q=eng&filter=${encodeURIComponent('type eq "OKTA_GROUP"')}`);
        expect(names(res)).to.deep.equal(["Engineering", "engagement"]);
        expect(res.headers.get("link")).to.equal(null);
        expect((await get(`q=eng&filter=${encodeURIComponent('type eq "APP_GROUP"')}`)).body).to.deep.equal([]);
    });

    it("filters on id, type and dates, comparing values exactly", async () => {
        expect(names(await get(`filter=${encodeURIComponent(`id eq "${ids.Support}"`)}`))).to.deep.equal(["Support"]);
        expect(names(await get(`filter=${encodeURIComponent('type eq "OKTA_GROUP"')}`))).to.have.length(4);
        expect((await get(`filter=${encodeURIComponent('type eq "okta_group"')}`)).body).to.deep.equal([]);
        const created = org.emulator.store.groups.get(ids.Sales)!.lastUpdated;
        expect(names(await get(`filter=${encodeURIComponent(`lastUpdated ge "${created}" and type eq "OKTA_GROUP"`)}`))).to.include("Sales");
        expect((await get(`filter=${encodeURIComponent('lastUpdated gt "2999-01-01T00:00:00.000Z"')}`)).body).to.deep.equal([]);
    });

    it("refuses filters on other attributes, other operators and malformed ones with E0000031", async () => {
        for (const bad of ['profile.name eq "Sales"', 'type sw "OKTA"', 'id ne "x"', "type eq OKTA_GROUP", 'type eq "OKTA_GROUP" and', "(type eq \"x\""]) {
            expectOktaError(await get(`filter=${encodeURIComponent(bad)}`), 400, "E0000031");
        }
    });

    it("searches profile attributes case-insensitively with sw, eq and co", async () => {
        expect(names(await get(`search=${encodeURIComponent('profile.name sw "ENG"')}`))).to.deep.equal(["Engineering", "engagement"]);
        expect(names(await get(`search=${encodeURIComponent('profile.description co "THE PRODUCT"')}`))).to.deep.equal(["Engineering", "Sales"]);
        expect(names(await get(`search=${encodeURIComponent('profile.name eq "support" or id eq "' + ids.Sales + '"')}`))).to.deep.equal(["Support", "Sales"]);
        expect(names(await get(`search=${encodeURIComponent('type eq "BUILT_IN"')}`))).to.deep.equal(["Everyone", "Okta Administrators"]);
    });

    it("sorts search results with sortBy and sortOrder and pages them with a stable cursor", async () => {
        const first = `/api/v1/groups?search=${encodeURIComponent('type eq "OKTA_GROUP"')}&sortBy=profile.name&sortOrder=desc&limit=3`;
        const pages = await allPages(org, first, async (_res, index) => {
            if (index === 0) {
                // A group created between pages sorts before the cursor and so does not shift the next page.
                await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Zebra" } } });
            }
        });
        expect(pages.flatMap(names)).to.deep.equal(["Support", "Sales", "Engineering", "engagement"]);
        expect(pages).to.have.length(2);
    });

    it("refuses search with filter or q (E0000033), unknown attributes, ne, and a bad sortOrder or cursor", async () => {
        const search = `search=${encodeURIComponent('profile.name sw "E"')}`;
        expectOktaError(await get(`${search}&filter=${encodeURIComponent('type eq "OKTA_GROUP"')}`), 400, "E0000033");
        expectOktaError(await get(`${search}&q=E`), 400, "E0000033");
        expectOktaError(await get(`search=${encodeURIComponent('objectClass eq "okta:user_group"')}`), 400, "E0000031");
        expectOktaError(await get(`search=${encodeURIComponent('profile.name ne "x"')}`), 400, "E0000031");
        expectOktaError(await get(`search=${encodeURIComponent('profile.name co "x"')}&sortBy=_links`), 400, "E0000031");
        expectOktaError(await get(`${search}&sortBy=profile.name&sortOrder=sideways`), 400, "E0000031");
        expectOktaError(await get(`${search}&sortBy=profile.name&after=not-a-cursor`), 400, "E0000029");
    });

    it("embeds member counts with expand=stats, and ignores expansions Okta does not define", async () => {
        const store = org.emulator.store;
        const res = await get(`filter=${encodeURIComponent(`id eq "${store.everyone.id}"`)}&expand=stats,nonsense`);
        expect(res.body[0]._embedded).to.deep.equal({
            // The org's super administrator is the one member of Everyone.
            stats: { usersCount: 1, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false },
        });
        expect((await get("limit=1")).body[0]).not.to.have.property("_embedded");
    });
});
