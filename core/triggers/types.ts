import type { RateLimitState } from "./pacing";

/** What one poll of a trigger returns. */
export interface PollResult<T> {
    /** Items not delivered by any earlier poll of this cursor's lineage, oldest first. */
    items: T[];
    /** Pass to the next poll; store it to resume after a restart. */
    cursor: string;
    /** True when the poll stopped at its cap and more items are already waiting. */
    more: boolean;
    /** The bucket's state after the poll, for pacing. */
    rateLimit?: RateLimitState;
}
