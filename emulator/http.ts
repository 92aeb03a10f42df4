import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./auth";
import { malformedBody, OktaHttpError, payloadTooLarge, unsupportedMediaType } from "./errors";

/** Largest JSON body the emulator reads; larger ones get a 413 instead of exhausting memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a route handler sees of one request. */
export interface RequestContext {
    readonly method: string;
    /** Decoded path parameters, e.g. `{ groupId: "00g..." }`. */
    readonly params: Record<string, string>;
    readonly query: URLSearchParams;
    readonly url: URL;
    readonly headers: IncomingMessage["headers"];
    /** Base URL of the emulated org, e.g. `http://127.0.0.1:4010`. */
    readonly baseUrl: string;
    readonly requestId: string;
    /** The request body as received (empty when there is none); parse it with `jsonBody`. */
    readonly rawBody: Buffer;
    /** Who made the request (API token or OAuth client, with its scopes); unset outside `/api/`. */
    readonly principal?: Principal;
}

/** What a route handler returns: a status, an optional JSON body and extra headers. */
export interface RouteResult {
    status: number;
    body?: unknown;
    headers?: Record<string, string | string[]>;
}

export const ok = (body: unknown, headers?: RouteResult["headers"]): RouteResult => ({ status: 200, body, headers });
export const noContent = (): RouteResult => ({ status: 204 });

/**
 * The client went away before its whole body arrived: nobody is left to answer, and it is not the emulator's failure
 * (counted as `aborted`, docs/emulator.md#aborted-requests).
 */
export class RequestAborted extends Error {
    constructor() {
        super("the client closed the connection before sending the whole request body");
    }
}

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

export function sendJson(res: ServerResponse, result: RouteResult): void {
    for (const [name, value] of Object.entries(result.headers ?? {})) {
        res.setHeader(name, value);
    }
    if (result.status === 204 || result.body === undefined) {
        res.statusCode = result.status;
        res.end();
        return;
    }
    const payload = JSON.stringify(result.body);
    res.statusCode = result.status;
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Content-Length", Buffer.byteLength(payload));
    res.end(payload);
}
