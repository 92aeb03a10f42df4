import { decodeJwt } from "jose";
import type { AuthChallenge, Authenticator, AuthorizationSender } from "../auth";
import { parseAuthChallenge } from "./challenge";
import { DpopProver } from "./dpop";
import { OktaOAuthError } from "./errors";
import { TokenCache, type CachedToken } from "./token-cache";
import { TokenEndpoint, TokenEndpointError, type TokenResponse } from "./token-endpoint";

/** What every OAuth connection needs besides its credentials. */
export interface OAuthConnectionOptions {
    /** The org's base URL, e.g. `https://example.okta.com`. */
    orgUrl: string | URL;
    /** Clock in ms since the epoch; tests move it to expire tokens without waiting. */
    now?: () => number;
}

/**
 * The part OAuth connections share: an access token cached until shortly before it expires (one fetch for concurrent
 * requests), `Bearer` or `DPoP` authorization with a fresh proof per attempt, and recovery from the challenges Okta
 * answers with (a DPoP nonce; an expired or revoked token), each worth exactly one resend.
 */
export abstract class OAuthAuthenticator implements Authenticator {
    protected readonly endpoint: TokenEndpoint;
    protected readonly now: () => number;
    protected readonly tokens: TokenCache;

    constructor(
        options: OAuthConnectionOptions,
        protected readonly dpop?: DpopProver,
    ) {
        this.endpoint = new TokenEndpoint(new URL(options.orgUrl));
        this.now = options.now ?? Date.now;
        this.tokens = new TokenCache(() => this.fetchToken(), this.now);
    }

    /** Gets a new access token from the token endpoint. */
    protected abstract fetchToken(): Promise<CachedToken>;

    /** The connection's own secrets (keys, client secret, refresh token). */
    protected abstract credentialSecrets(): string[];

    async headers(request: { method: string; url: URL }): Promise<Record<string, string>> {
        const token = await this.tokens.get();
        if (token.type === "Bearer") {
            return { Authorization: `Bearer ${token.value}` };
        }
        if (!this.dpop) {
            throw new Error("Okta issued a DPoP-bound access token, but this connection has DPoP turned off");
        }
        const proof = await this.dpop.proof({ ...request, accessToken: token.value, nonce: this.dpop.resourceNonce });
        return { Authorization: `DPoP ${token.value}`, DPoP: proof };
    }

    /** Token requests go through the client that uses this authenticator (its governor, retries and logging). */
    attach(send: AuthorizationSender): void {
        this.endpoint.attach(send);
    }

    async recoverFromChallenge(response: AuthChallenge): Promise<boolean> {
        const error = parseAuthChallenge(response.headers["www-authenticate"])?.params.error;
        const nonce = firstHeader(response.headers["dpop-nonce"]);
        if (this.dpop && error === "use_dpop_nonce" && nonce) {
            this.dpop.resourceNonce = nonce;
            return true;
        }
        if (response.status === 401 && (error === "invalid_token" || errorCode(response.body) === "E0000011")) {
            this.tokens.invalidate();
            return true;
        }
        return false;
    }

    secrets(): string[] {
        return [this.tokens.peek(), ...this.credentialSecrets()].filter((s): s is string => !!s);
    }

    /** The cache entry for a token answer; expiry from `expires_in`, else from the JWT's `exp`. */
    protected cacheEntry(body: TokenResponse): CachedToken {
        const expiresAt = typeof body.expires_in === "number" ? this.now() + body.expires_in * 1000 : jwtExpiry(body.access_token);
        return { value: body.access_token, type: body.token_type === "DPoP" ? "DPoP" : "Bearer", expiresAt };
    }

    /** A token request's failure as the error users see, with the connection it was for. */
    protected refusal(err: unknown, context: string): Error {
        if (err instanceof TokenEndpointError) {
            return new OktaOAuthError(err.status, err.error, err.description, context);
        }
        return new Error(`Okta token request failed (${context}): ${(err as Error).message}`);
    }
}

/** Okta's access tokens are JWTs: their `exp`, or Infinity when the token is opaque. */
export function jwtExpiry(token: string): number {
    try {
        const { exp } = decodeJwt(token);
        return typeof exp === "number" ? exp * 1000 : Infinity;
    } catch {
        return Infinity;
    }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function errorCode(body: unknown): unknown {
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>).errorCode : undefined;
}
