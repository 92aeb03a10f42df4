import { request as undiciRequest, type Dispatcher } from "undici";

/** One HTTP exchange, exactly as sent: no retries, no pacing, no interpretation of the status. */
export interface Attempt {
    url: URL;
    method: string;
    headers: Record<string, string>;
    body?: string | Buffer;
    /** The attempt's own time budget, headers and body included. */
    timeoutMs: number;
    /** Local epoch ms after which the whole request must have ended; shortens the attempt's budget. */
    deadline?: number;
}

export interface AttemptResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
}

/** An attempt that got no complete HTTP answer. */
export class AttemptFailedError extends Error {
    constructor(
        override readonly cause: Error,
        /** The attempt ran out of time (its own timeout, or the request's deadline). */
        readonly timedOut: boolean,
        /** The connection failed before the request was written: the server cannot have acted on it. */
        readonly beforeSending: boolean,
        /** The answer itself cannot be read (e.g. headers over the size limit): sending again gets the same answer. */
        readonly permanent = false,
    ) {
        super(timedOut ? "timed out" : cause.message);
    }
}

/** Errors raised before any byte of the request could reach the server. */
const CONNECT_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/** Errors about the answer's size or form, which the same request would meet again. */
const UNREADABLE_RESPONSE_ERRORS = new Set(["UND_ERR_HEADERS_OVERFLOW", "UND_ERR_RES_EXCEEDED_MAX_SIZE"]);

export async function sendAttempt(dispatcher: Dispatcher, attempt: Attempt): Promise<AttemptResponse> {
    const budget = Math.max(1, Math.min(attempt.timeoutMs, (attempt.deadline ?? Infinity) - Date.now()));
    const signal = AbortSignal.timeout(budget);
    try {
        const response = await undiciRequest(attempt.url, {
            method: attempt.method as Dispatcher.HttpMethod,
            headers: attempt.headers,
            body: attempt.body,
            dispatcher,
            signal,
            // The signal bounds the whole attempt; undici's own inactivity timers only need to stay out of its way.
            headersTimeout: budget + 1000,
            bodyTimeout: budget + 1000,
        });
        const body = Buffer.from(await response.body.arrayBuffer());
        return { status: response.statusCode, headers: response.headers, body };
    } catch (err) {
        const error = err as Error & { code?: string };
        const timedOut = signal.aborted;
        const code = error.code ?? "";
        throw new AttemptFailedError(error, timedOut, !timedOut && CONNECT_ERRORS.has(code), !timedOut && UNREADABLE_RESPONSE_ERRORS.has(code));
    }
}
