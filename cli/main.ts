#!/usr/bin/env node
import { runCli } from "./run";

/** The `okta-iac` executable. */
async function main(): Promise<void> {
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    process.once("SIGTERM", () => stop.abort());
    process.exitCode = await runCli(process.argv.slice(2), {
        io: { stdout: process.stdout, stderr: process.stderr },
        env: process.env,
        cwd: process.cwd(),
        signal: stop.signal,
        readStdin: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of process.stdin) {
                chunks.push(chunk as Buffer);
            }
            return Buffer.concat(chunks).toString("utf8");
        },
    });
}

void main();
