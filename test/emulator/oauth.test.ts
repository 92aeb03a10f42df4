import { readFileSync } from "node:fs";
import { expect } from "chai";
import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { parse } from "yaml";
import { validateSeed } from "../../emulator";
import { requiredScopes } from "../../emulator/areas/oauth/scopes";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { needsReferenceData, referencePath } from "../support/reference-data";
import {
    authorize,
    authorizationCode,
    basicAuth,
    clientAssertion,
    dpopProof,
    oauthSeed,
    pkcePair,
    postForm,
    REDIRECT_URI,
    ROTATING_CLIENT_ID,
    SERVICE_CLIENT_ID,
    SERVICE_ES_CLIENT_ID,
    TestClock,
    testKey,
    WEB_CLIENT_ID,
    WEB_CLIENT_SECRET,
    type TestKey,
} from "../support/oauth";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

describe("emulator: OAuth 2.0 for the Management API", () => {
    let org: TestOrg;
    let clock: TestClock;
    let tokenUrl: string;
    let rsa: TestKey;
    let dpopKey: TestKey;

    before(async () => {
        rsa = await testKey("RS256", "rsa-1");
        dpopKey = await testKey("ES256", "dpop-1");
    });
    beforeEach(async () => {
        clock = new TestClock();
        org = await startTestOrg({ seed: await oauthSeed(["okta.groups.read"]), oauth: { now: clock.now } });
        tokenUrl = `${org.url}/oauth2/v1/token`;
    });
    afterEach(() => org.close());

    const assertionForm = async (scope: string, claims?: Record<string, unknown>) => ({
        grant_type: "client_credentials",
        scope,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await clientAssertion(rsa, SERVICE_CLIENT_ID, tokenUrl, { claims, now: clock.now() }),
    });

    /** The whole DPoP client-credentials flow: nonce challenge, then a token. */
    async function dpopToken(scope = "okta.groups.read"): Promise<{ token: string; nonce: string }> {
        const first = await postForm(tokenUrl, await assertionForm(scope), {
            DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl, now: clock.now() }),
        });
        const nonce = first.headers.get("dpop-nonce")!;
        const second = await postForm(tokenUrl, await assertionForm(scope), {
            DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl, nonce, now: clock.now() }),
        });
        expect(second.status, JSON.stringify(second.body)).to.equal(200);
        return { token: second.body.access_token, nonce };
    }

    async function dpopCall(method: string, path: string, token: string, proofOptions: Parameters<typeof dpopProof>[2] = {}) {
        const url = `${org.url}${path}`;
        const proof = await dpopProof(dpopKey, { method, url: url.split("?")[0], accessToken: token, now: clock.now() }, proofOptions);
        return org.api(method, path, { headers: { Authorization: `DPoP ${token}`, DPoP: proof } });
    }

    describe("client credentials with private_key_jwt and DPoP", () => {
        it("challenges a proof without nonce with 400 use_dpop_nonce and the DPoP-Nonce header, then issues a DPoP-bound JWT", async () => {
            const first = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl }),
            });
            expect(first.status).to.equal(400);
            expect(first.body).to.deep.equal({
                error: "use_dpop_nonce",
                error_description: "Authorization server requires nonce in DPoP proof.",
            });
            const nonce = first.headers.get("dpop-nonce");
            expect(nonce).to.be.a("string").and.not.equal("");

            const second = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl, nonce: nonce! }),
            });
            expect(second.status).to.equal(200);
            expect(second.body).to.include({ token_type: "DPoP", expires_in: 3600, scope: "okta.groups.read" });
            expect(Object.keys(second.body).sort()).to.deep.equal(["access_token", "expires_in", "scope", "token_type"]);

            const keys = (await fetch(`${org.url}/oauth2/v1/keys`).then((r) => r.json())) as any;
            const { payload, protectedHeader } = await jwtVerify(second.body.access_token, createLocalJWKSet(keys));
            expect(protectedHeader.alg).to.equal("RS256");
            expect(payload).to.include({ ver: 1, iss: org.url, aud: org.url, sub: SERVICE_CLIENT_ID, cid: SERVICE_CLIENT_ID });
            expect(payload.jti).to.match(/^AT\./);
            expect(payload.scp).to.deep.equal(["okta.groups.read"]);
            expect(payload.exp! - payload.iat!).to.equal(3600);
            expect((payload.cnf as any).jkt).to.equal(await calculateJwkThumbprint(dpopKey.publicJwk));
        });

        it("burns the client assertion's jti even when the nonce is missing: resending it is refused", async () => {
            const form = await assertionForm("okta.groups.read");
            const first = await postForm(tokenUrl, form, { DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl }) });
            const nonce = first.headers.get("dpop-nonce")!;
            const replay = await postForm(tokenUrl, form, { DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl, nonce }) });
            expect(replay.status).to.equal(401);
            expect(replay.body).to.deep.equal({ error: "invalid_client", error_description: "The client_assertion token has already been used." });
        });

        it("requires a proof from a DPoP app and refuses a reused or mismatched proof", async () => {
            const noProof = await postForm(tokenUrl, await assertionForm("okta.groups.read"));
            expect(noProof.status).to.equal(400);
            expect(noProof.body).to.deep.equal({ error: "invalid_dpop_proof", error_description: "The DPoP proof JWT header is missing." });

            const wrongHtu = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: `${org.url}/oauth2/v1/other` }),
            });
            expect(wrongHtu.body.error_description).to.equal("'htu' claim in the DPoP proof JWT is invalid.");

            const badTyp = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl }, { header: { typ: "JWT" } }),
            });
            expect(badTyp.body.error).to.equal("invalid_dpop_proof");
        });

        it("issues Bearer tokens to an ES256 service app without DPoP", async () => {
            const ec = await testKey("ES256", "ec-1");
            const res = await postForm(tokenUrl, {
                grant_type: "client_credentials",
                scope: "okta.groups.read",
                client_assertion_type: ASSERTION_TYPE,
                client_assertion: await clientAssertion(ec, SERVICE_ES_CLIENT_ID, tokenUrl),
            });
            expect(res.status).to.equal(200);
            expect(res.body.token_type).to.equal("Bearer");
            expect(decodeJwt(res.body.access_token).cnf).to.equal(undefined);
            const groups = await org.api("GET", "/api/v1/groups", { headers: { Authorization: `Bearer ${res.body.access_token}` } });
            expect(groups.status).to.equal(200);
        });

        describe("refuses bad client assertions with 401 invalid_client", () => {
            const cases: [string, () => Promise<Record<string, string>>, string][] = [
                ["a wrong audience", () => assertionForm("okta.groups.read", { aud: `${org.url}/oauth2/default/v1/token` }), "The audience claim for client_assertion must be the endpoint invoked for the request."],
                ["an expired assertion", () => assertionForm("okta.groups.read", { exp: Math.floor(Date.now() / 1000) - 10 }), "The client_assertion token is expired."],
                ["exp over an hour ahead", () => assertionForm("okta.groups.read", { exp: Math.floor(Date.now() / 1000) + 7200 }), "The client_assertion token has an expiration too far into the future."],
                ["sub other than the client id", () => assertionForm("okta.groups.read", { sub: "someone" }), "The client_assertion token has an invalid subject: 'sub' must be the client_id."],
                ["an unknown client", () => assertionForm("okta.groups.read", { iss: "0oanobody", sub: "0oanobody" }), "Invalid value for the `client_id` parameter"],
            ];
            for (const [what, form, description] of cases) {
                it(what, async () => {
                    const res = await postForm(tokenUrl, await form());
                    expect(res.status).to.equal(401);
                    expect(res.body).to.deep.equal({ error: "invalid_client", error_description: description });
                });
            }
            it("a signature by an unregistered key, and an unknown kid", async () => {
                const other = await testKey("RS256", "rsa-1-other");
                const signedByOther = await clientAssertion({ ...other, kid: "rsa-1" }, SERVICE_CLIENT_ID, tokenUrl);
                const form = { ...(await assertionForm("okta.groups.read")), client_assertion: signedByOther };
                expect((await postForm(tokenUrl, form)).body.error_description).to.equal("The client_assertion signature is invalid.");
                const unknownKid = await clientAssertion(other, SERVICE_CLIENT_ID, tokenUrl);
                const res = await postForm(tokenUrl, { ...form, client_assertion: unknownKid });
                expect(res.status).to.equal(401);
                expect(res.body.error_description).to.contain("'kid' 'rsa-1-other'");
            });
        });

        it("answers the spec's errors for a wrong assertion type, several credentials, none, and a secret for a service app", async () => {
            const form = await assertionForm("okta.groups.read");
            const wrongType = await postForm(tokenUrl, { ...form, client_assertion_type: "jwt" });
            expect([wrongType.status, wrongType.body]).to.deep.equal([400, { error: "invalid_request", error_description: "The `client_assertion_type` is invalid." }]);
            const several = await postForm(tokenUrl, { ...form, client_secret: "x" });
            expect([several.status, several.body.error]).to.deep.equal([400, "invalid_request"]);
            const none = await postForm(tokenUrl, { grant_type: "client_credentials", scope: "okta.groups.read" });
            expect([none.status, none.body]).to.deep.equal([401, { error: "invalid_client", error_description: "No client credentials found" }]);
            const secret = await postForm(tokenUrl, { grant_type: "client_credentials", scope: "x" }, { Authorization: basicAuth(SERVICE_CLIENT_ID, "secret") });
            expect([secret.status, secret.body.error]).to.deep.equal([401, "invalid_client"]);
            const grant = await postForm(tokenUrl, { ...form, grant_type: "password" });
            expect([grant.status, grant.body.error]).to.deep.equal([400, "unsupported_grant_type"]);
        });

        it("requires scopes, and refuses scopes not granted to the app (or drops them when so configured)", async () => {
            const ec = await testKey("ES256", "ec-1");
            const esForm = async (scope: string) => ({
                grant_type: "client_credentials",
                scope,
                client_assertion_type: ASSERTION_TYPE,
                client_assertion: await clientAssertion(ec, SERVICE_ES_CLIENT_ID, tokenUrl),
            });
            const noScope = await postForm(tokenUrl, await esForm(""));
            expect(noScope.body).to.deep.equal({ error: "invalid_scope", error_description: "No scopes were requested." });
            const ungranted = await postForm(tokenUrl, await esForm("okta.groups.read okta.users.manage"));
            expect([ungranted.status, ungranted.body.error]).to.deep.equal([400, "invalid_scope"]);

            const dropping = await startTestOrg({ seed: await oauthSeed(), oauth: { ungrantedScopes: "drop" } });
            try {
                const url = `${dropping.url}/oauth2/v1/token`;
                const res = await postForm(url, {
                    grant_type: "client_credentials",
                    scope: "okta.groups.read okta.users.manage",
                    client_assertion_type: ASSERTION_TYPE,
                    client_assertion: await clientAssertion(ec, SERVICE_ES_CLIENT_ID, url),
                });
                expect(res.body.scope).to.equal("okta.groups.read");
            } finally {
                await dropping.close();
            }
        });
    });

    describe("DPoP-bound tokens on /api/v1", () => {
        it("accepts a fresh proof with ath per request, and refuses a replayed one", async () => {
            const { token } = await dpopToken();
            const proof = await dpopProof(dpopKey, { method: "GET", url: `${org.url}/api/v1/groups`, accessToken: token });
            const headers = { Authorization: `DPoP ${token}`, DPoP: proof };
            expect((await org.api("GET", "/api/v1/groups", { headers })).status).to.equal(200);
            const replay = await org.api("GET", "/api/v1/groups", { headers });
            expect(replay.status).to.equal(400);
            expect(replay.body).to.equal(undefined);
            expect(replay.headers.get("www-authenticate")).to.equal(
                `DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", authorization_uri="${org.url}/oauth2/v1/authorize", ` +
                    `realm="${org.url}", scope="okta.groups.read", error="invalid_dpop_proof", ` +
                    `error_description="The DPoP proof JWT has already been used.", resource="/api/v1/groups"`,
            );
        });

        it("checks htm, htu (without query, decoded), ath, iat and the bound key", async () => {
            const { token } = await dpopToken();
            expect((await dpopCall("GET", "/api/v1/groups?limit=1", token)).status).to.equal(200);
            const problems: [Parameters<typeof dpopProof>[2], string][] = [
                [{ claims: { htm: "POST" } }, "'htm' claim in the DPoP proof JWT is invalid."],
                [{ claims: { htu: `${org.url}/api/v1/users` } }, "'htu' claim in the DPoP proof JWT is invalid."],
                [{ claims: { ath: "abc" } }, "'ath' claim in the DPoP proof JWT is invalid."],
                [{ claims: { iat: Math.floor(Date.now() / 1000) - 600 } }, "The DPoP proof JWT is too old: 'iat' is more than 5 minutes in the past."],
            ];
            for (const [options, description] of problems) {
                const res = await dpopCall("GET", "/api/v1/groups", token, options);
                expect(res.status).to.equal(400);
                expect(res.headers.get("www-authenticate")).to.contain(`error_description="${description}"`);
            }
            const otherKey = await testKey("ES256", "dpop-2");
            const stolen = await dpopProof(otherKey, { method: "GET", url: `${org.url}/api/v1/groups`, accessToken: token });
            const res = await org.api("GET", "/api/v1/groups", { headers: { Authorization: `DPoP ${token}`, DPoP: stolen } });
            expect(res.status).to.equal(400);
            expect(res.headers.get("www-authenticate")).to.contain("doesn't match the key the access token is bound to");
        });

        it("refuses a DPoP-bound token sent as Bearer, and a missing proof", async () => {
            const { token } = await dpopToken();
            const bearer = await org.api("GET", "/api/v1/groups", { headers: { Authorization: `Bearer ${token}` } });
            expect(bearer.status).to.equal(400);
            expect(bearer.headers.get("www-authenticate")).to.match(/^DPoP algs=.*error="invalid_request"/);
            const noProof = await org.api("GET", "/api/v1/groups", { headers: { Authorization: `DPoP ${token}` } });
            expect(noProof.status).to.equal(400);
            expect(noProof.headers.get("www-authenticate")).to.contain('error_description="The DPoP proof JWT header is missing."');
        });

        it("matches htu against the decoded path (a login with @ percent-encoded)", async () => {
            const { token } = await dpopToken();
            const path = "/api/v1/groups/a%40b.com";
            const proof = await dpopProof(dpopKey, { method: "GET", url: `${org.url}/api/v1/groups/a@b.com`, accessToken: token });
            const res = await org.api("GET", path, { headers: { Authorization: `DPoP ${token}`, DPoP: proof } });
            expect(res.status).to.equal(404); // past authentication: the group does not exist
        });

        it("asks for a nonce on API calls only when configured to (Okta's resource server does not)", async () => {
            org.emulator.authorizationServer.requireResourceDpopNonce = true;
            const { token, nonce } = await dpopToken();
            const challenged = await dpopCall("GET", "/api/v1/groups", token);
            expect(challenged.status).to.equal(401);
            expect(challenged.headers.get("www-authenticate")).to.contain('error="use_dpop_nonce"');
            expect(challenged.headers.get("dpop-nonce")).to.equal(nonce);
            expect((await dpopCall("GET", "/api/v1/groups", token, { claims: { nonce } })).status).to.equal(200);
        });
    });

    describe("scopes on /api/v1", () => {
        it("answers 403 with an empty body and Okta's insufficient_scope challenge; manage implies read", async () => {
            const { token } = await dpopToken();
            const res = await dpopCall("POST", "/api/v1/groups", token);
            expect(res.status).to.equal(403);
            expect(res.body).to.equal(undefined);
            expect(res.headers.get("www-authenticate")).to.equal(
                `DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", authorization_uri="${org.url}/oauth2/v1/authorize", ` +
                    `realm="${org.url}", scope="okta.groups.manage", error="insufficient_scope", ` +
                    `error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups"`,
            );

            const manager = await startTestOrg({ seed: await oauthSeed(["okta.groups.manage"]) });
            try {
                const url = `${manager.url}/oauth2/v1/token`;
                const ec = await testKey("ES256", "ec-1");
                const { body } = await postForm(url, {
                    grant_type: "client_credentials",
                    scope: "okta.groups.manage",
                    client_assertion_type: ASSERTION_TYPE,
                    client_assertion: await clientAssertion(ec, SERVICE_ES_CLIENT_ID, url),
                });
                const auth = { Authorization: `Bearer ${body.access_token}` };
                expect((await manager.api("GET", "/api/v1/groups", { headers: auth })).status).to.equal(200);
                expect((await manager.api("POST", "/api/v1/groups", { headers: auth, body: { profile: { name: "x" } } })).status).to.equal(200);
            } finally {
                await manager.close();
            }
        });

        it("SSWS API tokens keep full access", async () => {
            expect((await org.api("POST", "/api/v1/groups", { body: { profile: { name: "ops" } } })).status).to.equal(200);
        });

        it("the scope table matches the management spec's security for every in-scope endpoint", needsReferenceData(() => {
            const spec = parse(readFileSync(referencePath("openapi", "management.yaml"), "utf8"));
            const prefixes = ["/api/v1/users", "/api/v1/groups", "/api/v1/apps", "/api/v1/eventHooks", "/api/v1/logs", "/api/v1/policies", "/api/v1/realms", "/api/v1/meta/types/user"];
            let checked = 0;
            for (const [path, operations] of Object.entries<any>(spec.paths)) {
                if (!prefixes.some((p) => path === p || path.startsWith(`${p}/`))) {
                    continue;
                }
                for (const [method, operation] of Object.entries<any>(operations)) {
                    if (!["get", "post", "put", "patch", "delete"].includes(method) || !operation.security) {
                        continue;
                    }
                    const expected = operation.security.flatMap((s: any) => s.oauth2 ?? []);
                    const concrete = path.replace(/\{[^}]+\}/g, "x1");
                    expect(requiredScopes(method.toUpperCase(), concrete), `${method.toUpperCase()} ${path}`).to.deep.equal(expected);
                    checked++;
                }
            }
            expect(checked).to.be.greaterThan(150);
        }));
    });

    describe("token expiry", () => {
        it("answers 401 E0000011 with an invalid_token challenge once the token has expired", async () => {
            const { token } = await dpopToken();
            clock.advance(3601);
            const res = await dpopCall("GET", "/api/v1/groups", token);
            expect(res.status).to.equal(401);
            expect(res.body.errorCode).to.equal("E0000011");
            expect(res.body.errorSummary).to.equal("Invalid token provided");
            expect(res.headers.get("www-authenticate")).to.contain('error="invalid_token", error_description="The token has expired."');
        });

        it("uses the configured lifetime", async () => {
            org.emulator.authorizationServer.accessTokenLifetimeSeconds = 5;
            const first = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl }),
            });
            const res = await postForm(tokenUrl, await assertionForm("okta.groups.read"), {
                DPoP: await dpopProof(dpopKey, { method: "POST", url: tokenUrl, nonce: first.headers.get("dpop-nonce")! }),
            });
            expect(res.body.expires_in).to.equal(5);
            clock.advance(6);
            expect((await dpopCall("GET", "/api/v1/groups", res.body.access_token)).status).to.equal(401);
        });
    });

    describe("authorization code with PKCE, and refresh tokens", () => {
        it("redirects with a code and state, exchanges it once (Basic auth + verifier) for tokens that work on the API", async () => {
            const { verifier, challenge } = pkcePair();
            const auth = await authorize(org.url, {
                client_id: WEB_CLIENT_ID,
                redirect_uri: REDIRECT_URI,
                response_type: "code",
                scope: "okta.groups.read offline_access",
                state: "xyz",
                code_challenge: challenge,
                code_challenge_method: "S256",
            });
            expect(auth.status).to.equal(302);
            expect(auth.location!.origin + auth.location!.pathname).to.equal(REDIRECT_URI);
            expect(auth.location!.searchParams.get("state")).to.equal("xyz");
            const code = auth.location!.searchParams.get("code")!;
            const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
            const res = await postForm(tokenUrl, form, { Authorization: basicAuth(WEB_CLIENT_ID, WEB_CLIENT_SECRET) });
            expect(res.status).to.equal(200);
            expect(res.body).to.include({ token_type: "Bearer", expires_in: 3600, scope: "okta.groups.read offline_access" });
            expect(res.body.refresh_token).to.be.a("string");
            expect(decodeJwt(res.body.access_token)).to.include({ sub: "admin@example.com", cid: WEB_CLIENT_ID });
            const api = await org.api("GET", "/api/v1/groups", { headers: { Authorization: `Bearer ${res.body.access_token}` } });
            expect(api.status).to.equal(200);

            const again = await postForm(tokenUrl, form, { Authorization: basicAuth(WEB_CLIENT_ID, WEB_CLIENT_SECRET) });
            expect(again.body).to.deep.equal({ error: "invalid_grant", error_description: "The authorization code is invalid or has expired." });
        });

        it("refuses a wrong verifier, a wrong secret, an unregistered redirect URI and an ungranted scope", async () => {
            const { code } = await authorizationCode(org.url, WEB_CLIENT_ID, "okta.groups.read");
            const wrongVerifier = await postForm(tokenUrl, {
                grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: "nope",
                client_id: WEB_CLIENT_ID, client_secret: WEB_CLIENT_SECRET,
            });
            expect(wrongVerifier.body).to.deep.equal({ error: "invalid_grant", error_description: "PKCE verification failed." });
            const wrongSecret = await postForm(tokenUrl, { grant_type: "authorization_code", code }, { Authorization: basicAuth(WEB_CLIENT_ID, "wrong-secret") });
            expect(wrongSecret.body).to.deep.equal({ error: "invalid_client", error_description: "The client secret supplied for a confidential client is invalid." });

            const params = { client_id: WEB_CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: "code", scope: "okta.groups.read", state: "s" };
            const badRedirect = await authorize(org.url, { ...params, redirect_uri: "https://evil.example/cb" });
            expect(badRedirect.status).to.equal(400);
            expect(badRedirect.body.error).to.equal("invalid_request");
            const badScope = await authorize(org.url, { ...params, scope: "okta.users.manage" });
            expect(badScope.status).to.equal(302);
            expect(badScope.location!.searchParams.get("error")).to.equal("invalid_scope");
            expect(badScope.location!.searchParams.get("state")).to.equal("s");
        });

        it("a STATIC app keeps its refresh token; a ROTATE app hands out a new one and the old one works only for the leeway", async () => {
            const exchange = async (clientId: string) => {
                const { code, verifier } = await authorizationCode(org.url, clientId, "okta.groups.read offline_access");
                const res = await postForm(tokenUrl, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, { Authorization: basicAuth(clientId, WEB_CLIENT_SECRET) });
                return res.body.refresh_token as string;
            };
            const refresh = (clientId: string, refreshToken: string, scope?: string) =>
                postForm(tokenUrl, { grant_type: "refresh_token", refresh_token: refreshToken, ...(scope ? { scope } : {}) }, { Authorization: basicAuth(clientId, WEB_CLIENT_SECRET) });

            const staticToken = await exchange(WEB_CLIENT_ID);
            const staticRefresh = await refresh(WEB_CLIENT_ID, staticToken, "okta.groups.read");
            expect(staticRefresh.status).to.equal(200);
            expect(staticRefresh.body.refresh_token).to.equal(staticToken);
            expect(staticRefresh.body.scope).to.equal("okta.groups.read");
            expect((await refresh(WEB_CLIENT_ID, staticToken, "okta.groups.manage")).body.error).to.equal("invalid_scope");

            const original = await exchange(ROTATING_CLIENT_ID);
            const rotated = await refresh(ROTATING_CLIENT_ID, original);
            expect(rotated.status).to.equal(200);
            expect(rotated.body.refresh_token).to.be.a("string").and.not.equal(original);
            expect((await refresh(ROTATING_CLIENT_ID, original)).status).to.equal(200); // within the 30 s leeway
            clock.advance(31);
            const late = await refresh(ROTATING_CLIENT_ID, original);
            expect(late.body).to.deep.equal({ error: "invalid_grant", error_description: "The refresh token is invalid or expired." });
            expect((await refresh(ROTATING_CLIENT_ID, rotated.body.refresh_token)).status).to.equal(200);
            expect((await refresh(WEB_CLIENT_ID, rotated.body.refresh_token)).body.error).to.equal("invalid_grant");
        });

        it("does not give web apps client credentials, nor service apps authorization codes", async () => {
            const res = await postForm(tokenUrl, { grant_type: "client_credentials", scope: "okta.groups.read" }, { Authorization: basicAuth(WEB_CLIENT_ID, WEB_CLIENT_SECRET) });
            expect([res.status, res.body.error]).to.deep.equal([400, "unauthorized_client"]);
            const auth = await authorize(org.url, { client_id: SERVICE_CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: "code", scope: "okta.groups.read", state: "s" });
            expect([auth.status, auth.body.error]).to.deep.equal([401, "invalid_client"]);
        });
    });

    describe("seed validation names the wrong entry", () => {
        const cases: [string, unknown, string][] = [
            ["a private key", { serviceApps: [{ clientId: "a", scopes: ["okta.users.read"], keys: [{ kty: "EC", d: "x" }] }] }, "serviceApps[0].keys[0]: must be a public key, but has the private member 'd'"],
            ["a broken key", { serviceApps: [{ clientId: "a", scopes: ["okta.users.read"], keys: [{ kty: "RSA", n: "AQAB" }] }] }, "serviceApps[0].keys[0]: is not a valid public key"],
            ["an unknown scope", { serviceApps: [{ clientId: "a", scopes: ["okta.users.read", "users.all"], keys: [] }] }, "serviceApps[0].scopes[1]: 'users.all' is not an Okta API scope"],
            ["a relative redirect URI", { webApps: [{ clientId: "w", clientSecret: "secret-123", scopes: ["okta.users.read"], redirectUris: ["/cb"] }] }, "webApps[0].redirectUris[0]: '/cb' is not an absolute URL"],
            ["a duplicate client id", { webApps: [{ clientId: "w", clientSecret: "secret-123", scopes: ["okta.users.read"], redirectUris: ["http://x/cb"] }, { clientId: "w" }] }, "webApps[1].clientId: 'w' is already used by another app"],
            ["a bad rotation", { webApps: [{ clientId: "w", clientSecret: "secret-123", scopes: ["okta.users.read"], redirectUris: ["http://x/cb"], refreshTokenRotation: "ALWAYS" }] }, "webApps[0].refreshTokenRotation: must be ROTATE or STATIC"],
        ];
        for (const [what, seed, message] of cases) {
            it(what, () => {
                expect(() => validateSeed(seed, "seed.yaml")).to.throw(`seed.yaml: ${message}`);
            });
        }
        it("never echoes a client secret", () => {
            expect(() => validateSeed({ webApps: [{ clientId: "w", clientSecret: "short", scopes: ["okta.users.read"], redirectUris: [] }] })).to.throw(
                "webApps[0].clientSecret: must be a string of at least 8 characters",
            );
        });
    });
});
