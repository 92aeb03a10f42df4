/**
 * Checks on the arguments of reads and operations, made before any request: an empty id would otherwise change which
 * Okta endpoint is called (`/api/v1/users/` lists users instead of reading one).
 */

import { ArgumentError } from "../client/error-base";

export { ArgumentError };

/** The value, trimmed; throws when it is missing or blank. */
export function requiredId(name: string, value: string | undefined | null): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new ArgumentError(`${name} is required`);
    }
    return value.trim();
}

/** One path segment, percent-encoded (logins contain `@`, and `/` must not split the path). */
export function segment(value: string): string {
    return encodeURIComponent(value);
}

/** A positive integer, or undefined. */
export function optionalPositiveInteger(name: string, value: number | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (!Number.isInteger(value) || value < 1) {
        throw new ArgumentError(`${name} must be a positive integer (got ${value})`);
    }
    return value;
}

/** One of the allowed values, or undefined. */
export function optionalChoice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (!allowed.includes(value as T)) {
        throw new ArgumentError(`${name} must be one of ${allowed.join(", ")} (got '${value}')`);
    }
    return value as T;
}
