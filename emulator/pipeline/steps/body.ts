import { readBody } from "../../platform/body";
import type { Exchange, Next, Reply } from "../exchange";

/**
 * Reads the request's body (413 past the emulator's bound) and journals it. No 411 for a POST or PUT without a
 * length: Okta accepts body-less calls (docs/okta/http.md#length-required). Routes decode it (their input.ts).
 */
export async function body(ex: Exchange, next: Next): Promise<Reply> {
    ex.rawBody = await readBody(ex.req);
    if (ex.entry && ex.rawBody.length > 0) {
        ex.entry.body = ex.rawBody.toString("base64");
    }
    return next();
}
