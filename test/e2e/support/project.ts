import { copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi, type PulumiRun } from "../../../scripts/pulumi-offline";

/** A resource of the declared program (test/e2e/programs/declared.js); `{ $ref: "name" }` in args is that one's id. */
export interface DeclaredResource {
    type: string;
    name: string;
    args: Record<string, unknown>;
    opts?: Record<string, unknown>;
}

/** A function call of the declared program: its Promise form, the result exported as `functions.<name>`. */
export interface DeclaredFunction {
    name: string;
    function: string;
    args?: Record<string, unknown>;
}

/** The node_modules of examples/quickstart, where `make example` installs this package as users get it from npm. */
export const INSTALLED_PACKAGE = join(REPO_ROOT, "examples", "quickstart", "node_modules");

/**
 * A Pulumi project in .tmp running the declared program, with its own file backend and one stack pointed at an org.
 * It uses the package as installed in examples/quickstart (`make example`), as users get it from npm.
 */
export class DeclaredProject {
    readonly dir: string;
    readonly env: NodeJS.ProcessEnv;
    private readonly stateDir: string;

    constructor(
        readonly name: string,
        readonly stack = "e2e",
        /** The node_modules the project uses: the package as installed by `make example`, unless given. */
        nodeModules = INSTALLED_PACKAGE,
    ) {
        const root = join(REPO_ROOT, ".tmp", `e2e-${name}-${process.pid}`);
        this.dir = join(root, "project");
        this.stateDir = join(root, "state");
        rmSync(root, { recursive: true, force: true });
        mkdirSync(this.dir, { recursive: true });
        copyFileSync(join(REPO_ROOT, "test", "e2e", "programs", "declared.js"), join(this.dir, "index.js"));
        this.useNodeModules(nodeModules);
        // Its own package.json, or Node would resolve `pulumi-okta-iac` to this repository (a package may require
        // itself by name from anywhere below its package.json) instead of the installed copy.
        writeFileSync(join(this.dir, "package.json"), JSON.stringify({ name: `okta-e2e-${name}`, private: true }));
        writeFileSync(
            join(this.dir, "Pulumi.yaml"),
            [`name: okta-e2e-${name}`, "runtime:", "  name: nodejs", "  options:", "    typescript: false", "main: index.js", ""].join("\n"),
        );
        this.env = offlinePulumiEnv(this.stateDir);
    }

    /** Runs another program (a JavaScript file reading the same spec.json) instead of test/e2e/programs/declared.js. */
    useProgram(file: string): void {
        copyFileSync(file, join(this.dir, "index.js"));
    }

    /** The file backend's checkpoint of the stack: the whole state, one JSON file. */
    get checkpointFile(): string {
        return join(this.stateDir, ".pulumi", "stacks", `okta-e2e-${this.name}`, `${this.stack}.json`);
    }

    /** Points the project at another installation of the package (takes effect at the next CLI command). */
    useNodeModules(nodeModules: string): void {
        rmSync(join(this.dir, "node_modules"), { force: true });
        symlinkSync(nodeModules, join(this.dir, "node_modules"), "dir");
    }

    async init(org: { url: string; apiToken: string }, resources: DeclaredResource[] = []): Promise<void> {
        this.declare(resources);
        await initOktaStack({ cwd: this.dir, env: this.env }, this.stack, org);
    }

    /** Replaces the program's resources and function calls (takes effect at the next CLI command). */
    declare(resources: DeclaredResource[], functions: DeclaredFunction[] = []): void {
        writeFileSync(join(this.dir, "spec.json"), JSON.stringify({ resources, functions }, null, 2));
    }

    /** Runs `pulumi <args>`; rejects when it fails. */
    pulumi(...args: string[]): Promise<PulumiRun> {
        return runPulumi(args, { cwd: this.dir, env: this.env });
    }

    /** Runs `pulumi <args>` and resolves whatever its exit code. */
    attempt(...args: string[]): Promise<PulumiRun> {
        return runPulumi(args, { cwd: this.dir, env: this.env, allowFailure: true });
    }

    /** Like `attempt`, but kills the command (and what it started) after `timeoutMs`: a hang fails instead of blocking. */
    attemptWithin(timeoutMs: number, ...args: string[]): Promise<PulumiRun> {
        return runPulumi(args, { cwd: this.dir, env: this.env, allowFailure: true, timeoutMs });
    }

    /**
     * Creates another stack of this project, pointed at `org`, and selects it: a clean state for the next scenario at
     * the cost of two quick CLI calls (no program runs).
     */
    async initStack(stack: string, org: { url: string; apiToken: string }): Promise<void> {
        await this.pulumi("stack", "init", stack);
        await this.pulumi("config", "set-all", "--plaintext", `okta:orgUrl=${org.url}`, "--secret", `okta:apiToken=${org.apiToken}`);
    }

    /** The stack's `ids` output: resource name -> id. */
    async ids(): Promise<Record<string, string>> {
        return JSON.parse((await this.pulumi("stack", "output", "ids", "--json")).stdout);
    }

    /** `pulumi stack export` as text (secrets stay encrypted) and parsed. */
    async exportedState(): Promise<{ text: string; resources: any[] }> {
        const text = (await this.pulumi("stack", "export")).stdout;
        return { text, resources: JSON.parse(text).deployment.resources ?? [] };
    }

    /** The state of one declared resource by name. */
    async resourceState(name: string): Promise<any> {
        return (await this.exportedState()).resources.find((r) => r.urn.endsWith(`::${name}`));
    }

    async remove(): Promise<void> {
        await this.attempt("stack", "rm", this.stack, "--yes", "--force");
        rmSync(join(this.dir, ".."), { recursive: true, force: true });
    }
}
