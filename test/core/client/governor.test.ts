import { expect } from "chai";
import { ApiTokenAuthenticator, bucketOf, governorFor, OktaClient, OktaDeadlineError, RateLimitGovernor } from "../../../core/client";
import { testClient } from "../../support/client";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";
import { failure } from "../../support/failure";

describe("client: rate-limit governor against the emulator", () => {
    let org: TestOrg | undefined;
    const clients: OktaClient[] = [];
    afterEach(async () => {
        await Promise.all(clients.splice(0).map((c) => c.close()));
        await org?.close();
        org = undefined;
    });
    const client = (o: TestOrg, governor: RateLimitGovernor) => {
        const c = testClient(o, { governor });
        clients.push(c);
        return c;
    };

    it("maps requests to Okta's buckets like the emulator does", () => {
        expect(bucketOf("GET", "/api/v1/users/00u1")).to.equal("user-get");
        expect(bucketOf("POST", "/api/v1/users/00u1")).to.equal("user-write");
        expect(bucketOf("GET", "/api/v1/users")).to.equal("users");
        expect(bucketOf("POST", "/api/v1/users/00u1/lifecycle/activate")).to.equal("users");
        expect(bucketOf("GET", "/api/v1/groups/00g1")).to.equal("group");
        expect(bucketOf("PUT", "/api/v1/groups/00g1/users/00u1")).to.equal("groups");
        expect(bucketOf("GET", "/api/v1/apps/0oa1/users")).to.equal("apps");
        expect(bucketOf("GET", "/api/v1/logs")).to.equal("logs");
        expect(bucketOf("GET", "/api/v1/eventHooks/who1")).to.equal("api");
        expect(bucketOf("POST", "/oauth2/v1/token")).to.equal("oauth2-v1");
        expect(bucketOf("GET", "/oauth2/v1/keys")).to.equal("");
    });

    it("paces a burst so the bucket is used up without a single 429", async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 1000, tokenShare: 100, limits: { group: 10 } } });
        const governor = new RateLimitGovernor({ jitterMs: 0 });
        const c = client(org, governor);
        const group = await c.post<any>("/api/v1/groups", { profile: { name: "Paced" } });
        const results = await Promise.all(Array.from({ length: 25 }, () => c.get<any>(`/api/v1/groups/${group.id}`)));
        expect(results.every((g) => g.id === group.id)).to.equal(true);
        const stats = await org.control.stats();
        expect(stats.byStatus["429"] ?? 0).to.equal(0);
        expect(stats.byRoute["GET /api/v1/groups/:groupId"]).to.equal(25);
        expect(governor.stats().waited).to.be.greaterThan(0);
        expect(governor.bucket("group").limit).to.equal(10);
    });

    it("uses only capacityPercent of each bucket", async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 1000, tokenShare: 100, limits: { groups: 10 } } });
        const c = client(org, new RateLimitGovernor({ jitterMs: 0, capacityPercent: 50 }));
        const remaining: number[] = [];
        for (let i = 0; i < 7; i++) {
            const res = await c.request({ method: "GET", path: "/api/v1/groups" });
            remaining.push(Number(res.headers["x-rate-limit-remaining"]));
        }
        // Five requests use half the window; the sixth waits for a fresh window instead of eating into the other half.
        expect(remaining).to.deep.equal([9, 8, 7, 6, 5, 9, 8]);
    });

    describe("waiting for a 429's reset by the server's clock (Date), not the local one", () => {
        for (const skew of [+20_000, -20_000]) {
            it(`with the server clock ${skew > 0 ? "ahead" : "behind"} by 20 s`, async () => {
                org = await startTestOrg({ clockSkewMs: skew, rateLimits: { windowMs: 1000, tokenShare: 100, limits: { groups: 1 } } });
                const c = client(org, new RateLimitGovernor({ jitterMs: 0 }));
                // Another integration uses the bucket up: our first request gets the 429.
                expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
                const response = await c.request({ method: "GET", path: "/api/v1/groups", deadlineMs: 8000 });
                // Ahead: trusting the local clock would wait ~21 s and miss the 8 s deadline.
                // Behind: it would retry at once and collect 429s until the window ends.
                expect(response.status).to.equal(200);
                expect(response.attempts).to.equal(2);
                expect((await org.control.stats()).byStatus["429"]).to.equal(1);
            });
        }
    });

    it("fails early with OktaDeadlineError when the bucket resets after the deadline", async () => {
        org = await startTestOrg({ rateLimits: { tokenShare: 100, limits: { groups: 1 } } });
        const c = client(org, new RateLimitGovernor({ jitterMs: 0 }));
        await c.get("/api/v1/groups");
        const err = await failure(c.request({ method: "GET", path: "/api/v1/groups", deadlineMs: 2000 }));
        expect(err).to.be.instanceOf(OktaDeadlineError);
        expect(err.message).to.match(/rate-limit bucket 'groups' is used up until .*, after the deadline/);
        expect(await org.control.count("GET", "/api/v1/groups")).to.equal(1);
    });

    it("lets a request wait past its deadline while its bucket's line keeps moving (docs/okta/rate-limits.md#deadline)", async () => {
        // 30 requests at 5 a window: the last goes out in the sixth window, long after a 2.5 s deadline counted from
        // when it was queued. Each window moves the line, so each request's budget counts from the line's last move.
        org = await startTestOrg({ rateLimits: { windowMs: 1000, tokenShare: 100, limits: { group: 5 } } });
        const c = client(org, new RateLimitGovernor({ jitterMs: 0 }));
        const group = await c.post<any>("/api/v1/groups", { profile: { name: "Queued" } });
        const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => c.request({ method: "GET", path: `/api/v1/groups/${group.id}`, deadlineMs: 2500 })));
        const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => String(o.reason));
        expect(failed).to.deep.equal([]);
        const stats = await org.control.stats();
        expect(stats.byRoute["GET /api/v1/groups/:groupId"]).to.equal(30);
        expect(stats.byStatus["429"] ?? 0).to.equal(0);
    });

    it("hands a request that waited in a moving line for a slot the later deadline, for its attempt and retries", async () => {
        let now = 0;
        const governor = new RateLimitGovernor({ jitterMs: 0, maxConcurrency: 1, now: () => now });
        const first = await governor.acquire("api", 5_000);
        const second = governor.acquire("api", 5_000);
        const third = governor.acquire("api", 5_000);
        now = 4_000;
        first.release();
        const secondPermit = await second;
        // The line moved at 4 s: the third's 5-second budget counts from there.
        now = 8_000;
        secondPermit.release();
        const thirdPermit = await third;
        expect([secondPermit.deadline, thirdPermit.deadline]).to.deep.equal([5_000, 9_000]);
        thirdPermit.release();
    });

    it("fails every request of a line that does not move, as soon as the wait is known to pass the deadline", async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 30_000, tokenShare: 100, limits: { groups: 1 } } });
        const c = client(org, new RateLimitGovernor({ jitterMs: 0 }));
        // Another integration uses the bucket up for 30 s.
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => c.request({ method: "GET", path: "/api/v1/groups", deadlineMs: 5000 })));
        for (const outcome of outcomes) {
            expect(outcome.status).to.equal("rejected");
            const err = (outcome as PromiseRejectedResult).reason;
            expect(err).to.be.instanceOf(OktaDeadlineError);
            expect(err.message).to.match(/rate-limit bucket 'groups' is used up until .*, after the deadline/);
        }
        // One request learned the window (its 429 named the reset); none of the others was sent.
        expect(await org.control.count("GET", "/api/v1/groups")).to.equal(2);
    });

    it("caps requests in flight at maxConcurrency", async () => {
        org = await startTestOrg({
            rateLimits: { concurrency: 3 },
            faults: { rules: [{ method: "GET", path: "/api/v1/groups", latencyMs: 150 }] },
        });
        const c = client(org, new RateLimitGovernor({ jitterMs: 0, maxConcurrency: 3 }));
        await Promise.all(Array.from({ length: 9 }, () => c.get("/api/v1/groups")));
        // The emulator refuses a fourth simultaneous request with a concurrency 429: there was none.
        expect((await org.control.stats()).byStatus).to.deep.equal({ "200": 9 });
    });

    it("halves its concurrency on concurrency 429s (Limit 0) and still completes every request", async () => {
        org = await startTestOrg({
            rateLimits: { concurrency: 2 },
            faults: { rules: [{ method: "GET", path: "/api/v1/groups", latencyMs: 100 }] },
        });
        const governor = new RateLimitGovernor({ jitterMs: 0, maxConcurrency: 8 });
        const c = client(org, governor);
        await Promise.all(Array.from({ length: 12 }, () => c.get("/api/v1/groups")));
        const stats = await org.control.stats();
        expect(stats.byStatus["200"]).to.equal(12);
        expect(stats.byStatus["429"]).to.be.greaterThan(0);
        expect(governor.stats().concurrency429).to.equal(stats.byStatus["429"]);
        expect(governor.stats().concurrency).to.be.lessThan(8);
    });

    it("is shared by every client of the same org in the process", () => {
        const url = new URL("https://shared-example.okta.com");
        const a = new OktaClient({ orgUrl: url.origin, authenticator: new ApiTokenAuthenticator(TEST_TOKEN) });
        const b = new OktaClient({ orgUrl: url.origin, authenticator: new ApiTokenAuthenticator("another-token") });
        const other = new OktaClient({ orgUrl: "https://other-example.okta.com", authenticator: new ApiTokenAuthenticator(TEST_TOKEN) });
        clients.push(a, b, other);
        expect(a.governor).to.equal(b.governor);
        expect(a.governor).to.equal(governorFor(url));
        expect(other.governor).not.to.equal(a.governor);
    });

    it("takes the limits of the latest client configured for the org; a client without options keeps them", () => {
        const orgUrl = "https://reconfigured-example.okta.com";
        const make = (governor?: { maxConcurrency?: number; capacityPercent?: number }) => {
            const c = new OktaClient({ orgUrl, authenticator: new ApiTokenAuthenticator(TEST_TOKEN), governor });
            clients.push(c);
            return c.governor;
        };
        const first = make({ maxConcurrency: 4, capacityPercent: 80 });
        expect([first.maxConcurrency, first.capacityPercent, first.stats().concurrency]).to.deep.equal([4, 80, 4]);
        expect(make({ maxConcurrency: 10 })).to.equal(first);
        expect([first.maxConcurrency, first.capacityPercent, first.stats().concurrency]).to.deep.equal([10, 80, 10]);
        make();
        expect([first.maxConcurrency, first.capacityPercent]).to.deep.equal([10, 80]);
        expect(() => make({ capacityPercent: 0 })).to.throw("capacityPercent must be between 1 and 100, got 0");
    });
});
