/**
 * Recorded object ids -> the ids the emulator gave the same objects, learned by walking a recorded response and the
 * emulator's response side by side, and applied to later recorded requests before they are replayed.
 */

/** Okta object ids are 20 base-62 characters (`00u…`, `00g…`, `0oa…`, `who…`). */
const OKTA_ID = /^[0-9A-Za-z]{20}$/;
const OKTA_ID_IN_TEXT = /\b[0-9A-Za-z]{20}\b/g;
/** Keys that hold object ids: `id`, `realmId`, `groupIds`... */
const ID_KEY = /^id$|Ids?$/;
/** Properties that name an object, to pair the items of two listings that are not in the same order. */
const NATURAL_KEYS = ["profile.login", "profile.name", "name", "label", "profile.email"];

export class IdMap {
    private readonly recordedToEmulator = new Map<string, string>();
    private readonly taken = new Set<string>();

    /** Seeded objects keep their recorded ids. */
    identity(id: string): void {
        this.set(id, id);
    }

    get(recorded: string): string | undefined {
        return this.recordedToEmulator.get(recorded);
    }

    get size(): number {
        return this.recordedToEmulator.size;
    }

    /** Replaces every recorded id the map knows inside a URL or body. */
    rewrite(text: string): string {
        return text.replace(OKTA_ID_IN_TEXT, (id) => this.recordedToEmulator.get(id) ?? id);
    }

    /** Learns the ids of the objects present in both bodies. */
    learn(recorded: unknown, actual: unknown): void {
        if (Array.isArray(recorded) && Array.isArray(actual)) {
            for (const [r, a] of this.pairItems(recorded, actual)) {
                this.learn(r, a);
            }
            return;
        }
        if (!isObject(recorded) || !isObject(actual)) {
            return;
        }
        for (const [key, value] of Object.entries(recorded)) {
            const other = actual[key];
            if (ID_KEY.test(key) && typeof value === "string" && typeof other === "string") {
                this.set(value, other);
            } else if (ID_KEY.test(key) && Array.isArray(value) && Array.isArray(other) && value.length === other.length) {
                value.forEach((v, i) => typeof v === "string" && typeof other[i] === "string" && this.set(v, other[i]));
            } else if (typeof value === "object" && value !== null) {
                this.learn(value, other);
            }
        }
    }

    private set(recorded: string, actual: string): void {
        if (!OKTA_ID.test(recorded) || this.recordedToEmulator.has(recorded) || this.taken.has(actual)) {
            return;
        }
        this.recordedToEmulator.set(recorded, actual);
        this.taken.add(actual);
    }

    /** Pairs listing items: by an id already known, then by a natural key, then by position when lengths agree. */
    private pairItems(recorded: unknown[], actual: unknown[]): [unknown, unknown][] {
        const pairs: [unknown, unknown][] = [];
        const unpaired = new Set(actual.keys());
        const rest: unknown[] = [];
        for (const item of recorded) {
            const index = this.counterpart(item, actual, unpaired);
            if (index === undefined) {
                rest.push(item);
            } else {
                unpaired.delete(index);
                pairs.push([item, actual[index]]);
            }
        }
        if (recorded.length === actual.length) {
            const left = [...unpaired];
            rest.forEach((item, i) => pairs.push([item, actual[left[i]]]));
        }
        return pairs;
    }

    private counterpart(item: unknown, actual: unknown[], unpaired: Set<number>): number | undefined {
        const knownId = isObject(item) && typeof item.id === "string" ? this.get(item.id) : undefined;
        const key = naturalKey(item);
        for (const match of [
            (a: unknown) => knownId !== undefined && isObject(a) && a.id === knownId,
            (a: unknown) => key !== undefined && naturalKey(a) === key,
        ]) {
            const index = [...unpaired].find((i) => match(actual[i]));
            if (index !== undefined) {
                return index;
            }
        }
        return undefined;
    }
}

function naturalKey(item: unknown): string | undefined {
    for (const path of NATURAL_KEYS) {
        let value: unknown = item;
        for (const part of path.split(".")) {
            value = isObject(value) ? value[part] : undefined;
        }
        if (typeof value === "string") {
            return `${path}=${value}`;
        }
    }
    return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
