/** An access token as a cache holds it. */
export interface CachedToken {
    value: string;
    /** `Bearer`, or `DPoP` for a token bound to a DPoP key. */
    type: "Bearer" | "DPoP";
    /** Expiry in ms since the epoch; Infinity when unknown. */
    expiresAt: number;
}

/** Renew this long before expiry, and at most half-way through a short-lived token's life. */
const RENEW_BEFORE_MS = 60_000;

/**
 * One access token shared by every request of a client: reused until shortly before it expires, then fetched anew.
 * Single flight: concurrent requests that find it stale share one fetch.
 */
export class TokenCache {
    private current?: CachedToken & { renewAt: number };
    private inflight?: Promise<CachedToken>;

    constructor(
        private readonly fetchToken: () => Promise<CachedToken>,
        private readonly now: () => number,
    ) {}

    async get(): Promise<CachedToken> {
        if (this.current && this.now() < this.current.renewAt) {
            return this.current;
        }
        this.inflight ??= this.fetchToken()
            .then((token) => this.set(token))
            .finally(() => {
                this.inflight = undefined;
            });
        return this.inflight;
    }

    /** Takes a token obtained elsewhere (e.g. one given in configuration). */
    set(token: CachedToken): CachedToken {
        const lifetime = token.expiresAt - this.now();
        this.current = { ...token, renewAt: token.expiresAt - Math.min(RENEW_BEFORE_MS, lifetime / 2) };
        return token;
    }

    /** Drops the token the server refused, so the next `get` fetches a new one (unless one is being fetched). */
    invalidate(): void {
        this.current = undefined;
    }

    /** The token value currently held, for redaction. */
    peek(): string | undefined {
        return this.current?.value;
    }
}
