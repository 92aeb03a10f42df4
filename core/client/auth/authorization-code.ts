import { OAuthAuthenticator, jwtExpiry, type OAuthConnectionOptions } from "./oauth-authenticator";
import type { CachedToken } from "./token-cache";

export interface AuthorizationCodeOptions extends OAuthConnectionOptions {
    /** Client id and secret of the web app the tokens were issued to. */
    clientId: string;
    clientSecret: string;
    /** The refresh token from the authorization code flow (requested with `offline_access`). */
    refreshToken: string;
    /** The current access token, if there is one; otherwise the first request refreshes. */
    accessToken?: string;
    /** Narrow refreshed tokens to these scopes (a subset of the original grant); all of them when empty. */
    scopes?: string[];
    /**
     * Called with the new refresh token when Okta rotates it (apps set to ROTATE): the old one stops working after the
     * app's leeway, so callers that outlive this process must persist the new one.
     */
    onRefreshToken?: (refreshToken: string) => void | Promise<void>;
}

/**
 * OAuth 2.0 authorization code connection (docs/okta/oauth.md#authorization-code): uses the access token it was given,
 * and refreshes it with the refresh token and the client secret (HTTP Basic) shortly before it expires, or when Okta
 * answers 401. Keeps the refresh token Okta rotates.
 */
export class AuthorizationCodeAuthenticator extends OAuthAuthenticator {
    private currentRefreshToken: string;

    constructor(private readonly options: AuthorizationCodeOptions) {
        super(options);
        for (const [name, value] of [["client id", options.clientId], ["client secret", options.clientSecret], ["refresh token", options.refreshToken]]) {
            if (!value) {
                throw new Error(`a ${name} is required for the authorization code connection`);
            }
        }
        this.currentRefreshToken = options.refreshToken;
        if (options.accessToken) {
            this.tokens.set({ value: options.accessToken, type: "Bearer", expiresAt: jwtExpiry(options.accessToken) });
        }
    }

    /** The refresh token in use: the configured one, or the latest Okta rotated it to. */
    get refreshToken(): string {
        return this.currentRefreshToken;
    }

    protected async fetchToken(): Promise<CachedToken> {
        const scopes = this.options.scopes ?? [];
        const form = {
            grant_type: "refresh_token",
            refresh_token: this.currentRefreshToken,
            ...(scopes.length > 0 ? { scope: scopes.join(" ") } : {}),
        };
        let answer;
        try {
            answer = await this.endpoint.post({
                form: async () => form,
                headers: () => ({ Authorization: basicAuth(this.options.clientId, this.options.clientSecret) }),
            });
        } catch (err) {
            throw this.refusal(err, `refresh token for client ${this.options.clientId}`);
        }
        const rotated = answer.refresh_token;
        if (rotated && rotated !== this.currentRefreshToken) {
            this.currentRefreshToken = rotated;
            await this.options.onRefreshToken?.(rotated);
        }
        return this.cacheEntry(answer);
    }

    protected credentialSecrets(): string[] {
        return [this.options.clientSecret, this.options.refreshToken, this.currentRefreshToken, this.options.accessToken ?? ""];
    }
}

/** RFC 6749 §2.3.1: id and secret are form-encoded, then joined and base64-encoded. */
function basicAuth(clientId: string, secret: string): string {
    const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
    return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString("base64")}`;
}
