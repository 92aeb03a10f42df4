/**
 * Benchmark 3: a burst of 1,000 GETs against a bucket of 600 per window. No client can finish before the first
 * window has ended (600 served in it, the other 400 must wait for the next one). The figure printed is the achieved
 * time divided by that minimum: the first window's real length (its X-Rate-Limit-Reset, which the emulator makes exact
 * by ending windows on whole seconds) plus the time the last 400 take at the pace the first 600 were served.
 *
 *   node dist/bench/client-burst.js [--requests 1000] [--limit 600] [--window-ms 60000]
 *
 * X-Rate-Limit-Reset and Date are whole seconds, so the client's view of the reset is up to about a second off:
 * with 60 s windows that is under 2% of the figure; with short windows it would dominate it.
 */
import { ApiTokenAuthenticator, OktaClient, RateLimitGovernor } from "../provider/client";
import { BENCH_TOKEN, numberArgument, readTarget, startEmulatorProcess } from "./support";

async function main(): Promise<void> {
    const total = numberArgument("requests", 1000);
    const limit = numberArgument("limit", 600);
    const windowMs = numberArgument("window-ms", 60_000);
    const emulator = await startEmulatorProcess([
        "--window-ms", String(windowMs), "--token-share", "100",
        "--rate-limit", `group=${limit}`, "--rate-limit", `user-get=${limit}`,
    ]);
    const client = new OktaClient({ orgUrl: emulator.url, authenticator: new ApiTokenAuthenticator(BENCH_TOKEN), governor: new RateLimitGovernor() });
    const target = await readTarget(client);
    await client.get(target.path); // a warm connection, as a running provider has
    await emulator.control.resetRateLimitWindows();
    await emulator.control.resetStats();

    const done: { at: number; reset: number }[] = [];
    const started = Date.now();
    await Promise.all(
        Array.from({ length: total }, async () => {
            const response = await client.request({ method: "GET", path: target.path });
            done.push({ at: Date.now(), reset: Number(response.headers["x-rate-limit-reset"]) * 1000 });
        }),
    );
    const finished = Date.now();
    const stats = await emulator.control.stats();
    await client.close();
    await emulator.stop();

    const firstReset = Math.min(...done.map((d) => d.reset));
    const firstWindow = done.filter((d) => d.reset === firstReset);
    const firstWindowWork = Math.max(...firstWindow.map((d) => d.at)) - started;
    // At best the first window serves `limit` requests and the rest go right after it ends, at the same pace.
    const rest = Math.max(0, total - limit);
    const pace = firstWindowWork / firstWindow.length;
    const minimum = rest > 0 ? firstReset - started + pace * rest : pace * total;
    const achieved = finished - started;
    console.log(`burst of ${total} GETs on bucket '${target.bucket}' of ${limit} per ${windowMs} ms window (first window really ${((firstReset - started) / 1000).toFixed(2)} s)`);
    console.log(`  first window served ${firstWindow.length} in ${(firstWindowWork / 1000).toFixed(2)} s; all done in ${(achieved / 1000).toFixed(2)} s; 429s: ${stats.byStatus["429"] ?? 0}`);
    console.log(`  theoretical minimum ${(minimum / 1000).toFixed(2)} s; achieved / minimum = ${(achieved / minimum).toFixed(3)}`);
    if (achieved / minimum > 1.1) {
        process.exitCode = 1;
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
