import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../exit-codes";
import { DATA_FILES } from "./data-files";

/** `--out` makes a new project: the directory must not hold anything yet, so nothing is overwritten by surprise. */
export function assertEmptyOrAbsent(dir: string): void {
    if (existsSync(dir) && readdirSync(dir).length > 0) {
        throw new UsageError(`--out ${dir}: the directory is not empty; use --into ${dir} to add to a generated project`);
    }
}

/** `--into` adds to a project made by `generate`: it must have the generated index.ts or data files. */
export function assertGeneratedProject(dir: string): void {
    const marks = ["index.ts", ...Object.values(DATA_FILES)];
    if (!marks.some((file) => existsSync(join(dir, file)))) {
        throw new UsageError(`--into ${dir}: not a project made by \`okta-iac generate\` (no index.ts or data/*.yaml); use --out`);
    }
}

/** Writes each file (path relative to `dir`), making directories as needed. */
export function writeFiles(dir: string, files: Map<string, string>): void {
    for (const [file, text] of files) {
        const path = join(dir, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
    }
}
