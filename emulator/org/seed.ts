import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { hookSeedSection, type HookSeed } from "../areas/event-hooks/seed";
import { oauthSeedSection, type OAuthSeed } from "../areas/oauth/seed";
import { directorySeedSection, type DirectorySeed } from "../areas/apps/seed";
import { superAdminSeedSection, type SuperAdminSeed } from "../areas/users/seed-admin";
import { groupSeedSection, type GroupSeed } from "../areas/groups/seed";
import type { SeedFail, SeedSection } from "./seed-section";
import { tokenSeedSection, type TokenSeed } from "../areas/api-tokens/seed";
import { userSeedSection, type UserSeed } from "../areas/users/seed";
import type { OrgStore } from "./store";

/** The YAML seed file: what the emulated org holds when it starts. */
export interface SeedDocument extends SuperAdminSeed, TokenSeed, GroupSeed, DirectorySeed, UserSeed, OAuthSeed, HookSeed {}

/** Every area of the seed, validated and applied in this order (an area comes after those it refers to). */
const SECTIONS: readonly SeedSection<SeedDocument>[] = [
    superAdminSeedSection,
    groupSeedSection,
    directorySeedSection,
    userSeedSection,
    tokenSeedSection,
    oauthSeedSection,
    hookSeedSection,
];
const KEYS: string[] = SECTIONS.flatMap((section) => section.keys);

export function loadSeedFile(path: string): SeedDocument {
    let document: unknown;
    try {
        document = parse(readFileSync(path, "utf8"));
    } catch (err) {
        throw new Error(`seed file ${path}: ${(err as Error).message}`);
    }
    return validateSeed(document ?? {}, path);
}

/** Checks the seed's shape and names the first wrong entry precisely. */
export function validateSeed(document: unknown, source = "seed"): SeedDocument {
    const fail: SeedFail = (where, what) => {
        throw new Error(`${source}: ${where}: ${what}`);
    };
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        fail("top level", "must be a mapping");
    }
    const seed = document as Record<string, unknown>;
    for (const key of Object.keys(seed)) {
        if (!KEYS.includes(key)) {
            fail(key, `unknown section (expected ${KEYS.join(", ")})`);
        }
    }
    const list = (key: string): Record<string, unknown>[] => {
        const value = seed[key] ?? [];
        if (!Array.isArray(value)) {
            fail(key, "must be a list");
        }
        return (value as unknown[]).map((item, i) => {
            if (typeof item !== "object" || item === null || Array.isArray(item)) {
                fail(`${key}[${i}]`, "must be a mapping");
            }
            return item as Record<string, unknown>;
        });
    };
    for (const section of SECTIONS) {
        section.validate(list, fail, seed);
    }
    return seed as SeedDocument;
}

/**
 * The sections of a seed that are credentials rather than org objects (API tokens, OAuth apps): applied on every start,
 * also over an org restored from a data file, which never holds them.
 */
export function seedCredentials(seed: SeedDocument): SeedDocument {
    const keys = SECTIONS.filter((section) => section.credentials).flatMap((section) => section.keys);
    return Object.fromEntries(keys.map((key) => [key, seed[key]]));
}

export function applySeed(store: OrgStore, seed: SeedDocument): void {
    const fail: SeedFail = (where, what) => {
        throw new Error(`seed: ${where}: ${what}`);
    };
    for (const section of SECTIONS) {
        section.apply(store, seed, fail);
    }
}
