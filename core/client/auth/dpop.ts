import { generateKeyPairSync, createHash, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT, type JWK } from "jose";

/**
 * Demonstrating Proof of Possession (RFC 9449) as Okta uses it (docs/okta/oauth.md#dpop-proofs): an ephemeral EC P-256
 * key, separate from the client-auth key, and a FRESH proof (new `jti`, current `iat`) for every request and every
 * resend; Okta refuses a reused `jti`. Nonces are kept apart for the token endpoint and the resource server.
 */
export class DpopProver {
    /** The latest nonce from `/oauth2/v1/token` (sent on token requests). */
    tokenNonce?: string;
    /** A nonce from the resource server, if it ever asks for one (Okta's does not). */
    resourceNonce?: string;
    private readonly privateKey: KeyObject;
    private readonly publicJwk: JWK;

    constructor(private readonly now: () => number = Date.now) {
        const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
        this.privateKey = privateKey;
        this.publicJwk = publicKey.export({ format: "jwk" }) as JWK;
    }

    /** A proof for one attempt of one request; `accessToken` binds it to the token (`ath`) on API calls. */
    async proof(request: { method: string; url: URL; accessToken?: string; nonce?: string }): Promise<string> {
        const htu = `${request.url.origin}${request.url.pathname}`;
        return new SignJWT({
            htm: request.method,
            htu,
            iat: Math.floor(this.now() / 1000),
            jti: randomUUID(),
            ...(request.nonce ? { nonce: request.nonce } : {}),
            ...(request.accessToken ? { ath: createHash("sha256").update(request.accessToken).digest("base64url") } : {}),
        })
            .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: this.publicJwk })
            .sign(this.privateKey);
    }
}
