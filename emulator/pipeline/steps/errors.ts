import type { IncomingMessage } from "node:http";
import { internalError, OktaHttpError } from "../../platform/errors";
import { RequestAborted } from "../../platform/http";
import { readBody } from "../../platform/body";
import type { Exchange, Next, Reply } from "../exchange";
import type { JournalEntry } from "../journal";

/** Turns what the inner steps throw into Okta's error answer (docs/okta/errors.md), or no answer for a client gone. */
export async function errors(ex: Exchange, next: Next): Promise<Reply> {
    try {
        return await next();
    } catch (err) {
        return errorReply(ex, err);
    }
}

/** The answer to a thrown error: Okta's error body, a 500 for anything unexpected, nothing when the client left. */
export async function errorReply(ex: Exchange, err: unknown): Promise<Reply> {
    if (err instanceof RequestAborted) {
        return "aborted";
    }
    const error = err instanceof OktaHttpError ? err : unexpected(ex, err);
    if (ex.entry && ex.entry.body === undefined) {
        await journalBody(ex.req, ex.entry);
    }
    return error.toResult();
}

function unexpected(ex: Exchange, err: unknown): OktaHttpError {
    ex.services.log?.(`internal error: ${(err as Error).stack ?? String(err)}`);
    return internalError();
}

/** A refused request's body was never read; the journal still shows what the client sent. */
async function journalBody(req: IncomingMessage, entry: JournalEntry): Promise<void> {
    try {
        const body = await readBody(req);
        if (body.length > 0) {
            entry.body = body.toString("base64");
        }
    } catch {
        // Too large or the connection broke: the entry keeps no body.
    }
}
