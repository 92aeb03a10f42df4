/**
 * Benchmark 2: this client alone on one bucket, no faults injected. It should keep the bucket busy (use each window's
 * allowance) while almost never being refused: 429s stay below 1% of requests.
 *
 *   node dist/bench/client-bucket.js [--requests 1500] [--limit 1000] [--window-ms 10000]
 *
 * The emulator keeps Okta's default per-token cap (50%), so the token's share of the bucket is limit / 2 per window.
 */
import { ApiTokenAuthenticator, OktaClient, RateLimitGovernor } from "../core/client";
import { BENCH_TOKEN, numberArgument, readTarget, startEmulatorProcess } from "./support";

async function main(): Promise<void> {
    const total = numberArgument("requests", 1500);
    const limit = numberArgument("limit", 1000);
    const windowMs = numberArgument("window-ms", 10_000);
    const emulator = await startEmulatorProcess(["--window-ms", String(windowMs), "--rate-limit", `group=${limit}`, "--rate-limit", `user-get=${limit}`]);
    const governor = new RateLimitGovernor();
    const client = new OktaClient({ orgUrl: emulator.url, authenticator: new ApiTokenAuthenticator(BENCH_TOKEN), governor });
    const target = await readTarget(client);
    await emulator.control.resetRateLimitWindows();
    await emulator.control.resetStats();

    /** Requests served per window, keyed by the window's X-Rate-Limit-Reset. */
    const perWindow = new Map<string, number>();
    let tokenLimit = 0;
    let sent = 0;
    const started = performance.now();
    await Promise.all(
        Array.from({ length: 16 }, async () => {
            while (sent < total) {
                sent++;
                const response = await client.request({ method: "GET", path: target.path });
                const reset = String(response.headers["x-rate-limit-reset"]);
                perWindow.set(reset, (perWindow.get(reset) ?? 0) + 1);
                tokenLimit = Number(response.headers["x-rate-limit-limit"]);
            }
        }),
    );
    const elapsed = performance.now() - started;
    const stats = await emulator.control.stats();
    await client.close();
    await emulator.stop();

    const refused = stats.byStatus["429"] ?? 0;
    const windows = [...perWindow.values()];
    const full = windows.slice(0, -1);
    const fill = full.reduce((a, n) => a + n, 0) / (full.length * tokenLimit);
    console.log(`client alone on bucket '${target.bucket}' (GET ${target.path.replace(/[^/]+$/, "{id}")}): limit ${limit} per ${windowMs} ms window, token share ${tokenLimit}`);
    console.log(`  requests: ${total} in ${(elapsed / 1000).toFixed(1)} s over ${windows.length} windows; served per window: ${windows.join(", ")}`);
    console.log(`  429s: ${refused} of ${stats.total} HTTP requests (${((refused / stats.total) * 100).toFixed(2)}%)`);
    console.log(`  bucket use in every window but the last: ${(fill * 100).toFixed(1)}% of the token's share`);
    if (refused / stats.total >= 0.01) {
        process.exitCode = 1;
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
