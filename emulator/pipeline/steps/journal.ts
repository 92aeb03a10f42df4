import type { Exchange, Next, Reply } from "../exchange";

/** Records the request as received when the journal is on (`/__emulator/requests`), then how it ended. */
export async function journal(ex: Exchange, next: Next): Promise<Reply> {
    const { method, url, requestId, template } = ex;
    ex.entry = ex.services.journal.record({ requestId, method, path: url.pathname + url.search, template }, ex.req.headers);
    try {
        return await next();
    } finally {
        if (ex.entry) {
            ex.entry.outcome = ex.outcome;
        }
    }
}
