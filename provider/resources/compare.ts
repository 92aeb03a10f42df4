/**
 * How desired and current values are compared in `diff`. Okta omits empty values and reorders nothing we rely on, so
 * "not set", `null` and `""` mean the same, and lists that are sets compare without order.
 */

/** Treats `undefined`, `null` and `""` alike. */
export function sameScalar(a: unknown, b: unknown): boolean {
    return (isEmpty(a) && isEmpty(b)) || a === b;
}

export function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
    const left = new Set(a ?? []);
    const right = new Set(b ?? []);
    return left.size === right.size && [...left].every((item) => right.has(item));
}

/** Deep equality of JSON values, with empty scalars alike and object key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (isEmpty(a) || isEmpty(b)) {
        return isEmpty(a) && isEmpty(b);
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
    }
    if (typeof a === "object" && typeof b === "object") {
        const left = a as Record<string, unknown>;
        const right = b as Record<string, unknown>;
        const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
        return [...keys].every((key) => sameValue(left[key], right[key]));
    }
    return a === b;
}

/** Names of `keys` whose scalar values differ. */
export function changedScalars<T extends object>(olds: Partial<T>, news: Partial<T>, keys: readonly (keyof T & string)[]): string[] {
    return keys.filter((key) => !sameScalar(olds[key], news[key]));
}

/**
 * A map of attributes to send so Okta ends up with `desired`: every desired attribute, plus `null` for each attribute
 * managed before (`previous`) and no longer listed, which clears it.
 */
export function attributesToWrite(
    desired: Record<string, unknown> | undefined,
    previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
    const result: Record<string, unknown> = { ...(desired ?? {}) };
    for (const key of Object.keys(previous ?? {})) {
        if (!(key in result)) {
            result[key] = null;
        }
    }
    return result;
}

/** The values Okta holds for the managed attribute names; `undefined` when none is managed. */
export function managedAttributes(
    names: readonly string[],
    current: Record<string, unknown>,
): Record<string, unknown> | undefined {
    if (names.length === 0) {
        return undefined;
    }
    const result: Record<string, unknown> = {};
    for (const name of names) {
        if (!isEmpty(current[name])) {
            result[name] = current[name];
        }
    }
    return result;
}

export function isEmpty(value: unknown): boolean {
    return value === undefined || value === null || value === "";
}

/** `value` unless it is empty (Okta's `null`s and `""`s are left out of outputs). */
export function orUndefined<T>(value: T | null | undefined | ""): T | undefined {
    return isEmpty(value) ? undefined : (value as T);
}
