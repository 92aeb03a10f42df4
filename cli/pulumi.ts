import { spawn } from "node:child_process";

/** What one `pulumi` command printed, and how it ended. */
export interface PulumiResult {
    code: number;
    stdout: string;
    stderr: string;
}

export interface PulumiOptions {
    env: NodeJS.ProcessEnv;
    cwd: string;
    /** Written to the command's stdin (e.g. a deployment for `stack import --file -`). */
    input?: string;
    /** Receives the command's output as it arrives (progress for long commands). */
    echo?: (text: string) => void;
}

/** The Pulumi CLI failed; its message is the first lines of what it printed. */
export class PulumiCommandError extends Error {
    override readonly name = "PulumiCommandError";
    constructor(readonly args: string[], readonly result: PulumiResult) {
        super(`\`pulumi ${args.join(" ")}\` failed (exit ${result.code}): ${firstLines(result.stderr || result.stdout)}`);
    }
}

/** Runs `pulumi <args> --non-interactive` from PATH and resolves whatever its exit code. */
export function runPulumi(args: string[], options: PulumiOptions): Promise<PulumiResult> {
    return new Promise((resolve, reject) => {
        const child = spawn("pulumi", [...args, "--non-interactive"], { env: options.env, cwd: options.cwd });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk;
            options.echo?.(chunk.toString());
        });
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk;
            options.echo?.(chunk.toString());
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(options.input ?? "");
    });
}

/** Runs `pulumi <args>` and rejects with a PulumiCommandError when it fails. */
export async function pulumi(args: string[], options: PulumiOptions): Promise<PulumiResult> {
    const result = await runPulumi(args, options);
    if (result.code !== 0) {
        throw new PulumiCommandError(args, result);
    }
    return result;
}

/** Runs a `pulumi ... --json` command and parses what it printed. */
export async function pulumiJson<T>(args: string[], options: PulumiOptions): Promise<T> {
    return JSON.parse((await pulumi(args, options)).stdout) as T;
}

function firstLines(text: string): string {
    const lines = text.trim().split("\n").filter((line) => line.trim() !== "");
    return lines.slice(0, 6).join("\n");
}
