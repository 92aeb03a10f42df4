import type { IncomingMessage } from "node:http";
import { malformedBody, OktaHttpError, payloadTooLarge, unsupportedMediaType } from "./errors";
import { RequestAborted, type RequestContext } from "./http";

/** Largest JSON body the emulator reads; larger ones get a 413 instead of exhausting memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body, refusing more than MAX_BODY_BYTES. Throws RequestAborted when the client goes away. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
        throw payloadTooLarge(MAX_BODY_BYTES);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
        for await (const chunk of req) {
            size += (chunk as Buffer).length;
            if (size > MAX_BODY_BYTES) {
                throw payloadTooLarge(MAX_BODY_BYTES);
            }
            chunks.push(chunk as Buffer);
        }
    } catch (err) {
        if (!(err instanceof OktaHttpError) && !req.complete) {
            throw new RequestAborted();
        }
        throw err;
    }
    return Buffer.concat(chunks);
}

/** Parses the JSON body as an object, with Okta's E0000003 for anything else. */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
    if (ctx.rawBody.length === 0) {
        throw malformedBody("The request body is empty");
    }
    const contentType = String(ctx.headers["content-type"] ?? "");
    if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
        throw unsupportedMediaType();
    }
    const text = decodeUtf8(ctx.rawBody);
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw malformedBody((err as Error).message);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw malformedBody("The request body must be a JSON object");
    }
    return parsed as Record<string, unknown>;
}

/** Refuses bytes that are not UTF-8 instead of replacing them with U+FFFD (docs/emulator.md#text-in-bodies). */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(body: Buffer): string {
    try {
        return STRICT_UTF8.decode(body);
    } catch {
        throw malformedBody("The request body is not valid UTF-8");
    }
}
