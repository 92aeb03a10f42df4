import type { OAuthClientRecord } from "./model";
import { sha256 } from "./dpop";
import { invalidDpopProof, invalidGrant, invalidScope, OAuthError } from "./errors";
import type { TokenStore, TokenSubject } from "./tokens";

/** What a grant decided: the token's subject and scopes, and the refresh token to hand out, if any. */
export interface GrantOutcome {
    subject: TokenSubject;
    refreshToken?: string;
}

export interface GrantContext {
    client: OAuthClientRecord;
    form: URLSearchParams;
    tokens: TokenStore;
    /** Thumbprint of the request's DPoP key, when it carried a valid proof. */
    jkt?: string;
    ungrantedScopes: "refuse" | "drop";
}

/** Scopes the org authorization server issues besides the client's `okta.*` grants. */
const OIDC_SCOPES = ["openid", "profile", "email", "address", "phone", "offline_access"];

const unknownScope = () => invalidScope("The requested scope is invalid, unknown, or malformed.");

export function splitScopes(value: string | null | undefined): string[] {
    return [...new Set((value ?? "").split(" ").filter(Boolean))];
}

/** The grant types each kind of app may use (an API Services app: client credentials only). */
export const GRANT_TYPES: Record<OAuthClientRecord["kind"], string[]> = {
    service: ["client_credentials"],
    web: ["authorization_code", "refresh_token"],
};

export function checkGrantAllowed(client: OAuthClientRecord, grantType: string): void {
    const allowed = GRANT_TYPES[client.kind];
    if (!allowed.includes(grantType)) {
        throw new OAuthError(
            400,
            "unauthorized_client",
            `The client is not authorized to use the provided grant type. Configured grant types: [${allowed.join(", ")}].`,
        );
    }
}

/**
 * Client credentials: a token for the app itself, with `okta.*` scopes granted to it
 * (docs/okta/oauth.md#client-credentials).
 */
export function clientCredentialsGrant(ctx: GrantContext): GrantOutcome {
    const requested = splitScopes(ctx.form.get("scope"));
    if (requested.length === 0) {
        throw invalidScope("No scopes were requested.");
    }
    const granted = requested.filter((scope) => ctx.client.scopes.includes(scope));
    if (granted.length < requested.length && (ctx.ungrantedScopes === "refuse" || granted.length === 0)) {
        throw unknownScope();
    }
    return { subject: { clientId: ctx.client.clientId, subject: ctx.client.clientId, scopes: granted, jkt: ctx.jkt } };
}

/** Authorization code (+ PKCE S256): the code's grant, once; a refresh token when `offline_access` was granted. */
export function authorizationCodeGrant(ctx: GrantContext): GrantOutcome {
    const record = ctx.tokens.redeemCode(ctx.form.get("code") ?? "");
    if (!record) {
        throw invalidGrant("The authorization code is invalid or has expired.");
    }
    if (record.clientId !== ctx.client.clientId) {
        throw invalidGrant(
            "The grant was issued to another client. Ensure that the `client_id` matches the one used at the authorize request.",
        );
    }
    if (ctx.form.get("redirect_uri") !== record.redirectUri) {
        throw invalidGrant("The 'redirect_uri' does not match the redirection URI used in the authorization request.");
    }
    const verifier = ctx.form.get("code_verifier");
    if (record.codeChallenge !== undefined && (!verifier || sha256(verifier) !== record.codeChallenge)) {
        throw invalidGrant("PKCE verification failed.");
    }
    const subject = { ...record, jkt: ctx.jkt };
    return { subject, refreshToken: record.scopes.includes("offline_access") ? ctx.tokens.issueRefreshToken(subject) : undefined };
}

/**
 * Refresh token: a new access token for the same grant (or a subset of its scopes). Apps set to ROTATE get a new
 * refresh token and the old one keeps working for the app's leeway; STATIC apps keep theirs
 * (docs/okta/oauth.md#refresh-tokens).
 */
export function refreshTokenGrant(ctx: GrantContext): GrantOutcome {
    const record = ctx.tokens.findUsableRefreshToken(ctx.form.get("refresh_token") ?? "");
    if (!record || record.clientId !== ctx.client.clientId) {
        throw invalidGrant("The refresh token is invalid or expired.");
    }
    if (record.jkt !== undefined && ctx.jkt !== record.jkt) {
        throw ctx.jkt === undefined
            ? invalidDpopProof("The DPoP proof JWT header is missing.")
            : invalidDpopProof("The DPoP proof JWT key doesn't match the key the refresh token is bound to.");
    }
    const requested = splitScopes(ctx.form.get("scope"));
    if (requested.some((scope) => !record.scopes.includes(scope))) {
        throw unknownScope();
    }
    const refreshToken =
        ctx.client.refreshTokenRotation === "ROTATE"
            ? ctx.tokens.rotateRefreshToken(record, ctx.client.rotationLeewaySeconds)
            : record.token;
    return { subject: { ...record, scopes: requested.length > 0 ? requested : record.scopes }, refreshToken };
}

/** Scopes a web app may ask `/authorize` for: its `okta.*` grants and the OpenID Connect ones. */
export function authorizableScopes(client: OAuthClientRecord): string[] {
    return [...client.scopes, ...OIDC_SCOPES];
}
