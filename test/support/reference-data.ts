import { existsSync } from "node:fs";
import path from "node:path";
import type { Context, Func } from "mocha";
import { repoRoot } from "./repo";

/**
 * Okta's reference data: its published OpenAPI documents (`openapi/`) and real traffic recorded by Okta's Terraform
 * provider (`cassettes/`). They are not ours to copy, so they stay outside the repository; the conformance tests and
 * a few emulator tests read them from here, and skip (saying so) on a machine that does not have them.
 */

/** The one setting: the directory holding `openapi/` and `cassettes/`. */
export const REFERENCE_DIR_SETTING = "OKTA_REFERENCE_DIR";

/** The files the tests read, relative to the reference directory. */
const EXPECTED = ["openapi/management.yaml", "openapi/oauth.yaml", "cassettes"];

/** `$OKTA_REFERENCE_DIR`, or `../shared/okta` next to the repository. */
export function referenceDir(): string {
    const setting = process.env[REFERENCE_DIR_SETTING];
    return setting ? path.resolve(setting) : path.resolve(repoRoot, "..", "shared", "okta");
}

export const referencePath = (...parts: string[]): string => path.join(referenceDir(), ...parts);

/** The expected files that are not there (empty when the reference data is complete). */
export function missingReferenceData(): string[] {
    return EXPECTED.map((part) => referencePath(part)).filter((file) => !existsSync(file));
}

export const hasReferenceData = (): boolean => missingReferenceData().length === 0;

let explained = false;

/**
 * Skips the current test, or every test of the suite when called in a `before` hook, when the reference data is
 * missing; says why once per run.
 */
export function skipWithoutReferenceData(ctx: Context): void {
    const missing = missingReferenceData();
    if (missing.length === 0) {
        return;
    }
    if (!explained) {
        explained = true;
        console.warn(
            `\n  Okta reference data not found (missing: ${missing.join(", ")}).\n` +
                `  Tests that compare with Okta's OpenAPI spec or recorded traffic are skipped. Set ${REFERENCE_DIR_SETTING} to the\n` +
                `  directory holding openapi/ and cassettes/ (default: ../shared/okta next to the repository).\n`,
        );
    }
    ctx.skip();
}

/** A test body that needs the reference data: skipped (see skipWithoutReferenceData) when it is missing. */
export function needsReferenceData(test: (this: Context) => unknown): Func {
    return function (this: Context) {
        skipWithoutReferenceData(this);
        return test.call(this);
    } as Func;
}
