import { createPublicKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import {
    AuthorizationCodeAuthenticator,
    ClientCredentialsAuthenticator,
    OktaApiError,
    OktaClient,
    OktaOAuthError,
    clientFor,
    dynamicProvider,
    resolveConnectionSettings,
    TUNING_SETTINGS,
} from "../../../provider";
import { failure } from "../../support/failure";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";
import {
    authorizationCode,
    basicAuth,
    oauthSeed,
    postForm,
    REDIRECT_URI,
    ROTATING_CLIENT_ID,
    SERVICE_CLIENT_ID,
    SERVICE_ES_CLIENT_ID,
    TestClock,
    testKey,
    WEB_CLIENT_ID,
    WEB_CLIENT_SECRET,
} from "../../support/oauth";

/** A test org that records `METHOD path status` of every request it serves. */
async function recordingOrg(clock: TestClock, scopes = ["okta.groups.read", "okta.groups.manage"]) {
    const lines: string[] = [];
    const org = await startTestOrg({
        seed: await oauthSeed(scopes),
        oauth: { now: clock.now },
        log: (line) => lines.push(line.split(" ").slice(0, 3).join(" ").replace(/\?\S*/, "")),
    });
    return { org, lines };
}

describe("client: connections against the emulator", () => {
    let org: TestOrg;
    let lines: string[];
    let clock: TestClock;
    const clients: OktaClient[] = [];
    beforeEach(async () => {
        clock = new TestClock();
        ({ org, lines } = await recordingOrg(clock));
    });
    afterEach(async () => {
        await Promise.all(clients.splice(0).map((c) => c.close()));
        await org.close();
    });
    const track = (client: OktaClient) => (clients.push(client), client);

    async function serviceClient(options: { scopes?: string[]; keyId?: string; pem?: string; dpop?: boolean } = {}) {
        const rsa = await testKey("RS256", "rsa-1");
        const authenticator = new ClientCredentialsAuthenticator({
            orgUrl: org.url,
            clientId: SERVICE_CLIENT_ID,
            privateKey: options.pem ?? rsa.privatePem,
            keyId: options.keyId ?? "rsa-1",
            scopes: options.scopes ?? ["okta.groups.read", "okta.groups.manage"],
            dpop: options.dpop,
            now: clock.now,
        });
        return { authenticator, client: track(new OktaClient({ orgUrl: org.url, authenticator })) };
    }

    describe("API token", () => {
        it("is built from the settings and authorizes with SSWS", async () => {
            const client = track(clientFor(resolveConnectionSettings(() => undefined, { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: TEST_TOKEN })));
            // A new org holds Everyone and Okta Administrators.
            expect(await client.get<any[]>("/api/v1/groups")).to.have.length(2);
        });
    });

    describe("OAuth 2.0 client credentials (private_key_jwt)", () => {
        it("passes Okta's DPoP nonce challenge, then reuses the token for later requests", async () => {
            const { client } = await serviceClient();
            await client.post("/api/v1/groups", { profile: { name: "ops" } });
            expect((await client.get<any[]>("/api/v1/groups")).map((g) => g.profile.name)).to.deep.equal(["Everyone", "Okta Administrators", "ops"]);
            expect(lines).to.deep.equal([
                "POST /oauth2/v1/token 400", // use_dpop_nonce
                "POST /oauth2/v1/token 200",
                "POST /api/v1/groups 200",
                "GET /api/v1/groups 200",
            ]);
        });

        it("shares one token fetch among concurrent requests (single flight)", async () => {
            const { client } = await serviceClient();
            await Promise.all(Array.from({ length: 12 }, () => client.get("/api/v1/groups")));
            expect(lines.filter((l) => l.startsWith("POST /oauth2/v1/token"))).to.deep.equal(["POST /oauth2/v1/token 400", "POST /oauth2/v1/token 200"]);
            expect(lines.filter((l) => l === "GET /api/v1/groups 200")).to.have.length(12);
        });

        it("signs ES256 with a JWK key, and uses Bearer tokens when DPoP is off", async () => {
            const ec = await testKey("ES256", "ec-1");
            const client = track(
                new OktaClient({
                    orgUrl: org.url,
                    authenticator: new ClientCredentialsAuthenticator({
                        orgUrl: org.url,
                        clientId: SERVICE_ES_CLIENT_ID,
                        privateKey: JSON.stringify({ ...ec.privateKey.export({ format: "jwk" }), kid: "ec-1" }),
                        scopes: ["okta.groups.read"],
                        dpop: false,
                    }),
                }),
            );
            // A new org holds Everyone and Okta Administrators.
            expect(await client.get<any[]>("/api/v1/groups")).to.have.length(2);
            expect(lines).to.deep.equal(["POST /oauth2/v1/token 200", "GET /api/v1/groups 200"]);
        });

        it("fetches a new token shortly before the old one expires, without a 401", async () => {
            org.emulator.authorizationServer.accessTokenLifetimeSeconds = 120;
            const { client } = await serviceClient();
            await client.get("/api/v1/groups");
            clock.advance(50);
            await client.get("/api/v1/groups");
            clock.advance(15); // 65 s into a 120 s token: past the renewal point (half-way for short-lived tokens)
            await client.get("/api/v1/groups");
            expect(lines).to.deep.equal([
                "POST /oauth2/v1/token 400",
                "POST /oauth2/v1/token 200",
                "GET /api/v1/groups 200",
                "GET /api/v1/groups 200",
                "POST /oauth2/v1/token 200", // the nonce is remembered: no second challenge
                "GET /api/v1/groups 200",
            ]);
        });

        it("answers a resource-server nonce challenge with one resend carrying a FRESH proof", async () => {
            // Okta's resource server does not ask for nonces; servers that do (RFC 9449 §9) must work too. The first proof's
            // jti is already spent when the challenge comes back, so a reused proof would be refused.
            org.emulator.authorizationServer.requireResourceDpopNonce = true;
            const { client } = await serviceClient();
            await client.get("/api/v1/groups");
            await client.get("/api/v1/groups");
            expect(lines.filter((l) => l.includes("/api/"))).to.deep.equal(["GET /api/v1/groups 401", "GET /api/v1/groups 200", "GET /api/v1/groups 200"]);
        });

        it("names the client and key id when the key is wrong, without the key", async () => {
            const other = await testKey("RS256", "rsa-1-other");
            const { client } = await serviceClient({ pem: other.privatePem });
            const err = await failure(client.get("/api/v1/groups"));
            expect(err).to.be.instanceOf(OktaOAuthError);
            expect(err.status).to.equal(401);
            expect(err.error).to.equal("invalid_client");
            expect(err.message).to.contain(`client ${SERVICE_CLIENT_ID}, key id 'rsa-1'`);
            expect(err.message).to.contain("invalid_client: The client_assertion signature is invalid.");
            expect(err.message).not.to.contain("PRIVATE KEY");

            const unknownKid = await failure((await serviceClient({ keyId: "rotated-away" })).client.get("/api/v1/groups"));
            expect(unknownKid.message).to.contain("'kid' 'rotated-away' does not match any key registered");
        });

        it("reports a missing scope with Okta's code and the scope the endpoint requires", async () => {
            const { client } = await serviceClient({ scopes: ["okta.groups.read"] });
            const err = await failure(client.post("/api/v1/groups", { profile: { name: "x" } }));
            expect(err).to.be.instanceOf(OktaApiError);
            expect(err.status).to.equal(403);
            expect(err.errorCode).to.equal("insufficient_scope");
            expect(err.requiredScope).to.equal("okta.groups.manage");
            expect(err.message).to.contain("HTTP 403 insufficient_scope: The access token provided does not contain the required scopes.");
            expect(err.message).to.contain("required scope: okta.groups.manage");

            const ungranted = await failure((await serviceClient({ scopes: ["okta.groups.read", "okta.users.read"] })).client.get("/api/v1/groups"));
            expect(ungranted).to.be.instanceOf(OktaOAuthError);
            expect(ungranted.error).to.equal("invalid_scope");
            expect(ungranted.message).to.contain("scopes 'okta.groups.read okta.users.read'");
        });

        it("refuses an unusable key at construction, naming the key id", async () => {
            expect(() => new ClientCredentialsAuthenticator({ orgUrl: org.url, clientId: "c", privateKey: "not a key", keyId: "k9", scopes: ["okta.users.read"] })).to.throw(
                "PEM (-----BEGIN PRIVATE KEY-----) or a JWK",
            );
            const rsa = await testKey("RS256", "rsa-1");
            const publicPem = createPublicKey(rsa.privateKey).export({ format: "pem", type: "spki" }).toString();
            expect(() => new ClientCredentialsAuthenticator({ orgUrl: org.url, clientId: "c", privateKey: publicPem, keyId: "k9", scopes: ["okta.users.read"] })).to.throw(
                "the private key with key id 'k9' could not be read",
            );
        });
    });

    describe("OAuth 2.0 authorization code", () => {
        async function grant(clientId = WEB_CLIENT_ID) {
            const { code, verifier } = await authorizationCode(org.url, clientId, "okta.groups.read okta.groups.manage offline_access");
            const res = await postForm(
                `${org.url}/oauth2/v1/token`,
                { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
                { Authorization: basicAuth(clientId, WEB_CLIENT_SECRET) },
            );
            lines.length = 0;
            return { accessToken: res.body.access_token as string, refreshToken: res.body.refresh_token as string };
        }

        function webClient(tokens: { accessToken?: string; refreshToken: string }, extra: Partial<ConstructorParameters<typeof AuthorizationCodeAuthenticator>[0]> = {}) {
            const authenticator = new AuthorizationCodeAuthenticator({
                orgUrl: org.url,
                clientId: WEB_CLIENT_ID,
                clientSecret: WEB_CLIENT_SECRET,
                ...tokens,
                ...extra,
            });
            return { authenticator, client: track(new OktaClient({ orgUrl: org.url, authenticator })) };
        }

        it("uses the given access token, and refreshes once Okta answers 401 (expired)", async () => {
            const tokens = await grant();
            const { client } = webClient(tokens); // its clock is real time: it cannot tell the token expired
            await client.get("/api/v1/groups");
            clock.advance(3601);
            await client.get("/api/v1/groups");
            await client.get("/api/v1/groups");
            expect(lines).to.deep.equal([
                "GET /api/v1/groups 200",
                "GET /api/v1/groups 401",
                "POST /oauth2/v1/token 200",
                "GET /api/v1/groups 200",
                "GET /api/v1/groups 200",
            ]);
        });

        it("refreshes shortly before expiry, and starts with a refresh when given no access token", async () => {
            org.emulator.authorizationServer.accessTokenLifetimeSeconds = 120;
            const { refreshToken } = await grant();
            const { client } = webClient({ refreshToken }, { now: clock.now });
            await client.get("/api/v1/groups");
            clock.advance(70);
            await client.get("/api/v1/groups");
            expect(lines).to.deep.equal(["POST /oauth2/v1/token 200", "GET /api/v1/groups 200", "POST /oauth2/v1/token 200", "GET /api/v1/groups 200"]);
        });

        it("keeps the refresh token Okta rotates, tells the caller, and keeps working after the old one dies", async () => {
            const tokens = await grant(ROTATING_CLIENT_ID);
            const persisted: string[] = [];
            const { authenticator, client } = webClient({ refreshToken: tokens.refreshToken }, {
                clientId: ROTATING_CLIENT_ID,
                now: clock.now,
                onRefreshToken: (t) => void persisted.push(t),
            });
            await client.get("/api/v1/groups");
            const first = authenticator.refreshToken;
            expect(first).to.not.equal(tokens.refreshToken);
            expect(persisted).to.deep.equal([first]);

            clock.advance(3600); // the original refresh token's 30 s leeway is long gone
            await client.get("/api/v1/groups");
            expect(authenticator.refreshToken).to.not.equal(first);
            expect(persisted).to.deep.equal([first, authenticator.refreshToken]);
            const stale = await postForm(`${org.url}/oauth2/v1/token`, { grant_type: "refresh_token", refresh_token: tokens.refreshToken }, {
                Authorization: basicAuth(ROTATING_CLIENT_ID, WEB_CLIENT_SECRET),
            });
            expect(stale.body.error).to.equal("invalid_grant");
            expect(authenticator.secrets()).to.include.members([tokens.refreshToken, authenticator.refreshToken, WEB_CLIENT_SECRET]);
        });

        it("reports a dead refresh token as invalid_grant, naming the client and no secret", async () => {
            const { client } = webClient({ refreshToken: "not-a-refresh-token" });
            const err = await failure(client.get("/api/v1/groups"));
            expect(err).to.be.instanceOf(OktaOAuthError);
            expect(err.error).to.equal("invalid_grant");
            expect(err.message).to.contain(`refresh token for client ${WEB_CLIENT_ID}`);
            expect(err.message).to.contain("The refresh token is invalid or expired.");
            expect(err.message).not.to.contain("not-a-refresh-token");
            expect(err.message).not.to.contain(WEB_CLIENT_SECRET);
        });
    });

    describe("through the provider's configuration", () => {
        it("creates a group with the client credentials connection from stack config", async () => {
            const rsa = await testKey("RS256", "rsa-1");
            const config: Record<string, string> = {
                "okta:orgUrl": org.url,
                "okta:clientId": SERVICE_CLIENT_ID,
                "okta:privateKey": rsa.privatePem,
                "okta:privateKeyId": "rsa-1",
                "okta:scopes": "okta.groups.manage",
            };
            const provider: pulumi.dynamic.ResourceProvider = dynamicProvider("Group");
            await provider.configure!({ config: { get: (key: string) => config[key], require: (key: string) => config[key] } } as any);
            const created = await provider.create({ name: "via-oauth" });
            expect(created.outs.name).to.equal("via-oauth");
            expect(lines).to.include.members(["POST /oauth2/v1/token 200", "POST /api/v1/groups 200"]);
        });
    });
});

describe("provider: connection configuration", () => {
    const none = () => undefined;
    const config = (values: Record<string, string>) => (key: string) => values[key];
    const PEM = "-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----";

    it("takes explicit arguments over stack config over the environment, setting by setting", () => {
        const env = { OKTA_ORG_URL: "https://env.okta.com", OKTA_API_TOKEN: "env-token" };
        expect(resolveConnectionSettings(none, env)).to.deep.equal({ kind: "apiToken", orgUrl: "https://env.okta.com", apiToken: "env-token" });
        const stack = config({ "okta:orgUrl": "https://stack.okta.com" });
        expect(resolveConnectionSettings(stack, env)).to.include({ orgUrl: "https://stack.okta.com", apiToken: "env-token" });
        expect(resolveConnectionSettings(stack, env, { orgUrl: "https://arg.okta.com", apiToken: "arg-token" })).to.include({
            orgUrl: "https://arg.okta.com",
            apiToken: "arg-token",
        });
    });

    it("picks client credentials from the Terraform provider's environment variables", () => {
        const settings = resolveConnectionSettings(none, {
            OKTA_ORG_NAME: "acme",
            OKTA_BASE_URL: "oktapreview.com",
            OKTA_API_CLIENT_ID: "0oatf",
            OKTA_API_PRIVATE_KEY: PEM,
            OKTA_API_PRIVATE_KEY_ID: "kid-1",
            OKTA_API_SCOPES: "okta.users.read,okta.groups.manage",
        });
        expect(settings).to.deep.equal({
            kind: "clientCredentials",
            orgUrl: "https://acme.oktapreview.com",
            clientId: "0oatf",
            privateKey: PEM,
            privateKeyId: "kid-1",
            scopes: ["okta.users.read", "okta.groups.manage"],
            dpop: true,
        });
    });

    it("reads the private key from a file path, and okta:dpop as a boolean", () => {
        const file = join(mkdtempSync(join(tmpdir(), "okta-key-")), "key.pem");
        writeFileSync(file, PEM);
        const settings = resolveConnectionSettings(
            config({ "okta:orgUrl": "https://a.okta.com", "okta:clientId": "c", "okta:privateKey": file, "okta:scopes": "okta.users.read", "okta:dpop": "false" }),
            {},
        );
        expect(settings).to.include({ kind: "clientCredentials", privateKey: PEM, dpop: false });
    });

    it("picks the authorization code connection from a client secret and refresh token", () => {
        const settings = resolveConnectionSettings(none, {
            OKTA_ORG_URL: "https://a.okta.com",
            OKTA_CLIENT_ID: "0oaweb",
            OKTA_CLIENT_SECRET: "s3cret-value",
            OKTA_REFRESH_TOKEN: "rt-value",
            OKTA_ACCESS_TOKEN: "at-value",
            OKTA_SCOPES: "okta.users.read okta.groups.read",
        });
        expect(settings).to.deep.equal({
            kind: "authorizationCode",
            orgUrl: "https://a.okta.com",
            clientId: "0oaweb",
            clientSecret: "s3cret-value",
            refreshToken: "rt-value",
            accessToken: "at-value",
            scopes: ["okta.users.read", "okta.groups.read"],
        });
    });

    it("lists everything missing in one error", () => {
        const err = failureOf(() => resolveConnectionSettings(config({ "okta:privateKey": PEM }), {}));
        expect(err.message).to.contain("missing okta:orgUrl (or OKTA_ORG_URL) or OKTA_ORG_NAME with OKTA_BASE_URL");
        expect(err.message).to.contain("missing okta:scopes (or OKTA_SCOPES, OKTA_API_SCOPES) for the OAuth 2.0 client credentials connection");
        expect(err.message).to.contain("missing okta:clientId (or OKTA_CLIENT_ID, OKTA_API_CLIENT_ID) for the OAuth 2.0 client credentials connection");
        expect(err.message).not.to.contain("MIIsecret");

        const nothing = failureOf(() => resolveConnectionSettings(none, {}));
        expect(nothing.message).to.contain("missing a credential: okta:apiToken (or OKTA_API_TOKEN)");
        const authCode = failureOf(() => resolveConnectionSettings(config({ "okta:orgUrl": "https://a.okta.com", "okta:clientSecret": "s3cret-value" }), {}));
        expect(authCode.message).to.contain("missing okta:clientId");
        expect(authCode.message).to.contain("missing okta:refreshToken (or OKTA_REFRESH_TOKEN) for the OAuth 2.0 authorization code connection");
        expect(authCode.message).not.to.contain("s3cret-value");
    });

    it("refuses credentials of two connections, naming where each came from and no value", () => {
        const err = failureOf(() =>
            resolveConnectionSettings(config({ "okta:orgUrl": "https://a.okta.com", "okta:apiToken": "tok-value" }), {
                OKTA_API_PRIVATE_KEY: PEM,
                OKTA_CLIENT_ID: "c",
                OKTA_SCOPES: "okta.users.read",
                OKTA_DPOP: "maybe",
            }),
        );
        expect(err.message).to.contain(
            "credentials of several connections are set: okta:apiToken (from stack config okta:apiToken) for the API token connection; " +
                "okta:privateKey (from environment OKTA_API_PRIVATE_KEY) for the OAuth 2.0 client credentials connection",
        );
        expect(err.message).not.to.contain("tok-value");
        expect(err.message).not.to.contain("MIIsecret");
    });

    it("declares every setting in schema.json's config, secrets marked secret", () => {
        const variables = require("../../../../schema.json").config.variables;
        const secrets = ["apiToken", "clientSecret", "privateKey", "accessToken", "refreshToken"];
        const settings = ["orgUrl", "apiToken", "clientId", "clientSecret", "privateKey", "privateKeyId", "scopes", "accessToken", "refreshToken", "dpop"];
        expect(Object.keys(variables).sort()).to.deep.equal([...settings, ...TUNING_SETTINGS].sort());
        for (const name of settings) {
            expect(variables[name].secret === true, `${name} secret`).to.equal(secrets.includes(name));
        }
    });
});

function failureOf(fn: () => unknown): Error {
    try {
        fn();
    } catch (err) {
        return err as Error;
    }
    throw new Error("expected a failure");
}
