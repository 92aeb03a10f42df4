import type { IncomingMessage, ServerResponse } from "node:http";
import { rateLimited } from "../../platform/errors";
import type { Exchange, Next, Reply } from "../exchange";
import type { RateLimitVerdict } from "../rate-limits";

/** Counts the request against its endpoint's bucket, per token (docs/okta/rate-limits.md); a 429 when it is spent. */
export async function rateLimits(ex: Exchange, next: Next): Promise<Reply> {
    const verdict = bucketVerdict(ex, "take");
    if (verdict) {
        setRateLimitHeaders(ex.res, verdict);
        if (!verdict.allowed) {
            throw rateLimited();
        }
    }
    return next();
}

/** How the request's bucket stands once it is counted (`take`) or without counting it (`peek`); none when unlimited. */
export function bucketVerdict(ex: Exchange, how: "take" | "peek"): RateLimitVerdict | undefined {
    const limiter = ex.services.rateLimiter;
    const bucket = limiter.bucketFor(ex.method, ex.parts);
    if (!bucket || bucket.limit === null) {
        return undefined;
    }
    const limited = { name: bucket.name, limit: bucket.limit };
    return how === "take" ? limiter.take(limited, credentialOf(ex.req)) : limiter.peek(limited, credentialOf(ex.req));
}

export function setRateLimitHeaders(res: ServerResponse, verdict: RateLimitVerdict): void {
    res.setHeader("X-Rate-Limit-Limit", String(verdict.limit));
    res.setHeader("X-Rate-Limit-Remaining", String(verdict.remaining));
    res.setHeader("X-Rate-Limit-Reset", String(verdict.reset));
}

/** The credential a request presents (scheme removed), to count it against its token's share of a bucket. */
function credentialOf(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (!header) {
        return undefined;
    }
    const space = header.indexOf(" ");
    return space < 0 ? header : header.slice(space + 1).trim();
}
