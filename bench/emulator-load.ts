/**
 * Requests per second the emulator serves for `GET /api/v1/users/{id}` on loopback.
 *
 *   node dist/bench/emulator-load.js [--path /api/v1/...] [--seconds 5] [--connections 8] [--pipelining 4]
 *
 * The emulator runs in its own process with rate limits raised out of the way (the rate limiter still runs, as on
 * every request). Without `--path`, the target is a user created for the run, or a group while the emulator has no
 * users routes.
 */
import { Pool } from "undici";
import { argument, BENCH_TOKEN, numberArgument, percentile, startEmulatorProcess } from "./support";

const AUTH = { Authorization: `SSWS ${BENCH_TOKEN}`, Accept: "application/json" };

async function main(): Promise<void> {
    const seconds = numberArgument("seconds", 5);
    const connections = numberArgument("connections", 8);
    const pipelining = numberArgument("pipelining", 4);
    const emulator = await startEmulatorProcess([
        "--rate-limit", "user-get=1000000000",
        "--rate-limit", "group=1000000000",
        "--token-share", "100",
    ]);
    const pool = new Pool(emulator.url, { connections, pipelining, keepAliveTimeout: 30_000 });
    try {
        const target = argument("path") ?? (await defaultTarget(pool));
        await drive(pool, target, 1); // warm-up: JIT, connections
        const { count, failures, latencies, elapsedMs } = await drive(pool, target, seconds);
        latencies.sort((a, b) => a - b);
        const stats = await emulator.control.stats();
        console.log(`emulator load: GET ${target}`);
        console.log(`  ${connections} keep-alive connections x pipelining ${pipelining}, ${seconds} s`);
        console.log(`  requests: ${count}, failures: ${failures}, served by the emulator in total: ${stats.total}`);
        console.log(`  latency ms: p50 ${percentile(latencies, 50).toFixed(2)}, p99 ${percentile(latencies, 99).toFixed(2)}`);
        console.log(`  throughput: ${Math.round((count / elapsedMs) * 1000)} requests/s`);
    } finally {
        await pool.close();
        await emulator.stop();
    }
}

/** A user created for the run; a group when the emulator does not serve users yet. */
async function defaultTarget(pool: Pool): Promise<string> {
    const user = await post(pool, "/api/v1/users?activate=false", {
        profile: { login: "load.test@example.com", email: "load.test@example.com", firstName: "Load", lastName: "Test" },
    });
    if (user.status === 200) {
        return `/api/v1/users/${user.body.id}`;
    }
    console.log(`  (POST /api/v1/users answered ${user.status}: measuring a group GET instead)`);
    const group = await post(pool, "/api/v1/groups", { profile: { name: "Load test" } });
    if (group.status !== 200) {
        throw new Error(`cannot create the target group: HTTP ${group.status}`);
    }
    return `/api/v1/groups/${group.body.id}`;
}

async function post(pool: Pool, path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await pool.request({
        method: "POST",
        path,
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    return { status: res.statusCode, body: await res.body.json() };
}

/** Keeps `connections x pipelining` requests in flight for `seconds`. */
async function drive(pool: Pool, path: string, seconds: number) {
    const inFlight = numberArgument("connections", 8) * numberArgument("pipelining", 4);
    const latencies: number[] = [];
    let count = 0;
    let failures = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    const worker = async () => {
        while (performance.now() < until) {
            const t0 = performance.now();
            try {
                const res = await pool.request({ method: "GET", path, headers: AUTH });
                await res.body.dump();
                if (res.statusCode !== 200) {
                    failures++;
                }
            } catch {
                failures++;
            }
            latencies.push(performance.now() - t0);
            count++;
        }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { count, failures, latencies, elapsedMs: performance.now() - started };
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
