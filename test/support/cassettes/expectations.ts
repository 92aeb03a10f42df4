import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { SeedDocument } from "../../../emulator";
import { repoRoot } from "../shared";

/**
 * The checked-in inputs of the cassette replay: seeds (test/fixtures/cassette-seeds.yaml) and the expected mismatches
 * (test/fixtures/cassette-mismatches.yaml), each mismatch with its reason.
 */

export const SEEDS_FILE = path.join(repoRoot, "test", "fixtures", "cassette-seeds.yaml");
export const MISMATCHES_FILE = path.join(repoRoot, "test", "fixtures", "cassette-mismatches.yaml");

export interface CassetteSeeds {
    /** Present in every replayed org (what a real org already holds). */
    common?: SeedDocument;
    /** Per cassette file (`<Test>/<file>.yaml`): objects the recorded test made through out-of-scope endpoints. */
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

/** The seed for one cassette: the common part, then the cassette's own (lists concatenated). */
export function seedFor(seeds: CassetteSeeds, cassette: string): SeedDocument {
    const merged: Record<string, unknown[]> = {};
    for (const part of [seeds.common ?? {}, seeds.cassettes?.[cassette] ?? {}]) {
        for (const [section, items] of Object.entries(part)) {
            merged[section] = [...(merged[section] ?? []), ...(items as unknown[])];
        }
    }
    return merged as SeedDocument;
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
