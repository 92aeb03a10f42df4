import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { EmulatorControl } from "../support/control";
import { failure } from "../support/failure";
import { startTestOrg, TEST_CONTROL_TOKEN, TEST_TOKEN, type TestOrg } from "../support/emulator";

describe("emulator: control API", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({ seed: { groups: [{ id: "00gseeded00000000001", name: "Seeded" }] } });
    });
    afterEach(() => org.close());

    it("needs its own token: none or a wrong one -> 401, an API token is not enough", async () => {
        for (const token of [undefined, "wrong", TEST_TOKEN]) {
            const res = await fetch(`${org.url}/__emulator/stats`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
            expect(res.status, String(token)).to.equal(401);
        }
        const sswsAttempt = await fetch(`${org.url}/__emulator/stats`, { headers: { Authorization: `SSWS ${TEST_CONTROL_TOKEN}` } });
        expect(sswsAttempt.status).to.equal(401);
    });

    it("does not exist when no control token is set, and can be turned on from code", async () => {
        const plain = await startTestOrg({ controlToken: undefined });
        try {
            const res = await fetch(`${plain.url}/__emulator/stats`, { headers: { Authorization: `Bearer ${TEST_CONTROL_TOKEN}` } });
            expect(res.status).to.equal(404);
            expect(((await res.json()) as { errorCode: string }).errorCode).to.equal("E0000008");
            plain.emulator.controlToken = "set-from-code-000000";
            expect((await new EmulatorControl(plain.url, "set-from-code-000000").stats()).total).to.equal(0);
        } finally {
            await plain.close();
        }
    });

    it("counts requests per method and route template, with totals and statuses, and resets them", async () => {
        const created = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        await org.api("GET", `/api/v1/groups/${created.body.id}`);
        await org.api("GET", "/api/v1/groups/00gmissing");
        await org.api("GET", "/api/v1/nothing");
        const stats = await org.control.stats();
        expect(stats.total).to.equal(4);
        expect(stats.byRoute).to.deep.equal({
            "POST /api/v1/groups": 1,
            "GET /api/v1/groups/:groupId": 2,
            "GET (unmatched)": 1,
        });
        expect(stats.byStatus).to.deep.equal({ "200": 2, "404": 2 });
        expect(await org.control.count("GET", "/api/v1/groups/:groupId")).to.equal(2);
        // Control requests are not counted.
        expect((await org.control.stats()).total).to.equal(4);
        await org.control.resetStats();
        expect(await org.control.stats()).to.deep.include({ total: 0, byRoute: {}, byStatus: {} });
    });

    it("puts the org back to its seed", async () => {
        const groupNames = async () => (await org.api("GET", "/api/v1/groups")).body.map((g: any) => g.profile.name);
        const seeded = await groupNames();
        expect(seeded).to.include("Seeded");
        await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Temporary" } } });
        await org.api("DELETE", "/api/v1/groups/00gseeded00000000001");
        await org.control.resetOrg();
        expect(await groupNames()).to.deep.equal(seeded);
        expect((await org.api("GET", "/api/v1/groups/00gseeded00000000001")).status).to.equal(200);
        // API tokens come from the seed too, and still work.
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
    });

    it("configures faults: replace, add, read back and clear", async () => {
        await org.control.setFaults({ seed: 7, rules: [{ method: "GET", path: "/api/v1/groups", probabilities: { "503": 1 } }] });
        await org.control.addFault({ path: "/api/v1/groups/*", latencyMs: 5 });
        const settings = await org.control.faults();
        expect(settings.seed).to.equal(7);
        expect(settings.rules.map((r) => r.path)).to.deep.equal(["/api/v1/groups", "/api/v1/groups/*"]);
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(503);
        await org.control.clearFaults();
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
    });

    it("configures rate limits: window, limits by name, concurrency and token share", async () => {
        const defaults = await org.control.rateLimits();
        expect(defaults).to.deep.include({ windowMs: 60000, concurrency: 75, tokenShare: 50 });
        expect(defaults.limits).to.include({ "user-get": 2000, groups: 500, logs: 120, api: 1200, keys: null });
        await org.control.setRateLimits({ windowMs: 5000, limits: { groups: 2 }, tokenShare: 100 });
        await org.api("GET", "/api/v1/groups");
        await org.api("GET", "/api/v1/groups");
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(429);
        await org.control.resetRateLimitWindows();
        expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
        const err = await failure(org.control.call("PUT", "rate-limits", { burst: 5 }));
        expect(err.message).to.contain("unknown rate-limit setting(s) burst");
    });

    it("keeps a journal of requests as received, credentials redacted, when asked to", async () => {
        await org.api("GET", "/api/v1/groups");
        expect(await org.control.requests()).to.deep.equal([]);
        await org.control.recordRequests(10);
        await org.api("POST", "/api/v1/groups?x=1", { body: { profile: { name: "Journal" } }, headers: { "X-Okta-Retry-Count": "1" } });
        const [entry] = await org.control.requests();
        expect(entry).to.include({ method: "POST", path: "/api/v1/groups?x=1", template: "/api/v1/groups", outcome: 200 });
        expect(entry.headers.authorization).to.equal("SSWS [redacted]");
        expect(entry.headers["x-okta-retry-count"]).to.equal("1");
        expect(JSON.parse(Buffer.from(entry.body!, "base64").toString("utf8"))).to.deep.equal({ profile: { name: "Journal" } });
    });

    it("resets everything at once", async () => {
        const seeded = (await org.api("GET", "/api/v1/groups")).body.length;
        await org.control.addFault({ path: "/api/v1/groups", probabilities: { "500": 1 } });
        await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Gone" } } });
        await org.control.reset();
        expect((await org.control.faults()).rules).to.deep.equal([]);
        expect((await org.control.stats()).total).to.equal(0);
        expect((await org.api("GET", "/api/v1/groups")).body).to.have.length(seeded);
    });
});

describe("emulator: CLI traffic options", () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
        child?.kill();
        child = undefined;
    });

    it("takes rate limits, faults and a control token from flags", async () => {
        const cli = path.resolve(__dirname, "../../emulator/cli.js");
        child = spawn(process.execPath, [
            cli, "--quiet", "--token", TEST_TOKEN, "--control-token", "cli-control-token", "--window-ms", "5000",
            "--rate-limit", "group=7", "--token-share", "100", "--concurrency-limit", "9",
            "--fault", "GET /api/v1/groups 503=1,times=1", "--fault-seed", "3",
        ], { stdio: ["ignore", "pipe", "inherit"] });
        const [line] = (await once(child.stdout!, "data")) as [Buffer];
        const url = line.toString().trim().split("\n")[0];
        const control = new EmulatorControl(url, "cli-control-token");
        expect(await control.rateLimits()).to.deep.include({ windowMs: 5000, concurrency: 9, tokenShare: 100 });
        expect((await control.rateLimits()).limits.group).to.equal(7);
        expect((await control.faults()).seed).to.equal(3);
        const auth = { headers: { Authorization: `SSWS ${TEST_TOKEN}` } };
        expect((await fetch(`${url}/api/v1/groups`, auth)).status).to.equal(503);
        expect((await fetch(`${url}/api/v1/groups`, auth)).status).to.equal(200);
        expect((await fetch(`${url}/api/v1/groups/00gx`, auth)).headers.get("x-rate-limit-limit")).to.equal("7");
    });
});
