import type { OktaClient } from "../client";

/**
 * Read-ahead for a refresh of many objects of one kind (users, groups): docs/okta/users.md#read-ahead.
 *
 * Pulumi reads each resource separately and at most `--parallel` at a time, so even batched reads of users cost one
 * call per few resources. Once a process has been asked for `threshold` objects of the kind, the whole org's listing
 * is walked page by page in the background, and every later read of an object it has listed is answered from it. A
 * read of an object not listed (yet, or at all: a plain users listing leaves DEPROVISIONED users out) is the caller's
 * own read, exactly as without read-ahead: the listing only ever saves calls, it never decides that something is gone.
 *
 * Its cost is bounded by the reads it serves: the walk pauses when it has fetched `pagesPerRead` pages per read asked
 * so far, and goes on when more reads have been asked, so a small stack in a big org stops listing early instead of
 * reading the whole org, while a big stack whose objects come late in the org's listing (after thousands it does not
 * manage) still reaches them. A listing is forgotten after `maxIdleMs` without reads, and an object as soon as this
 * process writes it.
 */

export interface ReadAheadOptions {
    /** Reads of the kind in one process before the org's listing is walked. */
    threshold: number;
    /** The most pages the walk may fetch per read asked so far (default a page per four reads). */
    pagesPerRead?: number;
    /** A listing nobody read from for this long is dropped, and reads are counted afresh (default a minute). */
    maxIdleMs?: number;
}

/** Walks the org's listing of the kind: each page's objects, in order. */
export type ListingWalk<T> = (client: OktaClient) => AsyncIterable<T[]>;

/** The walk of a plain listing (`path`, no query), `pageSize` a page. */
export function plainListing<T>(path: string, pageSize: number): ListingWalk<T> {
    return async function* (client) {
        for await (const page of client.pages<T>(path, {}, { limit: pageSize })) {
            yield page.items;
        }
    };
}

interface OrgReadAhead<T> {
    reads: number;
    lastRead: number;
    /** Set while the listing is walked or once it was: what it has listed so far. */
    listed?: Map<string, T>;
    /** Written by this process since the walk began: a page fetched before the write must not bring them back. */
    written: Set<string>;
    pages: number;
    /** The org's listing, page by page, from where the walk paused. */
    remaining?: AsyncIterator<T[]>;
    /** The walk's current stretch: ends when it pauses for more reads or ends. */
    walk?: Promise<void>;
    walking: boolean;
    /** The listing was walked to its end, or a page failed. */
    ended: boolean;
}

export class ReadAhead<T extends { id: string }> {
    private readonly orgs = new WeakMap<OktaClient, OrgReadAhead<T>>();

    private readonly threshold: number;
    private readonly pagesPerRead: number;
    private readonly maxIdleMs: number;

    constructor(
        private readonly walk: ListingWalk<T>,
        options: ReadAheadOptions,
        private readonly now: () => number = Date.now,
    ) {
        this.threshold = options.threshold;
        this.pagesPerRead = options.pagesPerRead ?? 0.25;
        this.maxIdleMs = options.maxIdleMs ?? 60_000;
    }

    /** The object `id` as the listing shows it, or `undefined`: then the caller reads it itself. Counts the read. */
    lookup(client: OktaClient, id: string): T | undefined {
        const state = this.state(client);
        state.reads++;
        state.lastRead = this.now();
        if (!state.listed && state.reads >= this.threshold) {
            state.listed = new Map();
            state.remaining = this.walk(client)[Symbol.asyncIterator]();
        }
        if (state.listed && !state.walking && !state.ended && this.paysForAPage(state)) {
            state.walk = this.walkOn(client, state);
        }
        return state.listed?.get(id);
    }

    /** Forgets what the listing showed of `id`, after this process changed or deleted it. */
    forget(client: OktaClient, id: string): void {
        const state = this.orgs.get(client);
        state?.listed?.delete(id);
        state?.written.add(id);
    }

    /** How many pages the current walk fetched, once it paused or ended (for tests and benchmarks). */
    async pagesWalked(client: OktaClient): Promise<number> {
        const state = this.orgs.get(client);
        await state?.walk;
        return state?.pages ?? 0;
    }

    private state(client: OktaClient): OrgReadAhead<T> {
        let state = this.orgs.get(client);
        if (!state || this.now() - state.lastRead > this.maxIdleMs) {
            state = { reads: 0, lastRead: this.now(), pages: 0, written: new Set(), walking: false, ended: false };
            this.orgs.set(client, state);
        }
        return state;
    }

    private paysForAPage(state: OrgReadAhead<T>): boolean {
        return state.pages < state.reads * this.pagesPerRead;
    }

    /** Walks on while the reads asked so far pay for more pages. */
    private async walkOn(client: OktaClient, state: OrgReadAhead<T>): Promise<void> {
        state.walking = true;
        try {
            while (this.paysForAPage(state)) {
                const next = await state.remaining!.next();
                if (next.done || this.orgs.get(client) !== state) {
                    state.ended = true; // listed to the end, or dropped for idleness while walking
                    return;
                }
                for (const item of next.value) {
                    if (!state.written.has(item.id)) {
                        state.listed!.set(item.id, item);
                    }
                }
                state.pages++;
            }
        } catch {
            // A failed page ends the walk: what was listed still answers, the rest is read one by one as before.
            state.ended = true;
        } finally {
            state.walking = false;
        }
    }
}
