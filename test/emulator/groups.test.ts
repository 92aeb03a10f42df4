import { expect } from "chai";
import { startTestOrg, type TestOrg } from "../support/emulator";

describe("emulator: /api/v1/groups over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    const expectOktaError = (res: { status: number; body: any }, status: number, code: string) => {
        expect(res.status).to.equal(status);
        expect(res.body).to.include.keys("errorCode", "errorSummary", "errorLink", "errorId", "errorCauses");
        expect(res.body.errorCode).to.equal(code);
        expect(res.body.errorLink).to.equal(code);
        expect(res.body.errorId).to.match(/^oae[\w-]{22}$/);
    };

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
        expect(replaced.body.profile).to.deep.equal({ name: "Engineering", description: null });

        expect((await org.api("DELETE", `/api/v1/groups/${group.id}`)).status).to.equal(204);
        const gone = await org.api("GET", `/api/v1/groups/${group.id}`);
        expectOktaError(gone, 404, "E0000007");
        expect(gone.body.errorSummary).to.equal(`Not found: Resource not found: ${group.id} (UserGroup)`);
    });

    it("pages with limit and after, linking the next page until the last", async () => {
        for (let i = 0; i < 6; i++) {
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: `g${i}` } } });
        }
        const seen: string[] = [];
        let next: string | undefined = "/api/v1/groups?limit=3";
        let pages = 0;
        while (next) {
            const res = await org.api("GET", next);
            pages++;
            seen.push(...res.body.map((g: any) => g.profile.name));
            const links = res.headers.get("link") ?? "";
            expect(links).to.contain('rel="self"');
            next = /<([^>]+)>; rel="next"/.exec(links)?.[1];
        }
        expect(seen).to.deep.equal(["Everyone", "g0", "g1", "g2", "g3", "g4", "g5"]);
        expect(pages).to.equal(3);
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
