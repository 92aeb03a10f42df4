import { ArgumentError } from "../arguments";
import type { OktaClient, QueryValue } from "../client";

export const RAW_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** The product's "Raw Request": any Management API call, sent through the same client (auth, pacing, retries). */
export interface RawRequestArgs {
    /** Path relative to `/api/v1`, e.g. `/users` for `https://<org>/api/v1/users`. */
    url: string;
    method: (typeof RAW_METHODS)[number];
    /** JSON body. */
    data?: unknown;
    queryParameters?: Record<string, string>;
    headers?: Record<string, string>;
}

export interface RawResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
    requestId?: string;
}

export async function rawRequest(client: OktaClient, args: RawRequestArgs): Promise<RawResponse> {
    const method = (args.method ?? "GET").toUpperCase() as RawRequestArgs["method"];
    if (!RAW_METHODS.includes(method)) {
        throw new ArgumentError(`method must be one of ${RAW_METHODS.join(", ")} (got '${args.method}')`);
    }
    const response = await client.request({
        method,
        path: apiPath(args.url),
        query: args.queryParameters as Record<string, QueryValue> | undefined,
        body: args.data,
        headers: args.headers,
    });
    return { status: response.status, headers: response.headers, body: response.body, requestId: response.requestId };
}

/** `/users` -> `/api/v1/users`; a path that already starts with `/api/` is kept. Absolute URLs are refused. */
export function apiPath(url: string): string {
    if (typeof url !== "string" || url.trim() === "") {
        throw new ArgumentError("url is required (a path relative to /api/v1, e.g. /users)");
    }
    const path = url.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) {
        throw new ArgumentError(`url must be a path relative to /api/v1 (e.g. /users), not an absolute URL: ${path}`);
    }
    const withSlash = path.startsWith("/") ? path : `/${path}`;
    return withSlash.startsWith("/api/") ? withSlash : `/api/v1${withSlash}`;
}
