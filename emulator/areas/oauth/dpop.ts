import { createHash, randomBytes } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK } from "jose";
import { invalidDpopProof, useDpopNonce } from "./errors";
import { ReplayCache } from "./replay";

/** Signature algorithms Okta accepts in DPoP proofs (its `WWW-Authenticate: DPoP algs="…"`). */
export const DPOP_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

/** A proof's `iat` may be this old (docs/okta/oauth.md#dpop-proofs: over five minutes is too old) ... */
const MAX_PROOF_AGE_S = 300;
/** ... and this far ahead of the server's clock. */
const MAX_CLOCK_SKEW_S = 60;

/** Okta's nonce rotates every 24 h and an old one stays valid 3 days (docs/okta/oauth.md#dpop-nonce). */
const NONCE_ROTATION_MS = 24 * 3600_000;
const NONCE_VALIDITY_MS = 3 * 24 * 3600_000;

export interface ProofExpectation {
    method: string;
    url: URL;
    /** Whether the proof must carry a nonce this server issued (the token endpoint requires one). */
    requireNonce: boolean;
    /** On API calls: the access token the proof must hash into `ath`, and the key it is bound to. */
    accessToken?: string;
    boundJkt?: string;
}

/**
 * Verifies DPoP proofs (RFC 9449, as Okta applies it) and issues the server's nonces. Every failure is an
 * `invalid_dpop_proof` (or `use_dpop_nonce`) OAuthError; API callers turn it into a `WWW-Authenticate` challenge.
 */
export class DpopVerifier {
    private readonly nonces: { value: string; issuedAt: number }[] = [];
    private readonly usedJtis: ReplayCache;

    constructor(private readonly now: () => number) {
        this.usedJtis = new ReplayCache(now);
    }

    /** The nonce to hand out now. */
    currentNonce(): string {
        const newest = this.nonces[this.nonces.length - 1];
        if (newest && this.now() - newest.issuedAt < NONCE_ROTATION_MS) {
            return newest.value;
        }
        const nonce = { value: randomBytes(24).toString("base64url"), issuedAt: this.now() };
        this.nonces.push(nonce);
        return nonce.value;
    }

    private isValidNonce(value: unknown): boolean {
        return this.nonces.some((n) => n.value === value && this.now() - n.issuedAt < NONCE_VALIDITY_MS);
    }

    /** Checks one proof and returns the thumbprint of its key (the `cnf.jkt` a token is bound to). */
    async verify(proof: string | undefined, expect: ProofExpectation): Promise<{ jkt: string }> {
        if (!proof) {
            throw invalidDpopProof("The DPoP proof JWT header is missing.");
        }
        const jwk = this.checkHeader(proof);
        let payload: Record<string, unknown>;
        try {
            ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
                typ: "dpop+jwt",
                algorithms: DPOP_ALGORITHMS,
                currentDate: new Date(this.now()),
            }));
        } catch {
            throw invalidDpopProof("The DPoP proof JWT signature is invalid.");
        }
        if (payload.htm !== expect.method) {
            throw invalidClaim("htm");
        }
        if (!sameTarget(payload.htu, expect.url)) {
            throw invalidClaim("htu");
        }
        this.checkIssuedAt(payload.iat);
        if (typeof payload.jti !== "string" || payload.jti === "") {
            throw invalidClaim("jti");
        }
        if (!this.usedJtis.claim(payload.jti, (Number(payload.iat) + MAX_PROOF_AGE_S) * 1000)) {
            throw invalidDpopProof("The DPoP proof JWT has already been used.");
        }
        if (expect.requireNonce && !this.isValidNonce(payload.nonce)) {
            throw useDpopNonce(this.currentNonce());
        }
        if (expect.accessToken !== undefined && payload.ath !== sha256(expect.accessToken)) {
            throw invalidClaim("ath");
        }
        const jkt = await calculateJwkThumbprint(jwk);
        if (expect.boundJkt !== undefined && jkt !== expect.boundJkt) {
            throw invalidDpopProof("The DPoP proof JWT key doesn't match the key the access token is bound to.");
        }
        return { jkt };
    }

    private checkHeader(proof: string): JWK {
        let header: ReturnType<typeof decodeProtectedHeader>;
        try {
            header = decodeProtectedHeader(proof);
        } catch {
            throw invalidDpopProof("The DPoP proof JWT is malformed.");
        }
        if (header.typ !== "dpop+jwt") {
            throw invalidDpopProof("The DPoP proof JWT 'typ' header is invalid; it must be 'dpop+jwt'.");
        }
        if (!DPOP_ALGORITHMS.includes(String(header.alg))) {
            throw invalidDpopProof(`The DPoP proof JWT 'alg' header is invalid; supported: ${DPOP_ALGORITHMS.join(" ")}.`);
        }
        const jwk = header.jwk;
        if (!jwk || typeof jwk !== "object" || "d" in jwk) {
            throw invalidDpopProof("The DPoP proof JWT 'jwk' header must hold a public key.");
        }
        return jwk;
    }

    private checkIssuedAt(iat: unknown): void {
        if (typeof iat !== "number") {
            throw invalidClaim("iat");
        }
        const nowS = this.now() / 1000;
        if (iat > nowS + MAX_CLOCK_SKEW_S) {
            throw invalidClaim("iat");
        }
        if (nowS - iat > MAX_PROOF_AGE_S) {
            throw invalidDpopProof("The DPoP proof JWT is too old: 'iat' is more than 5 minutes in the past.");
        }
    }
}

/** Okta's wording, e.g. "'htu' claim in the DPoP proof JWT is invalid." (okta/okta-sdk-nodejs#453). */
function invalidClaim(claim: string) {
    return invalidDpopProof(`'${claim}' claim in the DPoP proof JWT is invalid.`);
}

/**
 * `htu` names the request without query and fragment; Okta compares decoded paths (a percent-encoded `@` in a login
 * must match the literal one, docs/okta/oauth.md#dpop-api-calls).
 */
function sameTarget(htu: unknown, url: URL): boolean {
    if (typeof htu !== "string") {
        return false;
    }
    let claimed: URL;
    try {
        claimed = new URL(htu);
    } catch {
        return false;
    }
    return claimed.origin === url.origin && safeDecode(claimed.pathname) === safeDecode(url.pathname);
}

function safeDecode(path: string): string {
    try {
        return decodeURIComponent(path);
    } catch {
        return path;
    }
}

/** `ath`: base64url SHA-256 of the access token. */
export function sha256(value: string): string {
    return createHash("sha256").update(value).digest("base64url");
}
