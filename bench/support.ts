import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { EmulatorControl } from "../test/support/control";

export const BENCH_TOKEN = "bench-token-000000000000000000000000000000";
export const BENCH_CONTROL_TOKEN = "bench-control-token-0000000000000000000000";

/** An emulator in its own process (its own core), as users run it: `okta-emulator` with flags. */
export interface EmulatorProcess {
    url: string;
    control: EmulatorControl;
    stop(): Promise<void>;
}

export async function startEmulatorProcess(flags: string[] = []): Promise<EmulatorProcess> {
    const cli = path.resolve(__dirname, "../emulator/cli.js");
    const child: ChildProcess = spawn(
        process.execPath,
        [cli, "--quiet", "--token", BENCH_TOKEN, "--control-token", BENCH_CONTROL_TOKEN, ...flags],
        { stdio: ["ignore", "pipe", "inherit"] },
    );
    const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
    const url = chunk.toString().trim().split("\n")[0];
    return {
        url,
        control: new EmulatorControl(url, BENCH_CONTROL_TOKEN),
        async stop() {
            child.kill("SIGTERM");
            await once(child, "exit");
        },
    };
}

/** Reads `--name value` from the command line. */
export function argument(name: string): string | undefined {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
}

export function numberArgument(name: string, fallback: number): number {
    const raw = argument(name);
    if (raw === undefined) {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) {
        throw new Error(`--${name} must be a number, got '${raw}'`);
    }
    return value;
}

export function percentile(sorted: number[], p: number): number {
    return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Creates the object a load run reads: a user when the emulator serves users, else a group. */
export async function readTarget(
    client: { request<T>(req: { method: "POST"; path: string; body: unknown; retry?: { maxRetries: number } }): Promise<{ body: T }> },
): Promise<{ path: string; bucket: string }> {
    try {
        const user = await client.request<{ id: string }>({
            method: "POST",
            path: "/api/v1/users?activate=false",
            body: { profile: { login: "bench.user@example.com", email: "bench.user@example.com", firstName: "Bench", lastName: "User" } },
            retry: { maxRetries: 0 },
        });
        return { path: `/api/v1/users/${user.body.id}`, bucket: "user-get" };
    } catch {
        const group = await client.request<{ id: string }>({ method: "POST", path: "/api/v1/groups", body: { profile: { name: "Bench target" } } });
        return { path: `/api/v1/groups/${group.body.id}`, bucket: "group" };
    }
}
