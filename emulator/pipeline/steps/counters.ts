import type { Exchange, Next, Reply } from "../exchange";

/** Counts the request by route template, and how it ended (docs/emulator.md; `GET /__emulator/stats`). */
export async function counters(ex: Exchange, next: Next): Promise<Reply> {
    ex.services.counters.countRequest(ex.method, ex.template);
    try {
        return await next();
    } finally {
        ex.services.counters.countOutcome(ex.outcome);
    }
}
