import type { OktaResponse } from "../client";

/** A bucket's state as the last response reported it, with times on the local clock. */
export interface RateLimitState {
    limit: number;
    remaining: number;
    /** When the bucket's window resets, in local epoch milliseconds (Okta's reset corrected by its `Date`). */
    resetAtMs: number;
}

/** Reads `X-Rate-Limit-*`; Okta's reset is in server epoch seconds, so it is shifted by the server's `Date`. */
export function rateLimitOf(response: Pick<OktaResponse<unknown>, "headers">, now = Date.now()): RateLimitState | undefined {
    const limit = numberHeader(response.headers["x-rate-limit-limit"]);
    const remaining = numberHeader(response.headers["x-rate-limit-remaining"]);
    const reset = numberHeader(response.headers["x-rate-limit-reset"]);
    if (limit === undefined || remaining === undefined || reset === undefined) {
        return undefined;
    }
    const serverNow = serverTimeOf(response) ?? now;
    return { limit, remaining, resetAtMs: now + Math.max(0, reset * 1000 - serverNow) };
}

/** The server's clock from `Date` (whole seconds), in epoch ms. */
export function serverTimeOf(response: Pick<OktaResponse<unknown>, "headers">): number | undefined {
    const value = response.headers.date;
    const text = Array.isArray(value) ? value[0] : value;
    const time = text === undefined ? NaN : Date.parse(text);
    return Number.isNaN(time) ? undefined : time;
}

export interface PacingOptions {
    /** Shortest time between polls. */
    intervalMs: number;
    /**
     * Share of each bucket a watcher leaves to everything else (default 0.5): below it the watcher waits for the
     * window to reset; above it, it spreads its polls over what is left of the window.
     */
    reserveShare?: number;
}

/**
 * How long to wait before the next poll: at least the interval; longer when the bucket is running low, so a watcher
 * never drains the rate limit that resources and other integrations share.
 */
export function nextPollDelay(state: RateLimitState | undefined, options: PacingOptions, now = Date.now()): number {
    if (state === undefined || state.limit <= 0) {
        return options.intervalMs;
    }
    const reserve = Math.ceil(state.limit * (options.reserveShare ?? 0.5));
    const untilReset = Math.max(0, state.resetAtMs - now);
    const spendable = state.remaining - reserve;
    if (spendable <= 0) {
        return Math.max(options.intervalMs, untilReset);
    }
    return Math.max(options.intervalMs, Math.ceil(untilReset / spendable));
}

function numberHeader(value: string | string[] | undefined): number | undefined {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined || text.trim() === "") {
        return undefined;
    }
    const number = Number(text);
    return Number.isFinite(number) ? number : undefined;
}
