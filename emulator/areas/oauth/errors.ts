import type { RouteResult } from "../../platform/http";

/**
 * An error of Okta's authorization server: `{error, error_description}` (the OAuth spec's `OAuthError`), not the
 * Management API's E0000xxx shape. Descriptions follow the spec's examples where it has one
 * (docs/okta/oauth.md#oauth-errors).
 */
export class OAuthError extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        readonly description: string,
        readonly headers: Record<string, string> = {},
    ) {
        super(`${status} ${error}: ${description}`);
    }

    toResult(): RouteResult {
        return {
            status: this.status,
            body: { error: this.error, error_description: this.description },
            headers: { "Cache-Control": "no-store", Pragma: "no-cache", ...this.headers },
        };
    }
}

export const invalidClient = (description: string) => new OAuthError(401, "invalid_client", description);

export const invalidRequest = (description: string) => new OAuthError(400, "invalid_request", description);

export const invalidGrant = (description: string) => new OAuthError(400, "invalid_grant", description);

export const invalidScope = (description: string) => new OAuthError(400, "invalid_scope", description);

export const unsupportedGrantType = () =>
    new OAuthError(400, "unsupported_grant_type", "The grant type in the request isn't supported.");

export const invalidDpopProof = (description: string) => new OAuthError(400, "invalid_dpop_proof", description);

/** Step 1 of the DPoP nonce flow at /token (docs/okta/oauth.md#dpop-nonce). */
export const useDpopNonce = (nonce: string) =>
    new OAuthError(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.", { "DPoP-Nonce": nonce });
