import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { invalidRequest, malformedBody, type OktaHttpError } from "./errors";
import { newRequestId } from "./request-id";

/**
 * Requests Node's HTTP parser refuses before any route sees them (docs/emulator.md#requests-the-http-parser-refuses):
 * they get Okta's error body instead of Node's empty 400, written straight to the socket, which is then closed.
 */

/** An error of Node's HTTP parser (llhttp) or of the connection, as the server's `clientError` event gives it. */
export interface ClientError extends Error {
    code?: string;
    /** llhttp's short description, e.g. "Duplicate Content-Length". */
    reason?: string;
}

/** Parser errors about the framing of the body: how long it is and how it is chunked. */
const BODY_FRAMING = new Set([
    "HPE_INVALID_CHUNK_SIZE",
    "HPE_CHUNK_EXTENSIONS_OVERFLOW",
    "HPE_INVALID_CONTENT_LENGTH",
    "HPE_UNEXPECTED_CONTENT_LENGTH",
    "HPE_INVALID_TRANSFER_ENCODING",
]);

/** Not a broken request: the client closed the connection in the middle of one (an aborted request). */
const CLIENT_LEFT = new Set(["HPE_INVALID_EOF_STATE", "ECONNRESET", "EPIPE"]);

/** The Okta error to answer a refused request with; undefined when there is nobody to answer (the client left). */
export function refusalOf(err: ClientError, maxHeaderSize: number): OktaHttpError | undefined {
    const code = err.code ?? "";
    const detail = err.reason ?? err.message;
    if (CLIENT_LEFT.has(code)) {
        return undefined;
    }
    if (code === "HPE_HEADER_OVERFLOW") {
        // Node counts the request line (path and query) and the headers against one limit.
        return invalidRequest(`the request line and headers exceed ${maxHeaderSize} bytes`, 431);
    }
    if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
        return invalidRequest("the request did not arrive in time", 408);
    }
    if (BODY_FRAMING.has(code)) {
        return malformedBody(detail);
    }
    if (code.startsWith("HPE_")) {
        return invalidRequest(detail);
    }
    return undefined;
}

/** A complete HTTP/1.1 response carrying the error, for a socket that has no ServerResponse. */
export function rawErrorResponse(error: OktaHttpError): string {
    const body = JSON.stringify(error.body());
    return (
        `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? "Error"}\r\n` +
        `Content-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Okta-Request-Id: ${newRequestId()}\r\n` +
        `Date: ${new Date().toUTCString()}\r\n` +
        `Connection: close\r\n\r\n` +
        body
    );
}

/** How long a refused connection may stay half-open so the client reads the answer before the socket is closed. */
const LINGER_MS = 2_000;

/**
 * Writes the answer and closes our side. The socket is destroyed once the client has closed its side, or after a
 * short linger: closing at once with unread input would reset the connection and could discard the answer.
 */
export function answerAndClose(socket: Socket, response: string): void {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
    socket.once("close", () => clearTimeout(timer));
    socket.end(response);
}
