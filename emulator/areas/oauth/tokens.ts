import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/** Who a token speaks for: a service app on its own, or a user through a web app. */
export interface TokenSubject {
    clientId: string;
    /** `sub`: the client id for client credentials, the user's login for user tokens. */
    subject: string;
    userId?: string;
    scopes: string[];
    /** `cnf.jkt` of a DPoP-bound token. */
    jkt?: string;
}

export interface AccessTokenRecord extends TokenSubject {
    expiresAt: number;
}

export interface RefreshTokenRecord extends TokenSubject {
    token: string;
    /** Set once rotated: the token keeps working until then (the rotation leeway). */
    usableUntil?: number;
}

export interface AuthorizationCodeRecord extends TokenSubject {
    redirectUri: string;
    codeChallenge?: string;
    expiresAt: number;
}

/** Okta's authorization codes live 300 s (docs/okta/oauth.md#authorization-code). */
const CODE_LIFETIME_MS = 300_000;
/** Forget expired access tokens once this many are held. */
const PRUNE_AT = 10_000;

/**
 * The tokens the org authorization server has issued. Access tokens are RS256 JWTs shaped like Okta's
 * (`ver, jti "AT.…", iss = aud = org, sub, cid, uid?, iat, exp, scp, cnf?`), signed with a key generated on first use.
 */
export class TokenStore {
    private readonly accessTokens = new Map<string, AccessTokenRecord>();
    private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
    private readonly codes = new Map<string, AuthorizationCodeRecord>();
    private signingKey?: Promise<{ kid: string; privateKey: CryptoKey; publicJwk: JWK }>;

    constructor(private readonly now: () => number) {}

    async issueAccessToken(issuer: string, subject: TokenSubject, lifetimeSeconds: number): Promise<string> {
        const { kid, privateKey } = await this.key();
        const iat = Math.floor(this.now() / 1000);
        const exp = iat + lifetimeSeconds;
        const token = await new SignJWT({
            ver: 1,
            cid: subject.clientId,
            ...(subject.userId ? { uid: subject.userId } : {}),
            scp: subject.scopes,
            ...(subject.jkt ? { cnf: { jkt: subject.jkt } } : {}),
        })
            .setProtectedHeader({ alg: "RS256", kid })
            .setJti(`AT.${randomBytes(32).toString("base64url")}`)
            .setIssuer(issuer)
            .setAudience(issuer)
            .setSubject(subject.subject)
            .setIssuedAt(iat)
            .setExpirationTime(exp)
            .sign(privateKey);
        if (this.accessTokens.size >= PRUNE_AT) {
            this.pruneAccessTokens();
        }
        this.accessTokens.set(token, { ...copySubject(subject), expiresAt: exp * 1000 });
        return token;
    }

    findAccessToken(token: string): AccessTokenRecord | undefined {
        return this.accessTokens.get(token);
    }

    issueRefreshToken(subject: TokenSubject): string {
        const token = randomBytes(32).toString("base64url");
        this.refreshTokens.set(token, { ...copySubject(subject), token });
        return token;
    }

    /** A refresh token that may still be used: never rotated, or rotated less than its leeway ago. */
    findUsableRefreshToken(token: string): RefreshTokenRecord | undefined {
        const record = this.refreshTokens.get(token);
        if (!record || (record.usableUntil !== undefined && record.usableUntil <= this.now())) {
            return undefined;
        }
        return record;
    }

    /** Replaces `old` by a new token with the same grant; the old one works for `leewaySeconds` more. */
    rotateRefreshToken(old: RefreshTokenRecord, leewaySeconds: number): string {
        old.usableUntil = Math.min(old.usableUntil ?? Infinity, this.now() + leewaySeconds * 1000);
        return this.issueRefreshToken(old);
    }

    issueCode(subject: TokenSubject, redirectUri: string, codeChallenge: string | undefined): string {
        const code = randomBytes(24).toString("base64url");
        this.codes.set(code, { ...copySubject(subject), redirectUri, codeChallenge, expiresAt: this.now() + CODE_LIFETIME_MS });
        return code;
    }

    /** The code's grant, consumed: a code works once, and not after its 300 s. */
    redeemCode(code: string): AuthorizationCodeRecord | undefined {
        const record = this.codes.get(code);
        this.codes.delete(code);
        return record && record.expiresAt > this.now() ? record : undefined;
    }

    /** The public signing keys (`/oauth2/v1/keys`). */
    async jwks(): Promise<{ keys: JWK[] }> {
        const { publicJwk } = await this.key();
        return { keys: [publicJwk] };
    }

    private key() {
        this.signingKey ??= (async () => {
            const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
            const kid = randomBytes(24).toString("base64url");
            const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
            return { kid, privateKey, publicJwk };
        })();
        return this.signingKey;
    }

    private pruneAccessTokens(): void {
        const now = this.now();
        for (const [token, record] of this.accessTokens) {
            if (record.expiresAt <= now) {
                this.accessTokens.delete(token);
            }
        }
    }
}

function copySubject(subject: TokenSubject): TokenSubject {
    const { clientId, subject: sub, userId, scopes, jkt } = subject;
    return { clientId, subject: sub, userId, scopes: [...scopes], jkt };
}
