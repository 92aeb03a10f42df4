import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root (this file compiles to dist/scripts/). */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/**
 * The environment for running the Pulumi CLI offline: tools from .tools/bin first on PATH, a file:// backend, the
 * passphrase secrets provider, and neither update checks nor plugin downloads.
 */
export function offlinePulumiEnv(stateDir = join(REPO_ROOT, ".pulumi-state")): NodeJS.ProcessEnv {
    mkdirSync(stateDir, { recursive: true });
    const pulumiHome = join(REPO_ROOT, ".tools", "pulumi-home");
    mkdirSync(pulumiHome, { recursive: true });
    return {
        ...process.env,
        PATH: `${join(REPO_ROOT, ".tools", "bin")}:${process.env.PATH ?? ""}`,
        PULUMI_HOME: pulumiHome,
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
    };
}

export interface PulumiRun {
    code: number;
    stdout: string;
    stderr: string;
    /** True when `timeoutMs` passed and the command (with every process it started) was killed. */
    timedOut?: boolean;
}

/**
 * Runs `pulumi <args>` in a project directory. With `echo`, output also goes to this process's stdout and stderr as
 * it arrives. Rejects when the command fails, unless `allowFailure`. With `timeoutMs`, a command still running then is
 * killed with its whole process group (the CLI, its language host and providers), so that a hang fails a test instead
 * of blocking it; the run then counts as failed, with `timedOut` set.
 */
export function runPulumi(
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean; allowFailure?: boolean; input?: string; timeoutMs?: number },
): Promise<PulumiRun> {
    return new Promise((resolvePromise, reject) => {
        const detached = options.timeoutMs !== undefined;
        const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: options.cwd, env: options.env, detached });
        let timedOut = false;
        const timer = detached
            ? setTimeout(() => {
                  timedOut = true;
                  process.kill(-child.pid!, "SIGKILL");
              }, options.timeoutMs)
            : undefined;
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk;
            if (options.echo) process.stdout.write(chunk);
        });
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk;
            if (options.echo) process.stderr.write(chunk);
        });
        child.stdin.end(options.input ?? "");
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            const run = { code: code ?? -1, stdout, stderr, ...(timedOut ? { timedOut } : {}) };
            if (run.code !== 0 && !options.allowFailure) {
                reject(new Error(`pulumi ${args.join(" ")} exited with ${run.code}\n${stdout}\n${stderr}`));
            } else {
                resolvePromise(run);
            }
        });
    });
}

/** Creates `stack` in a project and points it at an org, the token stored as a Pulumi secret. */
export async function initOktaStack(
    options: { cwd: string; env: NodeJS.ProcessEnv },
    stack: string,
    org: { url: string; apiToken: string },
): Promise<void> {
    await runPulumi(["stack", "init", stack], options);
    await runPulumi(["config", "set", "okta:orgUrl", org.url], options);
    await runPulumi(["config", "set", "--secret", "okta:apiToken", org.apiToken], options);
}
