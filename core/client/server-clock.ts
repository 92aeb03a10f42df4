/**
 * Okta's clock as seen from here. X-Rate-Limit-Reset is in the server's epoch seconds; waiting for it by the local
 * clock would be off by the skew between the two. Each response's `Date` gives a sample of the offset (server minus
 * local). `Date` is truncated to whole seconds and read after the network delay, so every sample is at most the true
 * offset: the largest recent sample is the best estimate, and converting with it never wakes us up early.
 */
export class ServerClock {
    private readonly samples: number[] = [];
    private next = 0;

    constructor(
        private readonly now: () => number = Date.now,
        private readonly size = 32,
    ) {}

    /** Records the `Date` header of a response received just now. */
    observe(dateHeader: string | undefined): void {
        const serverTime = dateHeader === undefined ? NaN : Date.parse(dateHeader);
        if (Number.isNaN(serverTime)) {
            return;
        }
        this.samples[this.next] = serverTime - this.now();
        this.next = (this.next + 1) % this.size;
    }

    /** Estimated server time minus local time, in ms; 0 before any sample. */
    get offsetMs(): number {
        return this.samples.length === 0 ? 0 : Math.max(...this.samples);
    }

    /** The local time at which the server's clock reads `serverEpochMs`. */
    toLocal(serverEpochMs: number): number {
        return serverEpochMs - this.offsetMs;
    }
}
