import { expect } from "chai";
import { OktaApiError, OktaDeadlineError, OktaTransportError, type Authenticator, type OktaClient } from "../../../core/client";
import { testClient } from "../../support/client";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";
import { failure } from "../../support/failure";

describe("client: retries, probes, timeouts and deadlines (faults injected by the emulator)", () => {
    let org: TestOrg;
    let client: OktaClient;
    beforeEach(async () => {
        // Short windows: an injected 429 says "bucket used up until Reset", and the client rightly waits for it.
        org = await startTestOrg({ rateLimits: { windowMs: 1000 } });
        await org.control.recordRequests(100);
        client = testClient(org);
    });
    afterEach(async () => {
        await client.close();
        await org.close();
    });

    const groupsNamed = async (name: string) =>
        (await org.api("GET", "/api/v1/groups")).body.filter((g: any) => g.profile.name === name) as any[];
    const probeByName = (name: string) => async () => (await groupsNamed(name))[0];

    it("retries GET, PUT and DELETE after 500, 502, 503 and 429, sending X-Okta-Retry-For and X-Okta-Retry-Count", async () => {
        const group = await client.post<any>("/api/v1/groups", { profile: { name: "Eng" } });
        for (const [method, kind] of [["GET", "500"], ["PUT", "502"], ["GET", "429"], ["DELETE", "503"]] as const) {
            await org.control.setFaults({ rules: [{ method, path: "/api/v1/groups/:groupId", probabilities: { [kind]: 1 }, times: 2 }] });
            await org.control.call("DELETE", "requests");
            const response = await client.request({
                method,
                path: `/api/v1/groups/${group.id}`,
                body: method === "PUT" ? { profile: { name: "Eng" } } : undefined,
            });
            expect(response.status, `${method} after ${kind}`).to.be.oneOf([200, 204]);
            expect(response.attempts).to.equal(3);
            const sent = await org.control.requests();
            expect(sent.map((r) => r.outcome)).to.deep.equal([Number(kind), Number(kind), response.status]);
            expect(sent.map((r) => r.headers["x-okta-retry-count"])).to.deep.equal([undefined, "1", "2"]);
            // Both retries name the request id of the first failed response.
            expect(sent.map((r) => r.headers["x-okta-retry-for"])).to.deep.equal([undefined, sent[0].requestId, sent[0].requestId]);
        }
    });

    it("retries dropped connections of idempotent requests", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { drop: 1 }, times: 2 });
        const groups = await client.get<any[]>("/api/v1/groups");
        expect(groups.map((g) => g.profile.name)).to.include("Everyone");
        expect((await org.control.stats()).byStatus).to.include({ dropped: 2, "200": 1 });
    });

    it("does not retry 501, which says the operation will never work", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "501": 1 } });
        const err = await failure(client.get("/api/v1/groups"));
        expect(err).to.be.instanceOf(OktaApiError);
        expect(err.status).to.equal(501);
        expect(await org.control.count("GET", "/api/v1/groups")).to.equal(1);
    });

    it("does not retry client errors", async () => {
        const err = await failure(client.get("/api/v1/groups/00gmissing"));
        expect(err.errorCode).to.equal("E0000007");
        expect(await org.control.count("GET", "/api/v1/groups/:groupId")).to.equal(1);
    });

    it("never repeats a creating POST without a probe when it may have been applied", async () => {
        for (const kind of ["500", "lose"] as const) {
            await org.control.setFaults({ rules: [{ method: "POST", path: "/api/v1/groups", probabilities: { [kind]: 1 }, times: 1 }] });
            await org.control.resetStats();
            const err = await failure(client.post("/api/v1/groups", { profile: { name: `No probe ${kind}` } }));
            expect(err.message).to.contain("not retried: a POST that may have been applied is only retried when the caller gives a probe");
            expect(await org.control.count("POST", "/api/v1/groups")).to.equal(1);
        }
        expect(await groupsNamed("No probe lose")).to.have.length(1); // applied once, reported as failed
        expect(await groupsNamed("No probe 500")).to.have.length(0);
    });

    it("repeats a creating POST refused with 429, which Okta did not process", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { "429": 1 }, times: 1 });
        const group = await client.post<any>("/api/v1/groups", { profile: { name: "After 429" } });
        expect(group.profile.name).to.equal("After 429");
        expect(await org.control.count("POST", "/api/v1/groups")).to.equal(2);
    });

    it("with a probe, finds the object a lost response created instead of creating it again", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { lose: 1 }, times: 1 });
        const response = await client.request<any>({
            method: "POST",
            path: "/api/v1/groups",
            body: { profile: { name: "Probed" } },
            probe: probeByName("Probed"),
        });
        expect(response.probed).to.equal(true);
        expect(response.body.profile.name).to.equal("Probed");
        expect(await groupsNamed("Probed")).to.have.length(1);
        expect(await org.control.count("POST", "/api/v1/groups")).to.equal(1);
    });

    it("with a probe that finds nothing, sends the create again", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { "503": 1 }, times: 2 });
        let probes = 0;
        const group = await client.post<any>("/api/v1/groups", { profile: { name: "Retried" } }, undefined, {
            probe: async () => {
                probes++;
                return probeByName("Retried")();
            },
        });
        expect(group.id).to.match(/^00g/);
        expect(probes).to.equal(2);
        expect(await groupsNamed("Retried")).to.have.length(1);
    });

    it("retries a POST that declares itself idempotent (lifecycle operations)", async () => {
        await org.control.addFault({ method: "POST", path: "/api/v1/groups", probabilities: { "503": 1 }, times: 1 });
        await client.post("/api/v1/groups", { profile: { name: "Declared" } }, undefined, { idempotent: true });
        expect(await org.control.count("POST", "/api/v1/groups")).to.equal(2);
    });

    it("gives up after maxRetries with the attempts in the message", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "503": 1 } });
        const err = await failure(client.request({ method: "GET", path: "/api/v1/groups", retry: { maxRetries: 2 } }));
        expect(err.status).to.equal(503);
        expect(err.message).to.contain("gave up after 3 attempts");
    });

    it("times out an attempt after timeoutMs and retries it", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", latencyMs: 2000, times: 1 });
        const response = await client.request({ method: "GET", path: "/api/v1/groups", timeoutMs: 300 });
        expect(response.attempts).to.equal(2);
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", latencyMs: 2000, times: 1 });
        const err = await failure(client.request({ method: "GET", path: "/api/v1/groups", timeoutMs: 300, retry: { maxRetries: 0 } }));
        expect(err).to.be.instanceOf(OktaTransportError);
        expect(err.timedOut).to.equal(true);
        expect(err.message).to.contain("no complete response within 300 ms");
    });

    it("stops at the overall deadline, naming the last failure", async () => {
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", latencyMs: 400 });
        const err = await failure(client.request({ method: "GET", path: "/api/v1/groups", timeoutMs: 250, deadlineMs: 1000, retry: { maxRetries: 100 } }));
        expect(err).to.be.instanceOf(OktaDeadlineError);
        expect(err.message).to.match(/deadline reached after \d+ attempts; last failure: .*no complete response within 250 ms/);
        expect(await org.control.count("GET", "/api/v1/groups")).to.be.within(2, 5);
    });

    it("resends once, without counting a retry, when the authenticator answers a 401 challenge", async () => {
        let token = "stale-token-0000000000";
        let challenges = 0;
        const authenticator: Authenticator = {
            headers: () => ({ Authorization: `SSWS ${token}` }),
            async recoverFromChallenge(challenge) {
                challenges++;
                expect(challenge.status).to.equal(401);
                expect((challenge.body as any).errorCode).to.equal("E0000011");
                token = TEST_TOKEN;
                return true;
            },
        };
        const refreshing = testClient(org, { authenticator });
        try {
            expect(await refreshing.get<any[]>("/api/v1/groups")).to.be.an("array").that.is.not.empty;
            expect(challenges).to.equal(1);
            const sent = await org.control.requests();
            expect(sent.map((r) => r.outcome)).to.deep.equal([401, 200]);
            expect(sent[1].headers["x-okta-retry-count"]).to.equal(undefined);
            // Only once per request: a second refusal is the caller's error.
            token = "stale-again-000000000";
            authenticator.recoverFromChallenge = async () => ((token = "still-wrong-000000000"), true);
            const err = await failure(refreshing.get("/api/v1/groups"));
            expect(err.status).to.equal(401);
        } finally {
            await refreshing.close();
        }
    });
});
