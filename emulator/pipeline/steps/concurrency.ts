import { rateLimited } from "../../platform/errors";
import type { Exchange, Next, Reply } from "../exchange";
import { errorReply } from "./errors";
import { setRateLimitHeaders } from "./rate-limits";

/**
 * Holds one of the org's concurrent-request slots until the request is answered (its save included), or refuses it
 * with a 429 when none is free (docs/okta/rate-limits.md#concurrency). Before faults, so an injected latency holds a slot.
 */
export async function concurrency(ex: Exchange, next: Next): Promise<Reply> {
    const busy = ex.services.rateLimiter.enter();
    if (busy) {
        setRateLimitHeaders(ex.res, busy);
        return errorReply(ex, rateLimited());
    }
    try {
        return await next();
    } finally {
        ex.services.rateLimiter.leave();
    }
}
