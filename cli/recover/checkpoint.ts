import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A `file://` backend's checkpoint that a kill cut short. Pulumi copies the checkpoint to `<stack>.json.bak` before
 * writing a new one in place, so a CLI killed during that write leaves a truncated file and a whole backup one step
 * behind (docs/recovery.md#a-checkpoint-cut-short).
 */
export interface BrokenCheckpoint {
    file: string;
    backup: string;
}

/** The stack's checkpoint when it does not parse and its backup does; `undefined` otherwise (or for other backends). */
export function brokenCheckpoint(backendUrl: string | undefined, project: string, stack: string): BrokenCheckpoint | undefined {
    if (!backendUrl?.startsWith("file://")) {
        return undefined;
    }
    const root = join(fileURLToPath(backendUrl), ".pulumi", "stacks");
    const name = stack.split("/").pop()!;
    for (const file of [join(root, project, `${name}.json`), join(root, `${name}.json`)]) {
        const backup = `${file}.bak`;
        if (existsSync(file) && !parses(file) && existsSync(backup) && parses(backup)) {
            return { file, backup };
        }
    }
    return undefined;
}

/** Puts the backup in place, keeping the broken file next to it for inspection. */
export function restoreCheckpoint(broken: BrokenCheckpoint): string {
    const kept = `${broken.file}.broken-${Date.now()}`;
    copyFileSync(broken.file, kept);
    copyFileSync(broken.backup, broken.file);
    return kept;
}

function parses(file: string): boolean {
    try {
        JSON.parse(readFileSync(file, "utf8"));
        return true;
    } catch {
        return false;
    }
}
