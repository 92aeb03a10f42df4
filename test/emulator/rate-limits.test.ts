import { expect } from "chai";
import { startTestOrg, type RawResponse, type TestOrg } from "../support/emulator";

const SECOND_TOKEN = "second-token-0000000000000000000000000000";

function rateHeaders(res: RawResponse) {
    return {
        limit: res.headers.get("x-rate-limit-limit"),
        remaining: res.headers.get("x-rate-limit-remaining"),
        reset: res.headers.get("x-rate-limit-reset"),
    };
}

/** Waits until the epoch second a Reset header names has passed. */
async function untilReset(reset: string | null): Promise<void> {
    const ms = Number(reset) * 1000 - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) + 20));
}

describe("emulator: rate limits", () => {
    let org: TestOrg;
    afterEach(() => org?.close());

    describe("bucket table (Workforce defaults, per-token cap off)", () => {
        beforeEach(async () => {
            org = await startTestOrg({ rateLimits: { tokenShare: 100 } });
        });

        // Paths need no route of their own: buckets are chosen from the request path by prefix rules, so routes
        // other modules add are covered without touching the table.
        const cases: [string, string, string][] = [
            ["GET", "/api/v1/users", "600"],
            ["POST", "/api/v1/users", "600"],
            ["GET", "/api/v1/users/00u1", "2000"],
            ["GET", "/api/v1/users/jane@example.com", "2000"],
            ["POST", "/api/v1/users/00u1", "600"],
            ["DELETE", "/api/v1/users/00u1", "600"],
            ["POST", "/api/v1/users/00u1/lifecycle/activate", "600"],
            ["GET", "/api/v1/users/00u1/groups", "600"],
            ["GET", "/api/v1/groups", "500"],
            ["POST", "/api/v1/groups", "500"],
            ["GET", "/api/v1/groups/00g1", "1000"],
            ["PUT", "/api/v1/groups/00g1", "1000"],
            ["PUT", "/api/v1/groups/00g1/users/00u1", "500"],
            ["GET", "/api/v1/apps", "100"],
            ["GET", "/api/v1/apps/0oa1", "500"],
            ["POST", "/api/v1/apps/0oa1/lifecycle/activate", "100"],
            ["GET", "/api/v1/apps/0oa1/users", "100"],
            ["GET", "/api/v1/logs", "120"],
            ["GET", "/api/v1/eventHooks", "1200"],
            ["GET", "/api/v1/policies", "1200"],
            ["GET", "/api/v1/realms/vvr1", "1200"],
            ["GET", "/api/v1/meta/types/user", "1200"],
            ["POST", "/oauth2/v1/token", "2000"],
            ["GET", "/oauth2/v1/clients", "100"],
            ["POST", "/oauth2/default/v1/token", "600"],
        ];
        for (const [method, path, limit] of cases) {
            it(`${method} ${path} counts against a bucket of ${limit}`, async () => {
                const res = await org.api(method, path, method === "GET" || method === "DELETE" ? {} : { body: {} });
                expect(rateHeaders(res).limit).to.equal(limit);
            });
        }

        it("the 'most other /api/v1' endpoints share one bucket", async () => {
            const seen = [];
            for (const path of ["/api/v1/eventHooks", "/api/v1/policies?type=OKTA_SIGN_ON", "/api/v1/realms", "/api/v1/meta/types/user"]) {
                seen.push(rateHeaders(await org.api("GET", path)).remaining);
            }
            expect(seen).to.deep.equal(["1199", "1198", "1197", "1196"]);
        });

        it("does not rate limit /oauth2/v1/keys and /.well-known/*: no rate-limit headers", async () => {
            for (const path of ["/oauth2/v1/keys", "/.well-known/openid-configuration", "/oauth2/default/.well-known/oauth-authorization-server"]) {
                const res = await org.api("GET", path);
                expect(res.headers.get("x-okta-request-id"), path).to.be.a("string");
                expect(rateHeaders(res).limit, path).to.equal(null);
            }
        });

        it("sends the three headers on every rate-limited response, errors included, with a 60 s window", async () => {
            const before = Date.now() / 1000;
            for (const res of [
                await org.api("GET", "/api/v1/groups"),
                await org.api("GET", "/api/v1/groups", { headers: { Authorization: "SSWS wrong" } }),
                await org.api("GET", "/api/v1/nothing-here"),
            ]) {
                const h = rateHeaders(res);
                expect(Number(h.limit)).to.be.greaterThan(0);
                expect(h.remaining).to.match(/^\d+$/);
                expect(Number(h.reset)).to.be.within(Math.floor(before) + 60, Math.ceil(Date.now() / 1000) + 61);
                expect(Number.isInteger(Number(h.reset))).to.equal(true);
            }
        });
    });

    it("answers 429 E0000047 with Remaining 0 and a Date once a bucket is used up, until the window resets", async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 1000, tokenShare: 100, limits: { groups: 3 } } });
        const remaining: string[] = [];
        for (let i = 0; i < 3; i++) {
            const res = await org.api("GET", "/api/v1/groups");
            expect(res.status).to.equal(200);
            remaining.push(rateHeaders(res).remaining!);
        }
        expect(remaining).to.deep.equal(["2", "1", "0"]);
        const limited = await org.api("GET", "/api/v1/groups");
        expect(limited.status).to.equal(429);
        expect(limited.body).to.include({ errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." });
        expect(limited.body.errorCauses).to.deep.equal([]);
        expect(rateHeaders(limited)).to.include({ limit: "3", remaining: "0" });
        const date = Date.parse(limited.headers.get("date")!);
        expect(date).to.be.closeTo(Date.now(), 2000);
        // Another bucket is not affected.
        expect(rateHeaders(await org.api("GET", "/api/v1/groups/00gnothere")).limit).to.equal("1000");
        await untilReset(rateHeaders(limited).reset);
        const after = await org.api("GET", "/api/v1/groups");
        expect(after.status).to.equal(200);
        expect(rateHeaders(after).remaining).to.equal("2");
    });

    it("refused requests are not counted: the window's Remaining stays at 0 and the Reset does not move", async () => {
        org = await startTestOrg({ rateLimits: { tokenShare: 100, limits: { logs: 1 } } });
        const first = await org.api("GET", "/api/v1/logs");
        const refused = [await org.api("GET", "/api/v1/logs"), await org.api("GET", "/api/v1/logs")];
        expect(refused.map((r) => r.status)).to.deep.equal([429, 429]);
        expect(refused.map((r) => rateHeaders(r).reset)).to.deep.equal([rateHeaders(first).reset, rateHeaders(first).reset]);
    });

    it("shortens windows with windowMs; window ends are whole seconds so that Reset is exact", async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 2000 } });
        const before = Date.now();
        const reset = Number(rateHeaders(await org.api("GET", "/api/v1/groups")).reset);
        expect(reset * 1000).to.be.within(before + 2000, Date.now() + 3000);
    });

    it("caps one token at 50% of a bucket by default: Limit shows the token's ceiling", async () => {
        org = await startTestOrg({
            rateLimits: { limits: { groups: 4 } },
            seed: { tokens: [{ token: SECOND_TOKEN }] },
        });
        const first = [await org.api("GET", "/api/v1/groups"), await org.api("GET", "/api/v1/groups"), await org.api("GET", "/api/v1/groups")];
        expect(first.map((r) => r.status)).to.deep.equal([200, 200, 429]);
        expect(first.map((r) => rateHeaders(r).limit)).to.deep.equal(["2", "2", "2"]);
        expect(first.map((r) => rateHeaders(r).remaining)).to.deep.equal(["1", "0", "0"]);
        const other = { headers: { Authorization: `SSWS ${SECOND_TOKEN}` } };
        const second = [await org.api("GET", "/api/v1/groups", other), await org.api("GET", "/api/v1/groups", other)];
        expect(second.map((r) => r.status)).to.deep.equal([200, 200]);
        // The bucket itself (4) is now used up for everyone.
        expect((await org.api("GET", "/api/v1/groups", other)).status).to.equal(429);
    });

    it("answers a concurrency 429 with Limit 0 and Remaining 0 above the concurrent-request limit", async () => {
        org = await startTestOrg({
            rateLimits: { concurrency: 2 },
            faults: { rules: [{ method: "GET", path: "/api/v1/groups", latencyMs: 500 }] },
        });
        const slow = [org.api("GET", "/api/v1/groups"), org.api("GET", "/api/v1/groups")];
        await new Promise((resolve) => setTimeout(resolve, 100));
        const refused = await org.api("GET", "/api/v1/groups/00gany");
        expect(refused.status).to.equal(429);
        expect(refused.body.errorCode).to.equal("E0000047");
        expect(rateHeaders(refused)).to.include({ limit: "0", remaining: "0" });
        expect(Number(rateHeaders(refused).reset)).to.be.greaterThan(Date.now() / 1000);
        expect((await Promise.all(slow)).map((r) => r.status)).to.deep.equal([200, 200]);
        // Below the limit again, the headers report the time-based bucket.
        expect(rateHeaders(await org.api("GET", "/api/v1/groups/00gany")).limit).to.equal("500");
    });

    it("sets every bucket that limits does not name with otherLimit, leaving unlimited endpoints alone", async () => {
        org = await startTestOrg({ rateLimits: { otherLimit: 100_000, limits: { logs: 7 } } });
        const { limits } = await org.control.rateLimits();
        expect(limits).to.include({ groups: 100_000, "user-get": 100_000, api: 100_000, logs: 7, keys: null });
    });

    it("overrides limits by name at start and at run time; unknown names are refused", async () => {
        org = await startTestOrg({ rateLimits: { limits: { "user-get": 10 } } });
        expect(rateHeaders(await org.api("GET", "/api/v1/users/00u1")).limit).to.equal("5");
        const settings = await org.control.setRateLimits({ limits: { "user-get": 100 }, tokenShare: 100 });
        expect(settings.limits["user-get"]).to.equal(100);
        expect(settings.limits.group).to.equal(1000);
        expect(rateHeaders(await org.api("GET", "/api/v1/users/00u1")).limit).to.equal("100");
        let message = "";
        await org.control.setRateLimits({ limits: { nope: 1 } }).catch((err: Error) => (message = err.message));
        expect(message).to.match(/HTTP 400 .*unknown rate-limit bucket 'nope'/);
    });
});
