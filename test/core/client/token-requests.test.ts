import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import { decodeJwt } from "jose";
import { Agent, type Dispatcher } from "undici";
import { ClientCredentialsAuthenticator, OktaClient, RateLimitGovernor } from "../../../provider";
import { startTestOrg, type TestOrg } from "../../support/emulator";
import { oauthSeed, SERVICE_CLIENT_ID, SERVICE_ES_CLIENT_ID, TestClock, testKey } from "../../support/oauth";

/** What the client put on the wire for one token request attempt (observed on its real dispatcher, not replaced). */
interface SentTokenRequest {
    proofJti?: string;
    assertionJti: string;
    retryCount?: string;
}

/** An undici Agent that notes every token request it sends, then sends it unchanged. */
function observingDispatcher(sent: SentTokenRequest[]): Dispatcher {
    return new Agent().compose((dispatch) => (options, handler) => {
        if (options.path === "/oauth2/v1/token") {
            const headers = options.headers as Record<string, string>;
            const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
            const form = new URLSearchParams(String(options.body));
            const proof = header("dpop");
            sent.push({
                proofJti: proof ? String(decodeJwt(proof).jti) : undefined,
                assertionJti: String(decodeJwt(form.get("client_assertion")!).jti),
                retryCount: header("x-okta-retry-count"),
            });
        }
        return dispatch(options, handler);
    });
}

describe("client: OAuth token requests go through the governor and retries", () => {
    let org: TestOrg;
    let clock: TestClock;
    let lines: string[];
    const clients: OktaClient[] = [];
    beforeEach(async () => {
        clock = new TestClock();
        lines = [];
        org = await startTestOrg({
            seed: await oauthSeed(["okta.groups.read"]),
            oauth: { now: clock.now },
            log: (line) => lines.push(line.split(" ").slice(0, 3).join(" ").replace(/\?\S*/, "")),
        });
    });
    afterEach(async () => {
        await Promise.all(clients.splice(0).map((c) => c.close()));
        await org.close();
    });

    async function serviceClient(options: { clientId?: string; dpop?: boolean; governor?: RateLimitGovernor; dispatcher?: Dispatcher } = {}) {
        const key = options.clientId === SERVICE_ES_CLIENT_ID ? await testKey("ES256", "ec-1") : await testKey("RS256", "rsa-1");
        const authenticator = new ClientCredentialsAuthenticator({
            orgUrl: org.url,
            clientId: options.clientId ?? SERVICE_CLIENT_ID,
            privateKey: key.privatePem,
            keyId: key.kid,
            scopes: ["okta.groups.read"],
            dpop: options.dpop,
            now: clock.now,
        });
        const client = new OktaClient({
            orgUrl: org.url,
            authenticator,
            retry: { baseDelayMs: 10, maxDelayMs: 20 },
            governor: options.governor ?? new RateLimitGovernor(),
            dispatcher: options.dispatcher,
        });
        clients.push(client);
        return client;
    }

    it("retries a token request answered 503, with a new DPoP proof and a new client assertion every time", async () => {
        await org.control.addFault({ method: "POST", path: "/oauth2/v1/token", probabilities: { "503": 1 }, times: 2 });
        const sent: SentTokenRequest[] = [];
        const client = await serviceClient({ dispatcher: observingDispatcher(sent) });

        expect(await client.get<unknown[]>("/api/v1/groups")).to.have.length(2);

        expect(lines).to.deep.equal([
            "POST /oauth2/v1/token 503",
            "POST /oauth2/v1/token 503",
            "POST /oauth2/v1/token 400", // use_dpop_nonce: answered with one resend, not counted as a retry
            "POST /oauth2/v1/token 200",
            "GET /api/v1/groups 200",
        ]);
        expect(sent.map((s) => s.retryCount)).to.deep.equal([undefined, "1", "2", "2"]);
        expect(new Set(sent.map((s) => s.proofJti)).size, "DPoP proof jtis").to.equal(4);
        expect(new Set(sent.map((s) => s.assertionJti)).size, "client assertion jtis").to.equal(4);
        expect(sent.every((s) => s.proofJti !== undefined)).to.equal(true);
    });

    it("retries a token answer lost after Okta issued it, and Okta accepts the retry (its assertion is new)", async () => {
        // Okta burns a client assertion's jti when it issues the token: a retry that reused it would get 401 invalid_client.
        await org.control.addFault({ method: "POST", path: "/oauth2/v1/token", probabilities: { lose: 1 }, times: 1 });
        const client = await serviceClient({ clientId: SERVICE_ES_CLIENT_ID, dpop: false });

        expect(await client.get<unknown[]>("/api/v1/groups")).to.have.length(2);
        expect(lines).to.deep.equal(["POST /oauth2/v1/token dropped", "POST /oauth2/v1/token 200", "GET /api/v1/groups 200"]);
    });

    it("retries a lost DPoP-bound token answer with a proof Okta has not seen (it refuses a reused jti)", async () => {
        org.emulator.authorizationServer.accessTokenLifetimeSeconds = 120;
        const client = await serviceClient();
        await client.get("/api/v1/groups"); // learns the nonce
        clock.advance(100); // the token is due for renewal
        await org.control.addFault({ method: "POST", path: "/oauth2/v1/token", probabilities: { lose: 1 }, times: 1 });
        lines.length = 0;

        await client.get("/api/v1/groups");
        expect(lines).to.deep.equal(["POST /oauth2/v1/token dropped", "POST /oauth2/v1/token 200", "GET /api/v1/groups 200"]);
    });

    it("paces token requests in the token endpoint's bucket", async () => {
        const governor = new RateLimitGovernor();
        const client = await serviceClient({ governor });
        await client.get("/api/v1/groups");
        const bucket = governor.bucket("oauth2-v1");
        expect(bucket.limit).to.be.a("number").above(0);
        expect(bucket.remaining).to.be.below(bucket.limit!);
        expect(bucket.inFlight).to.equal(0);
    });

    it("renews a token for a request that holds the only slot, without waiting for a slot itself (no deadlock)", async () => {
        org.emulator.authorizationServer.accessTokenLifetimeSeconds = 120;
        const client = await serviceClient({ governor: new RateLimitGovernor({ maxConcurrency: 1 }) });
        await client.get("/api/v1/groups");
        await org.control.addFault({ method: "GET", path: "/api/v1/groups", latencyMs: 1500, times: 1 });
        lines.length = 0;

        // The first request holds the only slot for 1.5 s; the second, authorized with the current token, waits for it.
        const first = client.get("/api/v1/groups");
        const second = client.get("/api/v1/groups");
        await sleep(500);
        // While it waits the token comes due: after a wait the executor authorizes again, holding the slot, so the
        // token request must not need a slot of its own.
        clock.advance(100);
        await Promise.all([first, second]);
        expect(lines).to.deep.equal(["GET /api/v1/groups 200", "POST /oauth2/v1/token 200", "GET /api/v1/groups 200"]);
    });
});
