import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./principal";

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
