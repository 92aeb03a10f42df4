import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../../scripts/pulumi-offline";
import { INSTALLED_PACKAGE } from "./project";

/**
 * The release before the layout of issue 11 (provider/ holding everything), whose stacks the current package must
 * refresh and update without replacing anything.
 */
export const PREVIOUS_RELEASE = "4a62537";

/**
 * The release before the thin state of issue 15 (docs/state.md): its state holds Okta's timestamps, every secret
 * output name and the closure-serialized `__provider`, which the current package must still diff and refresh.
 */
export const FULL_STATE_RELEASE = "fdc7d92";

/**
 * A node_modules holding the package as `release` shipped it: its source from git, compiled with this repository's
 * TypeScript, packed with `npm pack` (its own package.json `files`) and unpacked as npm installs it. Every other
 * dependency is the one `make example` installed. Built once into .tmp and reused.
 */
export function previousReleaseNodeModules(release = PREVIOUS_RELEASE): string {
    const root = join(REPO_ROOT, ".tmp", `previous-release-${release}`);
    const nodeModules = join(root, "node_modules");
    const ready = join(root, "ready");
    if (existsSync(ready)) {
        return nodeModules;
    }
    rmSync(root, { recursive: true, force: true });
    const source = join(root, "source");
    mkdirSync(source, { recursive: true });
    extract(source, release);
    compile(source);
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", root], { cwd: source, encoding: "utf8" }));
    const tarball: string = packed[0].filename;
    const installed = join(nodeModules, "pulumi-okta-iac");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", join(root, tarball), "-C", installed, "--strip-components=1"]);
    for (const entry of readdirSync(INSTALLED_PACKAGE).filter((name) => name !== "pulumi-okta-iac" && !name.startsWith("."))) {
        symlinkSync(join(INSTALLED_PACKAGE, entry), join(nodeModules, entry), "dir");
    }
    writeFileSync(ready, `${release}\n`);
    return nodeModules;
}

function extract(source: string, release: string): void {
    try {
        execFileSync("sh", ["-c", `git -C "${REPO_ROOT}" archive ${release} | tar -x -C "${source}"`], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
        throw new Error(`cannot read release ${release} from git (a shallow clone lacks it: fetch the history): ${(err as Error).message}`);
    }
}

/** Only what the package ships at run time (the SDK and the provider, and what they import). */
function compile(source: string): void {
    symlinkSync(join(REPO_ROOT, "node_modules"), join(source, "node_modules"), "dir");
    const config = { extends: "./tsconfig.json", include: ["provider/**/*.ts", "sdk/**/*.ts"] };
    writeFileSync(join(source, "tsconfig.release.json"), JSON.stringify(config));
    execFileSync(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.release.json"], { cwd: source, stdio: "pipe" });
}
