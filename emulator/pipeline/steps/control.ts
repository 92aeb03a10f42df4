import { readBody } from "../../platform/body";
import { CONTROL_PREFIX } from "../control";
import { SAFE_METHODS, type Exchange, type Next, type Reply } from "../exchange";
import { errorReply } from "./errors";
import { whenSaved } from "./persistence";
import { deliver } from "./respond";

/**
 * Control API requests (`/__emulator/`, docs/emulator.md) are answered here: they are not counted, journalled, faulted
 * or rate limited, and need no Okta credential. An org reset is answered once the reset org is on disk, like any change.
 */
export async function control(ex: Exchange, next: Next): Promise<Reply> {
    if (!ex.url.pathname.startsWith(CONTROL_PREFIX)) {
        return next();
    }
    let reply: Reply;
    try {
        reply = await ex.services.control.handle({
            method: ex.method,
            query: ex.url.searchParams,
            url: ex.url,
            headers: ex.req.headers,
            baseUrl: ex.services.baseUrl(),
            requestId: ex.requestId,
            rawBody: await readBody(ex.req),
        });
    } catch (err) {
        reply = await errorReply(ex, err);
    }
    if (reply !== "aborted") {
        deliver(ex, SAFE_METHODS.has(ex.method) ? reply : await whenSaved(ex, reply));
    }
    return reply;
}
