import type { OrgStore } from "./store";

/** Throws the seed's error for one place, e.g. `users[2].login: must be an email-like login`. */
export type SeedFail = (where: string, what: string) => never;

/** A top-level section as a list of mappings; fails naming the section or the entry when it is not one. */
export type SeedList = (key: string) => Record<string, unknown>[];

/**
 * One area's part of the YAML seed. seed.ts checks every section against the list of areas, so a new area adds one
 * entry there.
 */
export interface SeedSection<T> {
    /** The top-level keys the area owns. */
    keys: readonly (keyof T & string)[];
    /** Credentials rather than org objects: applied on every start, also over an org restored from a data file. */
    credentials?: boolean;
    /** Checks the area's sections (the raw document is given for sections that are not lists). */
    validate(list: SeedList, fail: SeedFail, document: Record<string, unknown>): void;
    apply(store: OrgStore, seed: T, fail: SeedFail): void;
}
