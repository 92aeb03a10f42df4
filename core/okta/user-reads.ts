import { OktaApiError, type OktaClient } from "../client";
import { getUser, usersAhead, usersMatching, usersMatchingTarget } from "./users";
import type { ReadAhead } from "./read-ahead";
import type { OktaUser } from "./types";

/**
 * Batched reads of users by id (docs/okta/users.md#batched-reads).
 *
 * A refresh reads every `User` separately, and Pulumi runs those reads concurrently in one provider process. Reads that
 * arrive within `windowMs` of each other are answered together by one `GET /api/v1/users?filter=id eq "a" or id eq
 * "b" ...` (the users `filter` takes `id` with `eq`, joined by `or`, and includes DEPROVISIONED users:
 * docs/okta/filters.md#users). A read that arrives alone is a plain `GET /api/v1/users/{id}`, so a one-resource
 * refresh costs what it did. A user missing from a batch's answer gets its own GET, which tells a deleted user (404)
 * from anything else exactly as a lone read does. In a big refresh, most reads are answered by the org's listing
 * instead (read-ahead.ts).
 */

/** Okta's users listing returns at most 200 users a page (docs/okta/pagination.md#page-sizes). */
const MAX_BATCH = 200;

/**
 * The longest request target (path and query) a batch may have; a batch is cut short to stay under it
 * (docs/okta/users.md#batched-reads: why this size).
 */
export const MAX_REQUEST_TARGET = 7_500;

/** Okta user ids are alphanumeric; anything else (a login given to `pulumi import`) is read on its own. */
const BATCHABLE_ID = /^[A-Za-z0-9]+$/;

interface Waiting {
    id: string;
    resolve: (user: OktaUser) => void;
    reject: (err: unknown) => void;
}

interface OrgQueue {
    waiting: Waiting[];
    timer?: NodeJS.Timeout;
    /** Batches sent and not answered yet. */
    inFlight: number;
}

export interface UserReadsOptions {
    /** How long a read waits for others to join its batch (default 10 ms). */
    windowMs?: number;
    /** The longest request target of a batch (default MAX_REQUEST_TARGET). */
    maxTarget?: number;
    /** The org listing that answers the reads of a big refresh (default the process's; `null`: none). */
    readAhead?: ReadAhead<OktaUser> | null;
}

export class UserReads {
    private readonly orgs = new WeakMap<OktaClient, OrgQueue>();
    private readonly windowMs: number;
    private readonly maxTarget: number;
    private readonly readAhead: ReadAhead<OktaUser> | null;

    constructor(options: UserReadsOptions = {}) {
        this.windowMs = options.windowMs ?? 10;
        this.maxTarget = options.maxTarget ?? MAX_REQUEST_TARGET;
        this.readAhead = options.readAhead === undefined ? usersAhead : options.readAhead;
    }

    /** The user `id`, as `GET /api/v1/users/{id}` answers it (throws its 404 when the user is gone). */
    read(client: OktaClient, id: string): Promise<OktaUser> {
        if (!BATCHABLE_ID.test(id)) {
            return getUser(client, { id });
        }
        const listed = this.readAhead?.lookup(client, id);
        if (listed) {
            return Promise.resolve(listed);
        }
        const queue = this.queue(client);
        return new Promise<OktaUser>((resolve, reject) => {
            queue.waiting.push({ id, resolve, reject });
            if (queue.waiting.length >= MAX_BATCH) {
                this.flush(client, queue);
            } else {
                queue.timer ??= setTimeout(() => this.windowEnded(client, queue), this.windowMs);
            }
        });
    }

    private queue(client: OktaClient): OrgQueue {
        let queue = this.orgs.get(client);
        if (!queue) {
            queue = { waiting: [], inFlight: 0 };
            this.orgs.set(client, queue);
        }
        return queue;
    }

    /**
     * Reads keep arriving while a batch is out (Pulumi sends the next ones as answers come back): they wait for it
     * and go together in the next batch, instead of trickling out a few at a time.
     */
    private windowEnded(client: OktaClient, queue: OrgQueue): void {
        queue.timer = undefined;
        if (queue.inFlight === 0) {
            this.flush(client, queue);
        }
    }

    private flush(client: OktaClient, queue: OrgQueue): void {
        clearTimeout(queue.timer);
        queue.timer = undefined;
        const waiting = queue.waiting;
        queue.waiting = [];
        for (const batch of batches(waiting, this.maxTarget)) {
            queue.inFlight++;
            void this.answer(client, batch).finally(() => {
                queue.inFlight--;
                if (queue.inFlight === 0 && queue.waiting.length > 0 && queue.timer === undefined) {
                    this.flush(client, queue);
                }
            });
        }
    }

    /** Answers every read of the batch; a batch Okta refuses is split in two, down to single GETs. */
    private async answer(client: OktaClient, batch: Waiting[]): Promise<void> {
        const ids = [...new Set(batch.map((read) => read.id))];
        if (ids.length === 1) {
            return settle(batch, () => getUser(client, { id: ids[0] }));
        }
        let found: Map<string, OktaUser>;
        try {
            found = await usersById(client, ids);
        } catch (err) {
            if (err instanceof OktaApiError && isRefusedQuery(err)) {
                const half = Math.ceil(batch.length / 2);
                await Promise.all([this.answer(client, batch.slice(0, half)), this.answer(client, batch.slice(half))]);
                return;
            }
            batch.forEach((read) => read.reject(err));
            return;
        }
        await Promise.all(
            batch.map((read) => {
                const user = found.get(read.id);
                return user ? read.resolve(user) : settle([read], () => getUser(client, { id: read.id }));
            }),
        );
    }
}

/** The users whose ids are listed, from one filtered page (a batch never holds more than a page). */
async function usersById(client: OktaClient, ids: string[]): Promise<Map<string, OktaUser>> {
    const users = await usersMatching(client, idFilter(ids), MAX_BATCH);
    return new Map(users.map((user) => [user.id, user]));
}

/** `id eq "a" or id eq "b" ...`: the ids are alphanumeric, so they need no escaping. */
export function idFilter(ids: string[]): string {
    return ids.map((id) => `id eq "${id}"`).join(" or ");
}

/** Splits reads into batches of at most 200 distinct ids whose request target is at most `maxTarget` long. */
export function batches<R extends { id: string }>(reads: R[], maxTarget: number): R[][] {
    const result: R[][] = [];
    let current: R[] = [];
    let ids: string[] = [];
    for (const read of reads) {
        if (!ids.includes(read.id)) {
            const grown = [...ids, read.id];
            if (ids.length > 0 && (grown.length > MAX_BATCH || usersMatchingTarget(idFilter(grown), MAX_BATCH).length > maxTarget)) {
                result.push(current);
                current = [];
                ids = [];
            }
            ids.push(read.id);
        }
        current.push(read);
    }
    if (current.length > 0) {
        result.push(current);
    }
    return result;
}

/**
 * Okta's answers to a query it will not run: a request line too long for its front end (414, or 431 from a server
 * that counts it with the headers), or a filter it refuses (400). A smaller batch may pass where a big one did not.
 */
function isRefusedQuery(err: OktaApiError): boolean {
    return err.status === 414 || err.status === 431 || err.status === 400;
}

async function settle(reads: Waiting[], fetch: () => Promise<OktaUser>): Promise<void> {
    try {
        const user = await fetch();
        reads.forEach((read) => read.resolve(user));
    } catch (err) {
        reads.forEach((read) => read.reject(err));
    }
}

/** The one batcher of the provider process. */
export const userReads = new UserReads();

export function readUser(client: OktaClient, id: string): Promise<OktaUser> {
    return userReads.read(client, id);
}
