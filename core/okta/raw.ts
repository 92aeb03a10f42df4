import type { OktaClient, RawRequestInput, RawRequestResult } from "../client";

export type { RawRequestInput, RawRequestResult } from "../client";

/**
 * The product's "Raw Request": any Management API call (a path relative to `/api/v1`, method, query, headers, JSON or
 * multipart body, response type, timeout and its own retry options), sent by the client's raw request with the same
 * authentication, rate-limit governor and redacted logging as every other call.
 */
export function rawRequest(client: OktaClient, input: RawRequestInput): Promise<RawRequestResult> {
    return client.raw(input);
}
