import { setTimeout as sleep } from "node:timers/promises";
import { nextPollDelay, type PacingOptions } from "./pacing";
import type { PollResult } from "./types";

export interface WatchOptions {
    /** Where to resume (a poll's cursor); without one, watching starts when iteration starts (or at `since`). */
    cursor?: string;
    /** Shortest time between polls in ms (default 5,000); longer when the rate limit runs low. */
    intervalMs?: number;
    /** Share of each rate-limit bucket left to everything else (default 0.5). */
    reserveShare?: number;
    /** Stops the watch (the iterator ends; a wait in progress is cut short). */
    signal?: AbortSignal;
    /**
     * Called with the new cursor after every item of a poll has been consumed, i.e. when the loop body has handled
     * them all. Storing it there and resuming from it after a restart delivers nothing twice and loses nothing.
     */
    onCursor?: (cursor: string) => void | Promise<void>;
}

/**
 * Polls until stopped and yields each item once. Polls back to back while a poll says more are waiting; otherwise
 * waits the interval, stretched by the rate limit (see `nextPollDelay`).
 */
export async function* watch<T>(
    poll: (cursor: string | undefined) => Promise<PollResult<T>>,
    options: WatchOptions = {},
): AsyncGenerator<T, void, undefined> {
    const pacing: PacingOptions = { intervalMs: options.intervalMs ?? 5000, reserveShare: options.reserveShare };
    let cursor = options.cursor;
    while (!options.signal?.aborted) {
        const result = await poll(cursor);
        for (const item of result.items) {
            yield item;
        }
        cursor = result.cursor;
        await options.onCursor?.(cursor);
        const delay = result.more ? 0 : nextPollDelay(result.rateLimit, pacing);
        if (!(await pause(delay, options.signal))) {
            return;
        }
    }
}

/** False when stopped during the pause. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) {
        return false;
    }
    if (ms <= 0) {
        return true;
    }
    try {
        await sleep(ms, undefined, { signal });
        return true;
    } catch (err) {
        if ((err as Error).name === "AbortError") {
            return false;
        }
        throw err;
    }
}
