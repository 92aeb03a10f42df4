import { randomUUID, type JsonWebKey } from "node:crypto";
import { SignJWT } from "jose";
import { DpopProver } from "./dpop";
import { loadSigningKey, type SigningKey } from "./keys";
import { OAuthAuthenticator, type OAuthConnectionOptions } from "./oauth-authenticator";
import type { CachedToken } from "./token-cache";

export interface ClientCredentialsOptions extends OAuthConnectionOptions {
    /** Client id of the API Services app. */
    clientId: string;
    /** Its private key: PEM or JWK (RSA signs RS256, EC P-256 signs ES256). */
    privateKey: string | JsonWebKey;
    /** The id of the registered public key (`kid`); taken from a JWK's `kid` when not given. */
    keyId?: string;
    /** The `okta.*` scopes to request; they must be granted to the app. */
    scopes: string[];
    /** Bind tokens to a DPoP key (default true: new API Services apps require DPoP). */
    dpop?: boolean;
}

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Lifetime of a client assertion; each one is used once. */
const ASSERTION_LIFETIME_S = 300;

/**
 * OAuth 2.0 client credentials with private_key_jwt (docs/okta/oauth.md#client-credentials): a new signed client
 * assertion for every attempt of every token request, DPoP with Okta's nonce challenge (a proof without nonce is
 * answered 400 `use_dpop_nonce`; the resend carries the nonce, a new proof and a new assertion, since the first
 * assertion's `jti` is burned), and the same for every retry after a 429, a 5xx or a lost answer.
 */
export class ClientCredentialsAuthenticator extends OAuthAuthenticator {
    private readonly signingKey: SigningKey;

    constructor(private readonly options: ClientCredentialsOptions) {
        super(options, options.dpop === false ? undefined : new DpopProver(options.now));
        if (!options.clientId) {
            throw new Error("a client id is required for the client credentials connection");
        }
        if (options.scopes.length === 0) {
            throw new Error(`no scopes to request for client ${options.clientId}: give at least one okta.* scope`);
        }
        this.signingKey = loadSigningKey(options.privateKey, options.keyId);
    }

    protected async fetchToken(): Promise<CachedToken> {
        try {
            return this.cacheEntry(await this.endpoint.post({ form: () => this.form(), dpop: this.dpop }));
        } catch (err) {
            throw this.refusal(err, this.describe());
        }
    }

    private async form(): Promise<Record<string, string>> {
        const { key, alg, kid } = this.signingKey;
        const now = Math.floor(this.now() / 1000);
        const assertion = await new SignJWT({})
            .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
            .setIssuer(this.options.clientId)
            .setSubject(this.options.clientId)
            .setAudience(this.endpoint.url.href)
            .setIssuedAt(now)
            .setExpirationTime(now + ASSERTION_LIFETIME_S)
            .setJti(randomUUID())
            .sign(key);
        return {
            grant_type: "client_credentials",
            scope: this.options.scopes.join(" "),
            client_assertion_type: ASSERTION_TYPE,
            client_assertion: assertion,
        };
    }

    private describe(): string {
        const kid = this.signingKey.kid ? `key id '${this.signingKey.kid}'` : "no key id";
        return `client credentials for client ${this.options.clientId}, ${kid}, scopes '${this.options.scopes.join(" ")}'`;
    }

    protected credentialSecrets(): string[] {
        const key = this.options.privateKey;
        return typeof key === "string" ? [key] : [String(key.d ?? "")];
    }
}
