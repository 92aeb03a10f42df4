/**
 * When a failed attempt is tried again, and after how long.
 *
 * Retried: 429, 5xx except 501 (not implemented is permanent), network errors and timeouts. Only requests that are
 * safe to repeat are retried on anything but a 429: GET, PUT and DELETE, and POSTs that declare themselves idempotent
 * (lifecycle operations). A creating POST is retried only when Okta refused it unprocessed (429), or when the caller
 * gave a probe that looks for the object first, so a response lost after a successful create makes no duplicate.
 */

export interface RetryOptions {
    /** Retries after errors (the first attempt not counted). 0 turns retries off. */
    maxRetries?: number;
    /** Exponential backoff: `baseDelayMs × 2^(retry−1)`, capped at `maxDelayMs`, with jitter. */
    exponential?: boolean;
    baseDelayMs?: number;
    maxDelayMs?: number;
    /** The delay between retries when `exponential` is false. */
    fixedDelayMs?: number;
    /** Retry every error response (3xx/4xx included), not only 429, 5xx and network errors. */
    retryOnAllErrors?: boolean;
    /** Waits for a rate-limit window to reset (429), counted apart from `maxRetries`. */
    maxRateLimitWaits?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
    maxRetries: 8,
    exponential: true,
    baseDelayMs: 250,
    maxDelayMs: 15_000,
    fixedDelayMs: 0,
    retryOnAllErrors: false,
    maxRateLimitWaits: 20,
};

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** What went wrong with one attempt. */
export type AttemptFailure =
    | { kind: "status"; status: number; concurrency: boolean }
    | { kind: "network"; timedOut: boolean; beforeSending: boolean; permanent?: boolean };

/** Statuses worth another attempt: Okta refused for load (429) or failed on its side (5xx but 501). */
function isTransientStatus(status: number): boolean {
    return status === 429 || (status >= 500 && status !== 501);
}

export function isIdempotent(method: string, declared?: boolean): boolean {
    return declared ?? IDEMPOTENT_METHODS.has(method);
}

/** Whether the failure may be retried at all, regardless of the method. */
export function isRetryable(failure: AttemptFailure, options: Required<RetryOptions>): boolean {
    if (failure.kind === "network") {
        return !failure.permanent;
    }
    return isTransientStatus(failure.status) || (options.retryOnAllErrors && failure.status >= 300);
}

/**
 * Whether Okta certainly did not act on the request, so that even a creating POST may be sent again: a 429 (refused
 * before processing) or a connection that failed before the request was written.
 */
export function certainlyNotApplied(failure: AttemptFailure): boolean {
    return failure.kind === "status" ? failure.status === 429 : failure.beforeSending;
}

/** The delay before retry number `retry` (1-based), with "equal jitter": half fixed, half random. */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random: () => number = Math.random): number {
    if (!options.exponential) {
        return options.fixedDelayMs;
    }
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
    return ceiling / 2 + random() * (ceiling / 2);
}

export function retryOptions(...layers: (RetryOptions | undefined)[]): Required<RetryOptions> {
    const merged = { ...DEFAULT_RETRY };
    for (const layer of layers) {
        for (const [key, value] of Object.entries(layer ?? {})) {
            if (value !== undefined) {
                (merged as Record<string, unknown>)[key] = value;
            }
        }
    }
    for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "fixedDelayMs", "maxRateLimitWaits"] as const) {
        if (!(Number.isFinite(merged[key]) && merged[key] >= 0)) {
            throw new Error(`retry option ${key} must be a number of at least 0, got ${merged[key]}`);
        }
    }
    return merged;
}
