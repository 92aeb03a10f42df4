import type { ServerResponse } from "node:http";
import { sendJson, type RouteResult } from "../../platform/http";
import type { RequestOutcome } from "../counters";
import type { Exchange, Next, Reply } from "../exchange";

/**
 * Sends the reply the inner steps made, or closes the connection without one (a dropped or lost response); notes the
 * outcome (the HTTP parser's status when it refused the body) and writes the request's log line.
 */
export async function respond(ex: Exchange, next: Next): Promise<Reply> {
    try {
        const reply = await next();
        ex.outcome = deliver(ex, reply);
        return reply;
    } finally {
        ex.outcome = ex.services.refusedStatus(ex.req) ?? ex.outcome;
        ex.services.log?.(`${ex.method} ${ex.url.pathname}${ex.url.search} ${ex.outcome} ${ex.requestId}`);
    }
}

/** Sends a reply, or closes the connection without one; returns the outcome. */
export function deliver(ex: Exchange, reply: Reply): RequestOutcome {
    if (reply === "aborted") {
        return "aborted";
    }
    if (reply === "dropped" || ex.fault === "lose") {
        // A lost response: the request was handled (the change is applied), the answer never arrives.
        ex.req.socket.destroy();
        return "dropped";
    }
    sendResult(ex.res, reply);
    return reply.status;
}

/** Sends a route result: JSON, or a text body when the route gave a string with its own Content-Type. */
function sendResult(res: ServerResponse, result: RouteResult): void {
    if (typeof result.body === "string" && result.headers?.["Content-Type"]) {
        for (const [name, value] of Object.entries(result.headers)) {
            res.setHeader(name, value);
        }
        res.statusCode = result.status;
        res.setHeader("Content-Length", Buffer.byteLength(result.body));
        res.end(result.body);
        return;
    }
    sendJson(res, result);
}
