import type { OktaClient } from "../../core/client";

/**
 * Coalesced reads of collections such as a group's members or an application's assignments.
 *
 * A refresh asks for every membership (or assignment) separately, and Pulumi runs those reads concurrently in one
 * provider process. Asking Okta about each costs one call per resource and burns the rate limit. Here, the first read
 * of a collection is answered by its own cheap call; as soon as a second read of the same collection arrives, the whole
 * collection is listed once (page by page) and every pending and later read is answered from that listing. A listing
 * is reused for `maxAgeMs` and dropped as soon as this process changes the collection. While a refresh of many
 * collections is under way (two others listed moments ago), the first read of a collection lists it at once.
 */
/** Other collections listed moments ago that make a first read list its own collection at once. */
const BULK_LISTINGS = 2;

export class CollectionReads<T> {
    private readonly orgs = new WeakMap<OktaClient, Map<string, CollectionState<T>>>();

    constructor(
        /** Lists the whole collection `key`: item id -> item. */
        private readonly list: (client: OktaClient, key: string) => Promise<Map<string, T>>,
        private readonly maxAgeMs = 120_000,
        private readonly now: () => number = Date.now,
    ) {}

    /**
     * The item `id` of collection `key`, or `undefined` when it is not in the collection. `single` answers one read
     * on its own (e.g. a GET of that one item).
     */
    async find(client: OktaClient, key: string, id: string, single: () => Promise<T | undefined>): Promise<T | undefined> {
        const state = this.state(client, key);
        if (!state.listing) {
            state.reads++;
            if (state.reads === 1 && !this.bulkUnderWay(client, key)) {
                return single();
            }
            state.listing = this.startListing(client, key, state);
        }
        return (await state.listing).get(id);
    }

    /** The whole collection, listed now or reused from a fresh listing. */
    async all(client: OktaClient, key: string): Promise<Map<string, T>> {
        const state = this.state(client, key);
        state.listing ??= this.startListing(client, key, state);
        return state.listing;
    }

    /** Forgets what is known of `key`, after this process changed it. */
    invalidate(client: OktaClient, key: string): void {
        this.orgs.get(client)?.delete(key);
    }

    /**
     * Whether other collections were listed moments ago: a refresh of many collections (the memberships of a hundred
     * groups) is under way, and the first read of this one will have followers too, so it lists at once instead of
     * spending a call on its own answer first.
     */
    private bulkUnderWay(client: OktaClient, key: string): boolean {
        let listed = 0;
        for (const [other, state] of this.orgs.get(client) ?? []) {
            if (other !== key && state.listing && this.now() - state.since <= this.maxAgeMs && ++listed >= BULK_LISTINGS) {
                return true;
            }
        }
        return false;
    }

    private state(client: OktaClient, key: string): CollectionState<T> {
        let org = this.orgs.get(client);
        if (!org) {
            org = new Map();
            this.orgs.set(client, org);
        }
        let state = org.get(key);
        if (!state || this.now() - state.since > this.maxAgeMs) {
            state = { since: this.now(), reads: 0 };
            org.set(key, state);
        }
        return state;
    }

    private startListing(client: OktaClient, key: string, state: CollectionState<T>): Promise<Map<string, T>> {
        const listing = this.list(client, key);
        // A failed listing is not cached: the next read tries again.
        listing.catch(() => {
            if (state.listing === listing) {
                state.listing = undefined;
                state.reads = 0;
            }
        });
        state.since = this.now();
        return listing;
    }
}

interface CollectionState<T> {
    /** When the reads counted here started, or when the listing was started. */
    since: number;
    reads: number;
    listing?: Promise<Map<string, T>>;
}
