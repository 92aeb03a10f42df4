import { expect } from "chai";
import { generateKeyPairSync } from "node:crypto";
import { ApiTokenAuthenticator, type Authenticator, type OktaClient } from "../../../core/client";
import { testClient } from "../../support/client";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";

describe("client: debug logs and error messages carry no secret", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 1000 } });
    });
    afterEach(() => org.close());

    it("redacts every kind of secret over a run that uses them all", async () => {
        const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
        const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        const jwk = privateKey.export({ format: "jwk" });
        const secrets = {
            apiToken: TEST_TOKEN,
            accessToken: "at-eyJhbGciOiJIUzI1NiJ9-access-token-value",
            dpopProof: "eyJhbGciOiJSUzI1NiIsInR5cCI6ImRwb3Arand0In0.eyJqdGkiOiJ4In0.c2lnbmF0dXJl",
            password: "Pa55word-never-logged!",
            clientSecret: "client-secret-value-0123456789",
            hookAuthValue: "hook-shared-secret-abcdef",
            hookHeaderValue: "hook-header-secret-987654",
            recoveryAnswer: "my first pet was a llama",
            sessionToken: "session-token-in-the-query-0000",
            pemBody: pem.split("\n")[1],
            jwkD: jwk.d!,
        };
        const lines: string[] = [];
        const logger = { debug: (line: string) => lines.push(line) };
        const errors: string[] = [];
        const capture = async (call: Promise<unknown>) => {
            try {
                await call;
            } catch (err) {
                errors.push(String((err as Error).stack), String(err));
            }
        };

        const api = testClient(org, { logger, authenticator: new ApiTokenAuthenticator(TEST_TOKEN) });
        await capture(api.post("/api/v1/users", {
            profile: { login: "jane@example.com" },
            credentials: { password: { value: secrets.password }, recovery_question: { question: "pet?", answer: secrets.recoveryAnswer } },
        }));
        await capture(api.post("/api/v1/apps", { credentials: { oauthClient: { client_secret: secrets.clientSecret } } }));
        await capture(api.post("/api/v1/eventHooks", {
            channel: { config: { headers: [{ key: "X-Other", value: secrets.hookHeaderValue }], authScheme: { type: "HEADER", key: "Authorization", value: secrets.hookAuthValue } } },
        }));
        await capture(api.post("/api/v1/idps/credentials/keys", { privateKey: pem, jwk }));
        await capture(api.get("/api/v1/groups", { sessionToken: secrets.sessionToken }));
        // Okta echoes ids from the path in its errors: a secret put there is scrubbed from messages too.
        await capture(api.get(`/api/v1/groups/${secrets.password}`));
        await capture(api.get(`/api/v1/groups/${secrets.apiToken}`));
        await capture(api.raw({ method: "GET", url: "/groups", headers: { Authorization: `SSWS ${secrets.apiToken}` } }));
        await api.close();

        const dpop: Authenticator = {
            headers: () => ({ Authorization: `DPoP ${secrets.accessToken}`, DPoP: secrets.dpopProof }),
            secrets: () => [secrets.accessToken, secrets.dpopProof],
        };
        const oauth: OktaClient = testClient(org, { logger, authenticator: dpop });
        await capture(oauth.get("/api/v1/groups"));
        await oauth.close();

        const everything = [...lines, ...errors].join("\n");
        for (const [kind, secret] of Object.entries(secrets)) {
            expect(everything.includes(secret), `${kind} leaked`).to.equal(false);
        }
        // The run did log requests, bodies and errors, with the secrets replaced.
        expect(lines.some((l) => l.startsWith("→ POST /api/v1/users"))).to.equal(true);
        expect(lines.some((l) => l.includes('"password":"[REDACTED]"'))).to.equal(true);
        expect(lines.some((l) => l.includes('"authorization":"[REDACTED]"') || l.includes('"Authorization":"[REDACTED]"'))).to.equal(true);
        expect(lines.some((l) => l.includes("sessionToken=%5BREDACTED%5D"))).to.equal(true);
        expect(errors.some((e) => e.includes("E0000007") && e.includes("[REDACTED]"))).to.equal(true);
        // The made-up DPoP token is refused: its request and refusal were logged and raised, redacted.
        expect(errors.some((e) => e.includes("E0000011"))).to.equal(true);
        expect(lines.some((l) => l.includes('"DPoP":"[REDACTED]"'))).to.equal(true);
    });
});
