import { randomBytes } from "node:crypto";

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** An Okta-style id: a three-character type prefix and 17 random base-62 characters (e.g. `00gkwr6x98wjXGaqE1d7`). */
export function newOktaId(prefix: string): string {
    const bytes = randomBytes(17);
    let id = prefix;
    for (const byte of bytes) {
        id += ID_ALPHABET[byte % ID_ALPHABET.length];
    }
    return id;
}

/** One page of a listing: the items and the cursor of the next page, if there is one. */
export interface Page<T> {
    items: T[];
    nextCursor?: string;
}

/** A collection as saved by `--data-file`: `[seq, item]` in order, and the cursors of deleted items. */
export interface CollectionSnapshot<T> {
    nextSeq: number;
    items: [number, T][];
    retired: [string, number][];
}

function checkSnapshot<T extends { id: string }>(data: unknown): CollectionSnapshot<T> {
    const s = data as CollectionSnapshot<T>;
    const isSeq = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
    const ok =
        typeof s === "object" && s !== null && isSeq(s.nextSeq) &&
        Array.isArray(s.items) &&
        s.items.every((e) => Array.isArray(e) && isSeq(e[0]) && typeof e[1]?.id === "string") &&
        s.items.every((e, i) => i === 0 || e[0] > s.items[i - 1][0]) &&
        Array.isArray(s.retired) &&
        s.retired.every((e) => Array.isArray(e) && typeof e[0] === "string" && isSeq(e[1]));
    if (!ok) {
        throw new Error("not a collection snapshot (expected nextSeq, ordered [seq, item] pairs and retired cursors)");
    }
    return s;
}

/**
 * The objects of one kind, in creation order. Paging cursors are object ids (as Okta's are, in practice), and stay
 * valid after the object they name is deleted.
 */
export class Collection<T extends { id: string }> {
    private readonly byId = new Map<string, T>();
    private readonly ordered: { seq: number; id: string }[] = [];
    private readonly seqOf = new Map<string, number>();
    private nextSeq = 0;

    get size(): number {
        return this.byId.size;
    }

    get(id: string): T | undefined {
        return this.byId.get(id);
    }

    insert(item: T): T {
        if (this.byId.has(item.id)) {
            throw new Error(`duplicate id ${item.id}`);
        }
        const seq = this.nextSeq++;
        this.byId.set(item.id, item);
        this.seqOf.set(item.id, seq);
        this.ordered.push({ seq, id: item.id });
        return item;
    }

    delete(id: string): boolean {
        if (!this.byId.delete(id)) {
            return false;
        }
        const index = this.indexAfterSeq(this.seqOf.get(id)! - 1);
        this.ordered.splice(index, 1);
        return true;
    }

    values(): IterableIterator<T> {
        return this.byId.values();
    }

    find(predicate: (item: T) => boolean): T | undefined {
        for (const item of this.byId.values()) {
            if (predicate(item)) {
                return item;
            }
        }
        return undefined;
    }

    /**
     * Lists the items that pass `include`, starting after the cursor `after`, at most `limit` of them.
     * Returns `undefined` when the cursor is unknown.
     */
    page(options: { after?: string; limit: number; include?: (item: T) => boolean }): Page<T> | undefined {
        let start = 0;
        if (options.after !== undefined) {
            const seq = this.seqOf.get(options.after);
            if (seq === undefined) {
                return undefined;
            }
            start = this.indexAfterSeq(seq);
        }
        const items: T[] = [];
        for (let i = start; i < this.ordered.length; i++) {
            const item = this.byId.get(this.ordered[i].id)!;
            if (options.include && !options.include(item)) {
                continue;
            }
            if (items.length === options.limit) {
                return { items, nextCursor: items[items.length - 1].id };
            }
            items.push(item);
        }
        return { items };
    }

    /** Everything needed to rebuild this collection, including cursors of deleted items (see `restore`). */
    snapshot(): CollectionSnapshot<T> {
        return {
            nextSeq: this.nextSeq,
            items: this.ordered.map(({ seq, id }) => [seq, this.byId.get(id)!]),
            retired: [...this.seqOf].filter(([id]) => !this.byId.has(id)),
        };
    }

    /** Replaces the contents with a snapshot; throws on a malformed one without changing anything. */
    restore(data: unknown): void {
        const snapshot = checkSnapshot<T>(data);
        this.byId.clear();
        this.seqOf.clear();
        this.ordered.length = 0;
        for (const [seq, item] of snapshot.items) {
            this.byId.set(item.id, item);
            this.seqOf.set(item.id, seq);
            this.ordered.push({ seq, id: item.id });
        }
        for (const [id, seq] of snapshot.retired) {
            this.seqOf.set(id, seq);
        }
        this.nextSeq = snapshot.nextSeq;
    }

    /** Index of the first entry whose sequence number is greater than `seq` (binary search). */
    private indexAfterSeq(seq: number): number {
        let low = 0;
        let high = this.ordered.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (this.ordered[mid].seq <= seq) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
