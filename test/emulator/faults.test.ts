import { expect } from "chai";
import { parseFaultRule } from "../../emulator/pipeline/faults";
import { failure } from "../support/failure";
import { startTestOrg, type TestOrg } from "../support/emulator";

describe("emulator: fault injection", () => {
    let org: TestOrg;
    /** Groups a new org starts with (the BUILT_IN ones). */
    let initial: number;
    beforeEach(async () => {
        org = await startTestOrg();
        initial = (await org.api("GET", "/api/v1/groups")).body.length;
    });
    afterEach(() => org.close());

    const groupCount = async () => (await org.api("GET", "/api/v1/groups")).body.length as number;

    it("answers 500 E0000009 in Okta's shape, with the rate-limit headers, and changes nothing", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { "500": 1 } });
        const res = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        expect(res.status).to.equal(500);
        expect(res.body).to.include({ errorCode: "E0000009", errorSummary: "Internal Server Error" });
        expect(res.headers.get("x-rate-limit-limit")).to.equal("250");
        expect(res.headers.get("x-okta-request-id")).to.be.a("string");
        expect(await groupCount()).to.equal(initial);
    });

    it("answers 502 and 503 with a proxy's HTML page", async () => {
        await org.control.addFault({ path: "/api/v1/groups/:groupId", probabilities: { "502": 1 }, times: 1 });
        await org.control.addFault({ path: "/api/v1/groups/:groupId", probabilities: { "503": 1 }, times: 1 });
        const first = await org.api("GET", "/api/v1/groups/00gx");
        const second = await org.api("GET", "/api/v1/groups/00gx");
        expect([first.status, second.status]).to.deep.equal([502, 503]);
        expect(first.headers.get("content-type")).to.equal("text/html");
        expect(first.body).to.contain("502 Bad Gateway");
        expect(second.body).to.contain("503 Service Unavailable");
        // Rules with `times` are spent: the route answers normally again.
        expect((await org.api("GET", "/api/v1/groups/00gx")).status).to.equal(404);
    });

    it("injects 429s that look like Okta's: E0000047, Remaining 0, a Reset and a Date", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "429": 1 }, times: 1 });
        const res = await org.api("GET", "/api/v1/groups");
        expect(res.status).to.equal(429);
        expect(res.body.errorCode).to.equal("E0000047");
        expect(res.headers.get("x-rate-limit-remaining")).to.equal("0");
        expect(Number(res.headers.get("x-rate-limit-reset"))).to.be.greaterThan(Date.now() / 1000);
        expect(res.headers.get("date")).to.be.a("string");
    });

    it("drops the connection without an answer and without applying the change", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { drop: 1 }, times: 1 });
        const err = await failure(org.api("POST", "/api/v1/groups", { body: { profile: { name: "Dropped" } } }));
        expect(err).to.be.instanceOf(TypeError); // fetch failed: the socket closed without a response
        expect(await groupCount()).to.equal(initial);
        expect((await org.control.stats()).byStatus.dropped).to.equal(1);
    });

    it("loses the response after applying the change", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { lose: 1 }, times: 1 });
        await failure(org.api("POST", "/api/v1/groups", { body: { profile: { name: "Lost" } } }));
        const names = (await org.api("GET", "/api/v1/groups")).body.map((g: any) => g.profile.name);
        expect(names).to.have.length(initial + 1);
        expect(names.filter((n: string) => n === "Lost")).to.have.length(1);
    });

    it("adds latency to matching requests", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups/**", latencyMs: 300, times: 1 });
        const started = Date.now();
        const res = await org.api("GET", "/api/v1/groups");
        expect(res.status).to.equal(200);
        expect(Date.now() - started).to.be.at.least(290);
        expect((await org.control.faults()).rules[0].times).to.equal(0);
    });

    it("draws the same faults from the same seed", async () => {
        const run = async () => {
            await org.control.setFaults({ seed: 42, rules: [{ method: "GET", path: "/api/v1/groups/*", probabilities: { "500": 0.3, "503": 0.2 } }] });
            const statuses: number[] = [];
            for (let i = 0; i < 30; i++) {
                statuses.push((await org.api("GET", "/api/v1/groups/00gnothere")).status);
            }
            return statuses;
        };
        const first = await run();
        const second = await run();
        expect(second).to.deep.equal(first);
        expect([...new Set(first)].sort()).to.deep.equal([404, 500, 503]);
    });

    it("counts injected faults by kind, and refuses invalid rules with 400 E0000001", async () => {
        await org.control.setFaults({ rules: [{ path: "/api/v1/groups", probabilities: { "503": 1 }, times: 2 }] });
        await org.api("GET", "/api/v1/groups");
        await org.api("GET", "/api/v1/groups");
        expect((await org.control.stats()).faults["503"]).to.equal(2);

        for (const bad of [
            { path: "/api/v1/groups", probabilities: { "500": 0.7, "503": 0.7 } },
            { path: "/api/v1/groups", probabilities: { "418": 0.1 } },
            { path: "api/v1/groups" },
        ]) {
            const err = await failure(org.control.setFaults({ rules: [bad as any] }));
            expect(err.message).to.match(/HTTP 400 Api validation failed: settings/);
        }
    });

    it("parses the CLI form of a rule", () => {
        expect(parseFaultRule("POST /api/v1/groups 500=0.1,lose=0.05,latency=20,times=3")).to.deep.equal({
            method: "POST",
            path: "/api/v1/groups",
            probabilities: { "500": 0.1, lose: 0.05 },
            latencyMs: 20,
            times: 3,
        });
        expect(parseFaultRule("/api/v1/** drop=0.01")).to.deep.equal({ method: undefined, path: "/api/v1/**", probabilities: { drop: 0.01 } });
        expect(() => parseFaultRule("GET /x 500=lots")).to.throw(/name=number/);
        expect(() => parseFaultRule("GET /x teapot=0.1")).to.throw(/unknown fault 'teapot'/);
    });
});
