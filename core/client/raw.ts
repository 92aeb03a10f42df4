import { ArgumentError } from "../okta/arguments";
import { rawRequestPath } from "../okta/paths";
import type { MultipartBody } from "./body";
import type { HttpMethod, OktaRequest, OktaResponse, Query, ResponseType } from "./request-types";

/** What a raw request needs of the client: its one way to send (the client passes itself). */
export interface RequestSender {
    request<T>(request: OktaRequest<T>): Promise<OktaResponse<T>>;
}

/** A list given either as an object or as `{ key, value }` entries (so keys may repeat). */
export type KeyValues = Record<string, string | number | boolean> | { key: string; value: string | number | boolean }[];

/** The inputs of the product's "Raw Request" action, with its defaults (product spec). */
export interface RawRequestInput {
    /** Path relative to the Management API's base path, e.g. `/users` (see rawRequestPath in core/okta/paths.ts). */
    url: string;
    method: HttpMethod | Lowercase<HttpMethod>;
    /** The body payload: an object or array is sent as JSON, a string as is. */
    data?: unknown;
    /** Text fields of a multipart form upload. */
    formData?: Record<string, string>;
    /** Files of a multipart form upload, by field name. */
    fileData?: Record<string, Buffer | Uint8Array | string>;
    /** File names for the `fileData` fields; keys must match `fileData` keys. */
    fileDataFileNames?: Record<string, string>;
    queryParams?: KeyValues;
    headers?: KeyValues;
    /** json (default), text or binary. */
    responseType?: ResponseType;
    /** Time a single attempt may take, in ms. */
    timeoutMs?: number;
    /** Delay between retries when exponential backoff is off (default 0). */
    retryDelayMs?: number;
    /** Retry every error response, not only 5xx and network errors (default false). */
    retryOnAllErrors?: boolean;
    /** Retries after the first attempt; 0 (default) for none. */
    maxRetryCount?: number;
    /** Exponential backoff instead of `retryDelayMs` (default false). */
    useExponentialBackoff?: boolean;
}

export interface RawRequestResult {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    /** Parsed JSON, a string, or a Buffer, as `responseType` asked. */
    body: unknown;
    requestId?: string;
}

const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
const RESPONSE_TYPES: ResponseType[] = ["json", "text", "binary"];

/**
 * Sends a raw request through the client: same authorization, rate-limit governor and redacted logging as every
 * other call. Its retry inputs replace the default policy; since the caller asks for retries explicitly, they apply
 * to every method (with the default of 0 retries nothing is repeated).
 */
export async function rawRequest(client: RequestSender, input: RawRequestInput): Promise<RawRequestResult> {
    const method = input.method?.toUpperCase() as HttpMethod;
    if (!METHODS.includes(method)) {
        throw new ArgumentError(`raw request: method must be one of ${METHODS.join(", ")}, got '${input.method}'`);
    }
    const responseType = input.responseType ?? "json";
    if (!RESPONSE_TYPES.includes(responseType)) {
        throw new ArgumentError(`raw request: responseType must be one of ${RESPONSE_TYPES.join(", ")}, got '${responseType}'`);
    }
    const response = await client.request({
        method,
        path: rawRequestPath(input.url),
        query: queryOf(input.queryParams),
        body: input.data,
        multipart: multipartOf(input),
        headers: headersOf(input.headers),
        responseType,
        timeoutMs: input.timeoutMs,
        idempotent: true,
        retry: {
            maxRetries: input.maxRetryCount ?? 0,
            exponential: input.useExponentialBackoff ?? false,
            fixedDelayMs: input.retryDelayMs ?? 0,
            retryOnAllErrors: input.retryOnAllErrors ?? false,
        },
    });
    return { status: response.status, headers: response.headers, body: response.body, requestId: response.requestId };
}

function multipartOf(input: RawRequestInput): MultipartBody | undefined {
    const names = input.fileDataFileNames ?? {};
    const files = input.fileData ?? {};
    const strays = Object.keys(names).filter((key) => !(key in files));
    if (strays.length > 0) {
        throw new ArgumentError(`raw request: fileDataFileNames has keys with no file in fileData: ${strays.join(", ")}`);
    }
    if (input.formData === undefined && input.fileData === undefined) {
        return undefined;
    }
    if (input.data !== undefined) {
        throw new ArgumentError("raw request: give either data (JSON) or formData/fileData (multipart), not both");
    }
    return {
        fields: input.formData,
        files: Object.fromEntries(Object.entries(files).map(([key, data]) => [key, { data, filename: names[key] }])),
    };
}

function entries(list: KeyValues | undefined): [string, string][] {
    if (list === undefined) {
        return [];
    }
    return Array.isArray(list) ? list.map(({ key, value }) => [key, String(value)]) : Object.entries(list).map(([k, v]) => [k, String(v)]);
}

function queryOf(list: KeyValues | undefined): Query {
    const query: Record<string, string[]> = {};
    for (const [key, value] of entries(list)) {
        (query[key] ??= []).push(value);
    }
    return query;
}

function headersOf(list: KeyValues | undefined): Record<string, string> {
    return Object.fromEntries(entries(list));
}
