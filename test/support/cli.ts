import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

/** The built `okta-iac` executable. */
export const CLI = resolve(__dirname, "..", "..", "cli", "main.js");
export const REPO = resolve(__dirname, "..", "..", "..");

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `okta-iac` as a subprocess with exactly the given environment (plus PATH), and optional stdin. */
export function runCli(args: string[], env: Record<string, string>, options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
    return new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], {
            env: { PATH: process.env.PATH ?? "", ...env },
            cwd: options.cwd ?? join(REPO),
            stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(options.stdin ?? "");
    });
}
