import { timingSafeEqual } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from "jose";
import type { OrgStore } from "../../org/store";
import type { OAuthClientRecord } from "./model";
import { invalidClient, invalidRequest } from "./errors";
import type { ReplayCache } from "./replay";

export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Algorithms Okta accepts for private_key_jwt (docs/okta/oauth.md#client-assertion). */
const ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];
/** `exp` may be at most 1 h ahead (docs/okta/oauth.md#client-assertion); `iat` may be this far ahead for clock skew. */
const MAX_ASSERTION_LIFETIME_S = 3600;
const MAX_CLOCK_SKEW_S = 60;

export interface ClientAuthContext {
    store: OrgStore;
    /** `https://{org}/oauth2/v1/token`: the only audience accepted. */
    tokenUrl: string;
    now: () => number;
    usedAssertions: ReplayCache;
}

/**
 * Identifies and authenticates the client of a /token request: `client_secret_basic`, `client_secret_post` or
 * `private_key_jwt`, exactly one of them (docs/okta/oauth.md#oauth-errors).
 */
export async function authenticateClient(
    form: URLSearchParams,
    authorization: string | undefined,
    ctx: ClientAuthContext,
): Promise<OAuthClientRecord> {
    const basic = parseBasic(authorization);
    const postedSecret = form.get("client_secret") ?? undefined;
    const assertion = form.get("client_assertion") ?? undefined;
    const methods = [basic, postedSecret, assertion].filter((m) => m !== undefined);
    if (methods.length > 1) {
        throw invalidRequest(
            "Can't supply multiple client credentials. Use one of the following: credentials in the Authorization header, " +
                "credentials in the post body, or a `client_assertion` in the post body.",
        );
    }
    if (assertion !== undefined) {
        if (form.get("client_assertion_type") !== JWT_BEARER_ASSERTION) {
            throw invalidRequest("The `client_assertion_type` is invalid.");
        }
        return verifyAssertion(assertion, form.get("client_id") ?? undefined, ctx);
    }
    if (basic) {
        return checkSecret(basic.clientId, basic.secret, ctx.store);
    }
    const clientId = form.get("client_id");
    if (postedSecret !== undefined && clientId) {
        return checkSecret(clientId, postedSecret, ctx.store);
    }
    throw invalidClient("No client credentials found");
}

function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
    const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match) {
        return undefined;
    }
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) {
        throw invalidClient("The client credentials in the Authorization header are malformed.");
    }
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function findClient(clientId: string, store: OrgStore): OAuthClientRecord {
    const client = store.oauthClients.get(clientId);
    if (!client) {
        throw invalidClient("Invalid value for the `client_id` parameter");
    }
    return client;
}

function checkSecret(clientId: string, secret: string, store: OrgStore): OAuthClientRecord {
    const client = findClient(clientId, store);
    if (client.clientSecret === undefined) {
        // unsupported_auth_method_client_creds (docs/okta/oauth.md#client-credentials): API Services apps authenticate
        // with private_key_jwt only.
        throw invalidClient("Client authentication with a client secret isn't supported for this client; use private_key_jwt.");
    }
    const expected = Buffer.from(client.clientSecret);
    const given = Buffer.from(secret);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw invalidClient("The client secret supplied for a confidential client is invalid.");
    }
    return client;
}

async function verifyAssertion(assertion: string, claimedClientId: string | undefined, ctx: ClientAuthContext): Promise<OAuthClientRecord> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
        header = decodeProtectedHeader(assertion);
        claims = decodeJwt(assertion);
    } catch {
        throw invalidClient("The client_assertion token is malformed.");
    }
    if (typeof claims.iss !== "string" || claims.iss === "") {
        throw invalidClient("The client_assertion token has an invalid issuer: 'iss' must be the client_id.");
    }
    if (claims.sub !== claims.iss) {
        throw invalidClient("The client_assertion token has an invalid subject: 'sub' must be the client_id.");
    }
    if (claimedClientId !== undefined && claimedClientId !== claims.iss) {
        throw invalidClient("The client_assertion token has an invalid issuer: 'iss' must be the client_id.");
    }
    const client = findClient(claims.iss, ctx.store);
    if (!ASSERTION_ALGORITHMS.includes(String(header.alg))) {
        throw invalidClient(`The client_assertion token 'alg' is not supported; use one of ${ASSERTION_ALGORITHMS.join(", ")}.`);
    }
    await verifySignature(assertion, header.kid, client);
    checkAssertionClaims(claims, ctx);
    return client;
}

async function verifySignature(assertion: string, kid: string | undefined, client: OAuthClientRecord): Promise<void> {
    const candidates = kid === undefined ? client.jwks : client.jwks.filter((key) => key.kid === kid);
    if (kid !== undefined && candidates.length === 0) {
        throw invalidClient(`The client_assertion token 'kid' '${kid}' does not match any key registered for the client.`);
    }
    for (const jwk of candidates) {
        try {
            const key = await importJWK(jwk, String(decodeProtectedHeader(assertion).alg));
            await compactVerify(assertion, key, { algorithms: ASSERTION_ALGORITHMS });
            return;
        } catch {
            // Wrong key type or wrong signature: try the next registered key.
        }
    }
    throw invalidClient("The client_assertion signature is invalid.");
}

function checkAssertionClaims(claims: JWTPayload, ctx: ClientAuthContext): void {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(ctx.tokenUrl)) {
        throw invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request.");
    }
    const nowS = ctx.now() / 1000;
    if (typeof claims.exp !== "number" || claims.exp <= nowS) {
        throw invalidClient("The client_assertion token is expired.");
    }
    if (claims.exp > nowS + MAX_ASSERTION_LIFETIME_S + MAX_CLOCK_SKEW_S) {
        throw invalidClient("The client_assertion token has an expiration too far into the future.");
    }
    if (typeof claims.iat === "number" && claims.iat > nowS + MAX_CLOCK_SKEW_S) {
        throw invalidClient("The client_assertion token is issued in the future.");
    }
    if (claims.jti !== undefined && !ctx.usedAssertions.claim(`${claims.iss} ${String(claims.jti)}`, claims.exp * 1000)) {
        throw invalidClient("The client_assertion token has already been used.");
    }
}
