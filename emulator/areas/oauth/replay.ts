/** Forget expired entries once the cache holds this many, so a long-running emulator does not grow without bound. */
const PRUNE_AT = 10_000;

/**
 * One-time identifiers (`jti` of client assertions and DPoP proofs) seen until they could no longer be accepted anyway.
 */
export class ReplayCache {
    private readonly seen = new Map<string, number>();

    constructor(private readonly now: () => number) {}

    /** Records `id` as used until `usableUntilMs`; false when it was already used. */
    claim(id: string, usableUntilMs: number): boolean {
        const until = this.seen.get(id);
        if (until !== undefined && until > this.now()) {
            return false;
        }
        if (this.seen.size >= PRUNE_AT) {
            this.prune();
        }
        this.seen.set(id, usableUntilMs);
        return true;
    }

    private prune(): void {
        const now = this.now();
        for (const [id, until] of this.seen) {
            if (until <= now) {
                this.seen.delete(id);
            }
        }
    }
}
