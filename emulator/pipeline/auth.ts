import type { IncomingHttpHeaders } from "node:http";
import { ChallengeError, forbidden, invalidSession, invalidToken, OktaHttpError } from "../platform/errors";
import { singleHeader, type AuthorizationServer } from "../areas/oauth/authorization-server";
import { DPOP_ALGORITHMS } from "../areas/oauth/dpop";
import { OAuthError } from "../areas/oauth/errors";
import type { AccessTokenRecord } from "../areas/oauth/tokens";
import { missingScopes, requiredScopes } from "../areas/oauth/scopes";
import type { OrgStore } from "../org/store";
import type { Principal } from "../platform/principal";

/** What authentication looks at of a Management API request. */
export interface ApiRequest {
    method: string;
    url: URL;
    headers: IncomingHttpHeaders;
    baseUrl: string;
}

/**
 * Authenticates a Management API request and checks its scopes (docs/okta/errors.md#authentication):
 * - `SSWS <token>`: a known API token, else 401 E0000011.
 * - `Bearer <access token>` / `DPoP <access token>` + `DPoP` proof: a token this org issued and still valid, else 401
 *   E0000011 (with a `WWW-Authenticate` challenge when it expired); then the endpoint's scopes, else 403 with an empty
 *   body and an `insufficient_scope` challenge.
 * - no Authorization header: 401 E0000011; any other scheme: Okta falls back to session auth, 403 E0000005.
 */
export async function authenticate(request: ApiRequest, store: OrgStore, oauth: AuthorizationServer): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header) {
        throw invalidToken();
    }
    const match = /^(SSWS|Bearer|DPoP)\s+(\S+)\s*$/i.exec(header);
    if (!match) {
        throw invalidSession();
    }
    const scheme = match[1].toLowerCase();
    if (scheme === "ssws") {
        const token = store.apiTokens.get(match[2]);
        if (!token) {
            throw invalidToken();
        }
        return { kind: "apiToken", token };
    }
    const principal = await oauthPrincipal(request, match[2], scheme === "dpop" ? "DPoP" : "Bearer", oauth);
    checkScopes(principal, request);
    return principal;
}

async function oauthPrincipal(
    request: ApiRequest,
    token: string,
    scheme: "Bearer" | "DPoP",
    oauth: AuthorizationServer,
): Promise<Principal> {
    const record = oauth.tokens.findAccessToken(token);
    if (!record) {
        throw invalidToken();
    }
    // A DPoP-bound token is challenged in the DPoP scheme whichever scheme it was sent with.
    const challengeScheme = record.jkt !== undefined ? "DPoP" : scheme;
    const challenge = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
        new ChallengeError(status, error, description, [], {
            "WWW-Authenticate": challengeHeader(challengeScheme, request, { error, description }),
            ...headers,
        });
    if (record.expiresAt <= oauth.now()) {
        throw new OktaHttpError(401, "E0000011", "Invalid token provided", [], {
            "WWW-Authenticate": challengeHeader(challengeScheme, request, { error: "invalid_token", description: "The token has expired." }),
        });
    }
    // dpop_authentication_scheme_required (400) and access_token_not_dpop_bound (401):
    // docs/okta/oauth.md#dpop-api-calls.
    if (record.jkt !== undefined && scheme === "Bearer") {
        throw challenge(400, "invalid_request", "The DPoP-bound access token must be sent with the DPoP authentication scheme.");
    }
    if (record.jkt === undefined && scheme === "DPoP") {
        throw challenge(401, "invalid_token", "The access token isn't DPoP-bound; send it with the Bearer authentication scheme.");
    }
    if (scheme === "DPoP") {
        await verifyResourceProof(request, token, record, oauth, challenge);
    }
    return { kind: "oauth", scheme, clientId: record.clientId, subject: record.subject, userId: record.userId, scopes: record.scopes };
}

async function verifyResourceProof(
    request: ApiRequest,
    token: string,
    record: AccessTokenRecord,
    oauth: AuthorizationServer,
    challenge: (status: number, error: string, description: string, headers?: Record<string, string>) => ChallengeError,
): Promise<void> {
    try {
        await oauth.dpop.verify(singleHeader(request.headers.dpop), {
            method: request.method,
            url: request.url,
            requireNonce: oauth.requireResourceDpopNonce,
            accessToken: token,
            boundJkt: record.jkt,
        });
    } catch (err) {
        if (!(err instanceof OAuthError)) {
            throw err;
        }
        if (err.error === "use_dpop_nonce") {
            // RFC 9449 §9: a resource server asks for a nonce with 401 and the DPoP-Nonce header.
            throw challenge(401, err.error, "Resource server requires nonce in DPoP proof.", err.headers);
        }
        // Status 400 as seen in okta/okta-sdk-nodejs#521.
        throw challenge(400, err.error, err.description);
    }
}

/** Refuses an OAuth token that lacks a scope the endpoint requires (`manage` covers `read`). */
function checkScopes(principal: Principal, request: ApiRequest): void {
    if (principal.kind !== "oauth") {
        return;
    }
    const required = requiredScopes(request.method, request.url.pathname);
    if (required === undefined) {
        throw forbidden();
    }
    if (missingScopes(principal.scopes, required).length > 0) {
        const description = "The access token provided does not contain the required scopes.";
        throw new ChallengeError(403, "insufficient_scope", description, [], {
            "WWW-Authenticate": challengeHeader(principal.scheme, request, {
                scope: required.join(" "),
                error: "insufficient_scope",
                description,
            }),
        });
    }
}

/**
 * Okta's challenge, e.g. `Bearer authorization_uri="…", realm="…", scope="okta.groups.read", error="insufficient_scope",
 * error_description="…", resource="/api/v1/groups"`; for DPoP tokens it starts `DPoP algs="RS256 … ES512", `
 * (docs/okta/errors.md#insufficient-scope).
 */
function challengeHeader(
    scheme: "Bearer" | "DPoP",
    request: ApiRequest,
    fields: { scope?: string; error: string; description: string },
): string {
    const scope = fields.scope ?? requiredScopes(request.method, request.url.pathname)?.join(" ");
    const params = [
        ...(scheme === "DPoP" ? [`algs="${DPOP_ALGORITHMS.join(" ")}"`] : []),
        `authorization_uri="${request.baseUrl}/oauth2/v1/authorize"`,
        `realm="${request.baseUrl}"`,
        ...(scope ? [`scope="${scope}"`] : []),
        `error="${fields.error}"`,
        `error_description="${fields.description}"`,
        `resource="${request.url.pathname}"`,
    ];
    return `${scheme} ${params.join(", ")}`;
}
