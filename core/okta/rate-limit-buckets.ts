/**
 * Which of Okta's rate-limit buckets a request counts against (docs/okta/rate-limits.md#buckets: exact endpoint
 * first, then the longest prefix, per method). The client keeps its own table rather than sharing the emulator's:
 * each side is written from Okta's documentation, so a mistake in one is not silently mirrored by the other. The
 * client governs by the limits it learns from the X-Rate-Limit-* headers; the published defaults here serve only
 * estimates made before any call (`okta-iac review`, docs/review.md#estimate).
 */

interface Rule {
    bucket: string;
    methods?: readonly string[];
    /** `*` matches one path segment; a trailing `/**` makes the rule a prefix. */
    path: string;
    /** Requests per minute in Okta's published Workforce defaults (docs/okta/rate-limits.md#published-limits). */
    published?: number;
}

/** The window every published limit counts over. */
export const WINDOW_MS = 60_000;

/** The share of each bucket one API token or OAuth app may use by default (docs/okta/rate-limits.md#per-token-share). */
export const DEFAULT_TOKEN_SHARE_PERCENT = 50;

/** Okta does not rate limit signing keys and discovery documents. */
export const UNLIMITED = "";

const BY_ID = ["GET", "PUT", "DELETE"];

const RULES: readonly Rule[] = [
    { bucket: "users", path: "/api/v1/users/**", published: 600 },
    { bucket: "user-get", methods: ["GET"], path: "/api/v1/users/*", published: 2000 },
    { bucket: "user-write", methods: ["POST", "PUT", "DELETE"], path: "/api/v1/users/*", published: 600 },
    { bucket: "groups", path: "/api/v1/groups/**", published: 500 },
    { bucket: "group", methods: BY_ID, path: "/api/v1/groups/*", published: 1000 },
    { bucket: "apps", path: "/api/v1/apps/**", published: 100 },
    { bucket: "app", methods: BY_ID, path: "/api/v1/apps/*", published: 500 },
    { bucket: "logs", path: "/api/v1/logs/**", published: 120 },
    { bucket: "api", path: "/api/v1/**", published: 1200 },
    { bucket: "oauth2-clients", path: "/oauth2/v1/clients/**", published: 100 },
    { bucket: "oauth2-v1", path: "/oauth2/v1/**", published: 2000 },
    { bucket: "oauth2", path: "/oauth2/**", published: 600 },
    { bucket: UNLIMITED, path: "/oauth2/v1/keys" },
    { bucket: UNLIMITED, path: "/oauth2/*/v1/keys" },
    { bucket: UNLIMITED, path: "/.well-known/**" },
    { bucket: UNLIMITED, path: "/oauth2/*/.well-known/**" },
    { bucket: "other", path: "/**", published: 1200 },
];

interface Compiled {
    bucket: string;
    methods?: ReadonlySet<string>;
    segments: (string | undefined)[];
    prefix: boolean;
    literals: number;
}

const COMPILED: Compiled[] = RULES.map((rule) => {
    const parts = rule.path.split("/").filter(Boolean);
    const prefix = parts[parts.length - 1] === "**";
    if (prefix) {
        parts.pop();
    }
    const segments = parts.map((p) => (p === "*" ? undefined : p));
    return {
        bucket: rule.bucket,
        methods: rule.methods && new Set(rule.methods),
        segments,
        prefix,
        literals: segments.filter((s) => s !== undefined).length,
    };
});

/** The bucket name of a request, or UNLIMITED (`""`) for endpoints Okta does not rate limit. */
export function bucketOf(method: string, pathname: string): string {
    return ruleOf(method, pathname)?.bucket ?? "other";
}

/** Okta's published default limit (requests per minute) of a bucket, or undefined for UNLIMITED. */
export function publishedLimitOf(bucket: string): number | undefined {
    return RULES.find((rule) => rule.bucket === bucket)?.published;
}

function ruleOf(method: string, pathname: string): Compiled | undefined {
    const parts = pathname.split("/").filter(Boolean);
    let best: Compiled | undefined;
    for (const rule of COMPILED) {
        if ((rule.methods && !rule.methods.has(method)) || !matches(rule, parts)) {
            continue;
        }
        if (!best || moreSpecific(rule, best)) {
            best = rule;
        }
    }
    return best;
}

function matches(rule: Compiled, parts: string[]): boolean {
    if (rule.prefix ? parts.length < rule.segments.length : parts.length !== rule.segments.length) {
        return false;
    }
    return rule.segments.every((s, i) => s === undefined || s === parts[i]);
}

function moreSpecific(a: Compiled, b: Compiled): boolean {
    if (a.prefix !== b.prefix) {
        return !a.prefix;
    }
    if (a.segments.length !== b.segments.length) {
        return a.segments.length > b.segments.length;
    }
    return a.literals > b.literals;
}
