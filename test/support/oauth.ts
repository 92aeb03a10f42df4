import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { exportJWK, SignJWT, type JWK } from "jose";
import type { SeedDocument } from "../../emulator";

/** A signing key pair as a test needs it: the private key (object and PEM) and the public JWK to register. */
export interface TestKey {
    alg: "RS256" | "ES256";
    kid: string;
    privateKey: KeyObject;
    privatePem: string;
    publicJwk: JWK;
}

const keyCache = new Map<string, Promise<TestKey>>();

/** A key pair, generated once per test run for each (alg, kid): RSA generation is slow. */
export function testKey(alg: "RS256" | "ES256", kid: string): Promise<TestKey> {
    const cacheKey = `${alg} ${kid}`;
    let key = keyCache.get(cacheKey);
    if (!key) {
        key = (async () => {
            const { privateKey, publicKey } =
                alg === "RS256"
                    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
                    : generateKeyPairSync("ec", { namedCurve: "P-256" });
            const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
            return { alg, kid, privateKey, privatePem, publicJwk: { ...(await exportJWK(publicKey)), kid } };
        })();
        keyCache.set(cacheKey, key);
    }
    return key;
}

export const SERVICE_CLIENT_ID = "0oaservice0000000001";
export const SERVICE_ES_CLIENT_ID = "0oaservice0000000002";
export const WEB_CLIENT_ID = "0oaweb00000000000001";
export const WEB_CLIENT_SECRET = "web-secret-0000000000000000000000000000";
export const ROTATING_CLIENT_ID = "0oaweb00000000000002";
export const REDIRECT_URI = "http://127.0.0.1:9/callback";

/**
 * A seed with three apps: an RS256 service app with DPoP (groups scopes), an ES256 service app without DPoP, and two
 * web apps (STATIC and ROTATE refresh tokens).
 */
export async function oauthSeed(serviceScopes: string[] = ["okta.groups.read"]): Promise<SeedDocument> {
    const rsa = await testKey("RS256", "rsa-1");
    const ec = await testKey("ES256", "ec-1");
    const web = { clientSecret: WEB_CLIENT_SECRET, redirectUris: [REDIRECT_URI], scopes: ["okta.groups.read", "okta.groups.manage"] };
    return {
        serviceApps: [
            { clientId: SERVICE_CLIENT_ID, scopes: serviceScopes, keys: [rsa.publicJwk] },
            { clientId: SERVICE_ES_CLIENT_ID, scopes: serviceScopes, keys: [ec.publicJwk], dpop: false },
        ],
        webApps: [
            { clientId: WEB_CLIENT_ID, ...web },
            { clientId: ROTATING_CLIENT_ID, ...web, refreshTokenRotation: "ROTATE", rotationLeewaySeconds: 30 },
        ],
    };
}

/** A movable clock, shared by an emulator and a client so both see the same time. */
export class TestClock {
    private offsetMs = 0;
    readonly now = (): number => Date.now() + this.offsetMs;
    advance(seconds: number): void {
        this.offsetMs += seconds * 1000;
    }
}

/** A private_key_jwt client assertion; `claims` and `header` override the defaults to build bad ones. */
export async function clientAssertion(
    key: TestKey,
    clientId: string,
    tokenUrl: string,
    options: { claims?: Record<string, unknown>; header?: Record<string, unknown>; now?: number } = {},
): Promise<string> {
    const iat = Math.floor((options.now ?? Date.now()) / 1000);
    return new SignJWT({ iss: clientId, sub: clientId, aud: tokenUrl, iat, exp: iat + 300, jti: randomUUID(), ...options.claims })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, ...options.header })
        .sign(key.privateKey);
}

/** A DPoP proof for one request; `claims` and `header` override the defaults. */
export async function dpopProof(
    key: TestKey,
    request: { method: string; url: string; nonce?: string; accessToken?: string; now?: number },
    options: { claims?: Record<string, unknown>; header?: Record<string, unknown> } = {},
): Promise<string> {
    const { kid: _kid, ...jwk } = key.publicJwk;
    return new SignJWT({
        htm: request.method,
        htu: request.url,
        iat: Math.floor((request.now ?? Date.now()) / 1000),
        jti: randomUUID(),
        ...(request.nonce ? { nonce: request.nonce } : {}),
        ...(request.accessToken ? { ath: createHash("sha256").update(request.accessToken).digest("base64url") } : {}),
        ...options.claims,
    })
        .setProtectedHeader({ alg: key.alg, typ: "dpop+jwt", jwk, ...options.header })
        .sign(key.privateKey);
}

export interface FormResponse {
    status: number;
    headers: Headers;
    body: any;
}

/** A form POST, as to `/oauth2/v1/token`. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<FormResponse> {
    const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...headers },
        body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** PKCE: a verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
    const verifier = randomUUID() + randomUUID();
    return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Runs `/oauth2/v1/authorize` as a browser would, without following the redirect; returns its Location. */
export async function authorize(orgUrl: string, params: Record<string, string>): Promise<{ status: number; location?: URL; body: any }> {
    const response = await fetch(`${orgUrl}/oauth2/v1/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
    const location = response.headers.get("location");
    const text = await response.text();
    return { status: response.status, location: location ? new URL(location) : undefined, body: text ? JSON.parse(text) : undefined };
}

/** An authorization code for the web app, through /authorize with PKCE, and its verifier. */
export async function authorizationCode(orgUrl: string, clientId: string, scope: string): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkcePair();
    const { location } = await authorize(orgUrl, {
        client_id: clientId,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope,
        state: "state-1",
        code_challenge: challenge,
        code_challenge_method: "S256",
    });
    const code = location?.searchParams.get("code");
    if (!code) {
        throw new Error(`/authorize gave no code: ${location}`);
    }
    return { code, verifier };
}

export function basicAuth(clientId: string, secret: string): string {
    return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}
