/**
 * Pulumi resource names of generated entries: readable (from a login, group name, hook name or app label), unique
 * within their kind, and the same on every run for the same org (docs/generate.md#resource-names).
 */

/** Longest slug kept: names stay readable in `pulumi preview`. */
const MAX_SLUG = 64;

/** Lower-case letters, digits and single hyphens; accents dropped. Never empty. */
export function slug(text: string): string {
    const plain = text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, MAX_SLUG)
        .replace(/-+$/, "");
    return plain || "unnamed";
}

/**
 * The names of one kind handed out so far. A name already taken gets `-2`, `-3`, …; callers claim in a fixed order
 * (sorted by natural key), so the same org always yields the same names.
 */
export class NameBook {
    private readonly taken: Set<string>;

    constructor(taken: Iterable<string> = []) {
        this.taken = new Set(taken);
    }

    claim(text: string): string {
        const base = slug(text);
        let name = base;
        for (let n = 2; this.taken.has(name); n++) {
            name = `${base}-${n}`;
        }
        this.taken.add(name);
        return name;
    }
}

/**
 * Sorts by a text key, runs of digits by their value (`user2` before `user10`), otherwise by code unit: the order
 * never depends on the machine's locale, so output is byte-identical everywhere.
 */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
    return (a, b) => compareNatural(key(a), key(b));
}

function compareNatural(left: string, right: string): number {
    const a = left.match(/\d+|\D+/g) ?? [];
    const b = right.match(/\d+|\D+/g) ?? [];
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const numeric = /^\d/.test(a[i]) && /^\d/.test(b[i]);
        const order = numeric ? compareDigits(a[i], b[i]) : compareUnits(a[i], b[i]);
        if (order !== 0) {
            return order;
        }
    }
    return a.length - b.length || compareUnits(left, right);
}

/** Digit runs by value, without overflow: shorter (leading zeros aside) is smaller. */
function compareDigits(a: string, b: string): number {
    const x = a.replace(/^0+/, "");
    const y = b.replace(/^0+/, "");
    return x.length - y.length || compareUnits(x, y) || a.length - b.length;
}

function compareUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
