/**
 * Okta's per-endpoint rate limits: every request counts against one bucket, chosen by method and route; each bucket
 * allows `limit` requests per window. Defaults: the Workforce column of Okta's last published table (notes §4).
 */

export interface BucketRule {
    name: string;
    methods: string[];
    /** Route templates as registered with the router, e.g. `/api/v1/users/:userId`. */
    templates: string[];
    limit: number;
}

export const DEFAULT_BUCKETS: BucketRule[] = [
    { name: "groups", methods: ["GET", "POST"], templates: ["/api/v1/groups"], limit: 500 },
    { name: "group", methods: ["GET", "PUT", "DELETE"], templates: ["/api/v1/groups/:groupId"], limit: 1000 },
];

/** Requests per window for any route no rule names ("most other /api/v1"). */
export const DEFAULT_OTHER_LIMIT = 1200;

export interface RateLimitOptions {
    /** Window length; Okta's is 60 s. Tests and benchmarks shorten it to compress time. */
    windowMs?: number;
    buckets?: BucketRule[];
    otherLimit?: number;
    /** Overrides of single bucket limits by name. */
    limits?: Record<string, number>;
}

/** The headers of one request's verdict. `allowed` false means answer 429. */
export interface RateLimitVerdict {
    allowed: boolean;
    limit: number;
    remaining: number;
    /** Window reset, UTC epoch seconds. */
    reset: number;
}

interface Window {
    start: number;
    used: number;
}

export class RateLimiter {
    private readonly windowMs: number;
    private readonly rules: BucketRule[];
    private readonly otherLimit: number;
    private readonly windows = new Map<string, Window>();

    constructor(options: RateLimitOptions = {}, private readonly now: () => number = Date.now) {
        this.windowMs = options.windowMs ?? 60_000;
        this.otherLimit = options.limits?.other ?? options.otherLimit ?? DEFAULT_OTHER_LIMIT;
        this.rules = (options.buckets ?? DEFAULT_BUCKETS).map((rule) => ({
            ...rule,
            limit: options.limits?.[rule.name] ?? rule.limit,
        }));
    }

    /** Counts one request against its bucket and says whether it may proceed. */
    take(method: string, template: string): RateLimitVerdict {
        const rule = this.rules.find((r) => r.methods.includes(method) && r.templates.includes(template));
        const key = rule ? rule.name : `other ${method} ${template}`;
        const limit = rule ? rule.limit : this.otherLimit;
        const now = this.now();
        let window = this.windows.get(key);
        if (!window || now >= window.start + this.windowMs) {
            window = { start: now, used: 0 };
            this.windows.set(key, window);
        }
        const reset = Math.ceil((window.start + this.windowMs) / 1000);
        if (window.used >= limit) {
            return { allowed: false, limit, remaining: 0, reset };
        }
        window.used++;
        return { allowed: true, limit, remaining: limit - window.used, reset };
    }

    reset(): void {
        this.windows.clear();
    }
}
