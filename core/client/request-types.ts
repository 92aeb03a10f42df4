import type { MultipartBody } from "./body";
import type { RetryOptions } from "./retry";

/**
 * The shapes of a request and its response, apart from the modules that send them, so that the executor, pagination,
 * authentication and raw requests can name them without importing each other (no import cycle).
 */

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export type ResponseType = "json" | "text" | "binary";

export interface OktaResponse<T> {
    status: number;
    body: T;
    headers: Record<string, string | string[] | undefined>;
    requestId?: string;
    links: Map<string, string>;
    /** Attempts made (1 when nothing was retried). */
    attempts: number;
    /** True when a lost create was found by the request's probe instead of being sent again. */
    probed?: boolean;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";

export interface OktaRequest<T = unknown> {
    method: HttpMethod;
    /** Path on the org, starting with `/` (from the typed API in core/okta); or an absolute URL on the org (from a Link). */
    path: string;
    query?: Query;
    /** Sent as JSON (a string or Buffer as is). POST and PUT without a body send `Content-Length: 0`, as Okta requires. */
    body?: unknown;
    /** A multipart/form-data body instead of JSON. */
    multipart?: MultipartBody;
    headers?: Record<string, string>;
    /** How to read a successful response: parsed JSON (default), text, or bytes. */
    responseType?: ResponseType;
    /** A POST that is safe to repeat (lifecycle operations) may declare so, to be retried like a PUT. */
    idempotent?: boolean;
    /**
     * For creating POSTs: looks the object up (e.g. a user by login) and returns it if it exists. When an attempt fails
     * in a way that may have created it, the probe runs before sending again, so no duplicate is made.
     */
    probe?: () => Promise<T | undefined>;
    /** Time budget of each attempt, in ms. */
    timeoutMs?: number;
    /** Time budget of the whole request (waits, retries and probes included), in ms. */
    deadlineMs?: number;
    retry?: RetryOptions;
}
