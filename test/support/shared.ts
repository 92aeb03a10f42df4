import { existsSync } from "node:fs";
import path from "node:path";

/** The repository root (tests run from dist/test/...). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

/**
 * The read-only reference data (Okta's OpenAPI spec, recorded traffic) next to the repository, never copied into it:
 * `../shared` from the repo root, or /work/shared.
 */
export function sharedDir(): string {
    const sibling = path.resolve(repoRoot, "..", "shared");
    return existsSync(sibling) ? sibling : "/work/shared";
}

export const sharedPath = (...parts: string[]): string => path.join(sharedDir(), ...parts);
