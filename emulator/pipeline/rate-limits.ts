import { compilePathPattern, matchesPath, type PathPattern } from "../platform/path-pattern";

/**
 * Okta's rate limits (docs/okta/rate-limits.md#buckets): every request counts against one bucket, chosen by method and
 * path (exact endpoint first, then the longest prefix); a bucket allows `limit` requests per window; one API token may
 * use only a share of each bucket; and the org has a limit on simultaneous requests.
 */

export interface BucketRule {
    /** The bucket's name: overrides and the control API refer to it. Rules may share a name to share a counter. */
    name: string;
    /** Methods the rule applies to; every method when omitted. */
    methods?: string[];
    /**
     * Path pattern (see path-pattern.ts): `/api/v1/users/*` is the exact endpoint `/api/v1/users/{id}`;
     * `/api/v1/users/**` is the prefix `/api/v1/users*`.
     */
    path: string;
    /** Requests per window; `null` for endpoints Okta does not rate limit. */
    limit: number | null;
}

const READ_WRITE_BY_ID = ["GET", "PUT", "DELETE"];

/**
 * The Workforce column of Okta's last published table (docs/okta/rate-limits.md#published-limits). Deeper paths (user
 * lifecycle, `/users/{id}/groups`, group membership, `/apps/{id}/users`) fall to their area's prefix bucket, as in the
 * table Okta's own Terraform provider generated from the monolith. Event hooks, policies, realms and `/meta/types` are
 * "most other /api/v1".
 */
export const DEFAULT_BUCKETS: readonly BucketRule[] = [
    { name: "users", path: "/api/v1/users/**", limit: 600 },
    { name: "user-get", methods: ["GET"], path: "/api/v1/users/*", limit: 2000 },
    { name: "user-write", methods: ["POST", "PUT", "DELETE"], path: "/api/v1/users/*", limit: 600 },
    { name: "groups", path: "/api/v1/groups/**", limit: 500 },
    { name: "group", methods: READ_WRITE_BY_ID, path: "/api/v1/groups/*", limit: 1000 },
    { name: "apps", path: "/api/v1/apps/**", limit: 100 },
    { name: "app", methods: READ_WRITE_BY_ID, path: "/api/v1/apps/*", limit: 500 },
    { name: "logs", path: "/api/v1/logs/**", limit: 120 },
    { name: "api", path: "/api/v1/**", limit: 1200 },
    { name: "oauth2-clients", path: "/oauth2/v1/clients/**", limit: 100 },
    { name: "oauth2-v1", path: "/oauth2/v1/**", limit: 2000 },
    { name: "oauth2", path: "/oauth2/**", limit: 600 },
    { name: "keys", path: "/oauth2/v1/keys", limit: null },
    { name: "keys", path: "/oauth2/*/v1/keys", limit: null },
    { name: "well-known", path: "/.well-known/**", limit: null },
    { name: "well-known", path: "/oauth2/*/.well-known/**", limit: null },
    { name: "other", path: "/**", limit: 1200 },
];

/** Okta's per-org limit on simultaneous requests (Workforce; 35 on Integrator Free). */
export const DEFAULT_CONCURRENCY = 75;
/** By default one API token or OAuth app may use half of any bucket (docs/okta/rate-limits.md#per-token-share). */
export const DEFAULT_TOKEN_SHARE = 50;
export const DEFAULT_WINDOW_MS = 60_000;

export interface RateLimitOptions {
    /** Window length; Okta's is 60 s. Tests and benchmarks shorten it to compress time. */
    windowMs?: number;
    /** Replaces the whole table. */
    buckets?: readonly BucketRule[];
    /** Overrides of bucket limits by name, e.g. `{ "user-get": 100 }`. */
    limits?: Record<string, number>;
    /** The limit of every rate-limited bucket that `limits` does not name (e.g. a high one to keep limits out of a test). */
    otherLimit?: number;
    /** Simultaneous requests the org accepts; 0 turns the check off. */
    concurrency?: number;
    /** Percent of each bucket one token may use; 100 turns the per-token cap off. */
    tokenShare?: number;
}

/** The settings in force, as the control API reports them. */
export interface RateLimitSettings {
    windowMs: number;
    concurrency: number;
    tokenShare: number;
    limits: Record<string, number | null>;
}

/** The bucket a request counts against. */
export interface Bucket {
    name: string;
    limit: number | null;
}

/** The headers of one request's verdict. `allowed` false means answer 429. */
export interface RateLimitVerdict {
    allowed: boolean;
    limit: number;
    remaining: number;
    /** Window reset, UTC epoch seconds. */
    reset: number;
}

interface CompiledRule {
    name: string;
    methods?: ReadonlySet<string>;
    pattern: PathPattern;
}

interface Window {
    /** Epoch ms at which the window ends; a whole second, so that `X-Rate-Limit-Reset` is exact. */
    end: number;
    used: number;
    usedByToken: Map<string, number>;
}

export class RateLimiter {
    private settings!: RateLimitSettings;
    private rules: CompiledRule[] = [];
    private readonly windows = new Map<string, Window>();
    private inFlight = 0;

    constructor(options: RateLimitOptions = {}, private readonly now: () => number = Date.now) {
        this.configure(options, DEFAULT_BUCKETS);
    }

    /** Changes settings at run time; limits given by name are merged; windows restart. */
    configure(options: RateLimitOptions, buckets?: readonly BucketRule[]): RateLimitSettings {
        const table = options.buckets ?? buckets;
        const current = this.settings;
        const limits: Record<string, number | null> = { ...(current?.limits ?? {}) };
        if (table) {
            this.rules = table.map((rule) => ({
                name: rule.name,
                methods: rule.methods && new Set(rule.methods.map((m) => m.toUpperCase())),
                pattern: compilePathPattern(rule.path),
            }));
            for (const name of Object.keys(limits)) {
                delete limits[name];
            }
            for (const rule of table) {
                limits[rule.name] = rule.limit;
            }
        }
        if (options.otherLimit !== undefined) {
            assertCount("otherLimit", options.otherLimit, 0);
            for (const name of Object.keys(limits)) {
                if (limits[name] !== null && !(name in (options.limits ?? {}))) {
                    limits[name] = options.otherLimit;
                }
            }
        }
        for (const [name, limit] of Object.entries(options.limits ?? {})) {
            if (!(name in limits)) {
                throw new Error(`unknown rate-limit bucket '${name}' (known: ${Object.keys(limits).join(", ")})`);
            }
            assertCount(`limit of ${name}`, limit, 0);
            limits[name] = limit;
        }
        const settings: RateLimitSettings = {
            windowMs: options.windowMs ?? current?.windowMs ?? DEFAULT_WINDOW_MS,
            concurrency: options.concurrency ?? current?.concurrency ?? DEFAULT_CONCURRENCY,
            tokenShare: options.tokenShare ?? current?.tokenShare ?? DEFAULT_TOKEN_SHARE,
            limits,
        };
        assertCount("windowMs", settings.windowMs, 1);
        assertCount("concurrency", settings.concurrency, 0);
        assertCount("tokenShare", settings.tokenShare, 1);
        if (settings.tokenShare > 100) {
            throw new Error(`tokenShare must be a percentage between 1 and 100, got ${settings.tokenShare}`);
        }
        this.settings = settings;
        this.windows.clear();
        return this.current();
    }

    current(): RateLimitSettings {
        return { ...this.settings, limits: { ...this.settings.limits } };
    }

    /** The bucket of a request: the most specific exact pattern for its method, else the longest prefix. */
    bucketFor(method: string, parts: string[]): Bucket | undefined {
        let best: CompiledRule | undefined;
        for (const rule of this.rules) {
            if ((rule.methods && !rule.methods.has(method)) || !matchesPath(rule.pattern, parts)) {
                continue;
            }
            if (!best || moreSpecific(rule.pattern, best.pattern)) {
                best = rule;
            }
        }
        return best && { name: best.name, limit: this.settings.limits[best.name] ?? null };
    }

    /**
     * Counts one request against its bucket (and its token's share of it) and says whether it may proceed. Refused
     * requests are not counted.
     */
    take(bucket: Bucket & { limit: number }, token: string | undefined): RateLimitVerdict {
        const window = this.windowOf(bucket.name);
        const reset = window.end / 1000;
        const tokenLimit = this.tokenLimit(bucket.limit, token);
        const tokenUsed = token === undefined ? 0 : window.usedByToken.get(token) ?? 0;
        const remaining = Math.min(bucket.limit - window.used, tokenLimit - tokenUsed);
        if (remaining <= 0) {
            return { allowed: false, limit: tokenLimit, remaining: 0, reset };
        }
        window.used++;
        if (token !== undefined && tokenLimit < bucket.limit) {
            window.usedByToken.set(token, tokenUsed + 1);
        }
        return { allowed: true, limit: tokenLimit, remaining: remaining - 1, reset };
    }

    /** The verdict `take` would give, without counting: for responses that never reach the bucket (injected faults). */
    peek(bucket: Bucket & { limit: number }, token: string | undefined): RateLimitVerdict {
        const window = this.windowOf(bucket.name);
        const tokenLimit = this.tokenLimit(bucket.limit, token);
        const tokenUsed = token === undefined ? 0 : window.usedByToken.get(token) ?? 0;
        const remaining = Math.max(0, Math.min(bucket.limit - window.used, tokenLimit - tokenUsed));
        return { allowed: remaining > 0, limit: tokenLimit, remaining, reset: window.end / 1000 };
    }

    /**
     * Admits one more simultaneous request, or returns the concurrency 429's headers: Limit 0, Remaining 0 and a
     * Reset that is only an estimate (docs/okta/rate-limits.md#concurrency). Every admitted request must be matched by
     * `leave`.
     */
    enter(): RateLimitVerdict | undefined {
        const { concurrency } = this.settings;
        if (concurrency > 0 && this.inFlight >= concurrency) {
            return { allowed: false, limit: 0, remaining: 0, reset: Math.ceil(this.now() / 1000) + 1 };
        }
        this.inFlight++;
        return undefined;
    }

    leave(): void {
        this.inFlight--;
    }

    /** Starts every window afresh. */
    reset(): void {
        this.windows.clear();
    }

    private tokenLimit(limit: number, token: string | undefined): number {
        const share = this.settings.tokenShare;
        return token === undefined || share >= 100 ? limit : Math.max(1, Math.floor((limit * share) / 100));
    }

    private windowOf(name: string): Window {
        const now = this.now();
        let window = this.windows.get(name);
        if (!window || now >= window.end) {
            // A window runs `windowMs` from its first request, rounded up to a whole second: Okta's Reset header is
            // whole epoch seconds, and a client that waits until it must find the window really over.
            window = { end: Math.ceil((now + this.settings.windowMs) / 1000) * 1000, used: 0, usedByToken: new Map() };
            this.windows.set(name, window);
        }
        return window;
    }
}

function moreSpecific(a: PathPattern, b: PathPattern): boolean {
    if (a.prefix !== b.prefix) {
        return !a.prefix;
    }
    if (a.segments.length !== b.segments.length) {
        return a.segments.length > b.segments.length;
    }
    return a.literals > b.literals;
}

function assertCount(what: string, value: unknown, min: number): void {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
        throw new Error(`${what} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
    }
}
