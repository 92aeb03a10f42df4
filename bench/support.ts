import { EmulatorControl } from "../test/support/control";
import { startEmulatorCli } from "../test/support/emulator-process";

export const BENCH_TOKEN = "bench-token-000000000000000000000000000000";
export const BENCH_CONTROL_TOKEN = "bench-control-token-0000000000000000000000";

/** An emulator in its own process (its own core), as users run it: `okta-emulator` with flags. */
export interface EmulatorProcess {
    url: string;
    control: EmulatorControl;
    stop(): Promise<void>;
}

export async function startEmulatorProcess(flags: string[] = []): Promise<EmulatorProcess> {
    const emulator = await startEmulatorCli(["--token", BENCH_TOKEN, "--control-token", BENCH_CONTROL_TOKEN, ...flags]);
    return { url: emulator.url, control: new EmulatorControl(emulator.url, BENCH_CONTROL_TOKEN), stop: emulator.stop };
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
