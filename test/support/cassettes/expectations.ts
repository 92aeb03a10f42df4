import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { SeedDocument } from "../../../emulator";
import { repoRoot } from "../repo";

/**
 * The checked-in inputs of the cassette replay: seeds (test/fixtures/cassette-seeds.yaml) and the expected mismatches
 * (test/fixtures/cassette-mismatches.yaml), each mismatch with its reason.
 */

export const SEEDS_FILE = path.join(repoRoot, "test", "fixtures", "cassette-seeds.yaml");
export const MISMATCHES_FILE = path.join(repoRoot, "test", "fixtures", "cassette-mismatches.yaml");

export interface CassetteSeeds {
    /** Present in every replayed org (what a real org already holds). */
    common?: SeedDocument;
    /** Per test (`<Test>`) or cassette file (`<Test>/<file>.yaml`): what that recording needs besides `common`. */
    cassettes?: Record<string, SeedDocument>;
}

export interface ExpectedMismatch {
    cassette: string;
    interactions: number[];
    reason: string;
}

export function loadSeeds(): CassetteSeeds {
    return (parse(readFileSync(SEEDS_FILE, "utf8")) as CassetteSeeds | null) ?? {};
}

/** The seed for one cassette file: the common part, then its test's, then its own (lists concatenated). */
export function seedFor(seeds: CassetteSeeds, cassette: string): SeedDocument {
    const test = cassette.split("/")[0];
    const merged: Record<string, unknown> = {};
    for (const part of [seeds.common, seeds.cassettes?.[test], seeds.cassettes?.[cassette]]) {
        for (const [section, value] of Object.entries(part ?? {})) {
            merged[section] = Array.isArray(value) ? [...((merged[section] as unknown[]) ?? []), ...value] : { ...(merged[section] as object), ...value };
        }
    }
    return merged as SeedDocument;
}

/** Seed keys that name no cassette file or test (typos would silently seed nothing). */
export function unknownSeedKeys(seeds: CassetteSeeds, cassettes: string[]): string[] {
    const known = new Set([...cassettes, ...cassettes.map((c) => c.split("/")[0])]);
    return Object.keys(seeds.cassettes ?? {}).filter((key) => !known.has(key));
}

/** Loads the list and checks each entry's shape; an entry without a reason is refused. */
export function loadExpectedMismatches(): ExpectedMismatch[] {
    const entries = (parse(readFileSync(MISMATCHES_FILE, "utf8")) as unknown[] | null) ?? [];
    return entries.map((entry, i) => {
        const e = entry as Partial<ExpectedMismatch>;
        const where = `${path.basename(MISMATCHES_FILE)} entry ${i + 1}`;
        if (typeof e.cassette !== "string" || !Array.isArray(e.interactions) || !e.interactions.every(Number.isInteger)) {
            throw new Error(`${where}: needs 'cassette' and a list of interaction ids`);
        }
        if (typeof e.reason !== "string" || e.reason.trim().length < 10) {
            throw new Error(`${where} (${e.cassette}): needs a 'reason' that says why`);
        }
        return e as ExpectedMismatch;
    });
}

export const interactionKey = (cassette: string, id: number) => `${cassette}#${id}`;
