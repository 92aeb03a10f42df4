/** One entry of Okta's `errorCauses`. */
export interface OktaErrorCause {
    errorSummary: string;
    reason?: string;
    location?: string;
    locationType?: string;
    domain?: string;
}

/** Everything known about a failed Okta API call. */
export interface OktaApiErrorDetails {
    status: number;
    method: string;
    /** Path and query of the request (never a token). */
    path: string;
    errorCode?: string;
    errorSummary?: string;
    errorCauses?: OktaErrorCause[];
    errorId?: string;
    /** Okta's `X-Okta-Request-Id`, to quote to Okta support and to find the call in the System Log. */
    requestId?: string;
    /** Attempts made, retries included (1 when the request was not retried). */
    attempts?: number;
    /** The scope(s) an OAuth token lacked, from a 403 `insufficient_scope` challenge. */
    requiredScope?: string;
}
