import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { repoRoot } from "./repo";

/** The emulator's command-line entry point as built (`okta-emulator`). */
export const EMULATOR_CLI = path.join(repoRoot, "dist", "emulator", "cli.js");

/** An emulator running as its own process, as users run it. */
export interface EmulatorProcess {
    url: string;
    child: ChildProcess;
    /** `kill -9`: no shutdown handler runs, nothing is flushed. */
    kill(): Promise<void>;
    /** SIGTERM: the emulator closes and writes its data file. */
    stop(): Promise<void>;
}

/**
 * Starts `node <cli> ...args` and waits for the base URL it prints on its first line. `cli` defaults to this build's;
 * benchmarks pass another build's to compare.
 */
export async function startEmulatorCli(args: string[], cli = EMULATOR_CLI): Promise<EmulatorProcess> {
    const child = spawn(process.execPath, [cli, "--quiet", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    // The last few KiB, to say why the emulator did not start.
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)));
    const exited = once(child, "exit");
    const url = await new Promise<string>((resolve, reject) => {
        let stdout = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const newline = stdout.indexOf("\n");
            if (newline >= 0) {
                resolve(stdout.slice(0, newline).trim());
            }
        });
        child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before printing its URL: ${stderr}`)));
    });
    const end = async (signal: NodeJS.Signals) => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill(signal);
        }
        await exited;
    };
    return { url, child, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
