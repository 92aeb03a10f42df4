import { internalError } from "../../platform/errors";
import { SAFE_METHODS, type Exchange, type Next, type Reply } from "../exchange";

/** A change is answered once it is on disk (`--data-file`); reads are answered at once. */
export async function persistence(ex: Exchange, next: Next): Promise<Reply> {
    const reply = await next();
    return ex.handled && !SAFE_METHODS.has(ex.method) ? whenSaved(ex, reply) : reply;
}

/**
 * The reply once the org, with this request's change, is on disk (docs/emulator.md#durable-writes). When the save
 * fails the change is only in memory, so the client gets a 500 rather than an acknowledgement.
 */
export async function whenSaved(ex: Exchange, reply: Reply): Promise<Reply> {
    const dataFile = ex.services.dataFile;
    if (!dataFile) {
        return reply;
    }
    try {
        await dataFile.commit();
        return reply;
    } catch {
        return reply === "aborted" || reply === "dropped" ? reply : internalError().toResult();
    }
}
