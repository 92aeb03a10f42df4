/**
 * Benchmark 3: a burst of 1,000 GETs against a bucket of 600 per window. No client can finish before the first
 * window has ended: 600 are served in it, the other 400 must wait for the next one. That moment is the rate-limit
 * bound (the first window's real end, from its X-Rate-Limit-Reset, which the emulator makes exact by ending windows
 * on whole seconds). The figure printed is the achieved time divided by it; the excess is the client's wait past the
 * reset plus the time the last 400 requests take.
 *
 *   node dist/bench/client-burst.js [--requests 1000] [--limit 600] [--window-ms 60000]
 *
 * X-Rate-Limit-Reset and Date are whole seconds, so the client's view of the reset is up to about a second off:
 * with 60 s windows that is under 2% of the figure; with short windows it would dominate it.
 */
import { ApiTokenAuthenticator, OktaClient, RateLimitGovernor } from "../core/client";
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
    const bound = total > limit ? firstReset - started : firstWindowWork;
    const achieved = finished - started;
    console.log(`burst of ${total} GETs on bucket '${target.bucket}' of ${limit} per ${windowMs} ms window`);
    console.log(`  first window: ${firstWindow.length} served in ${(firstWindowWork / 1000).toFixed(2)} s, window over after ${(bound / 1000).toFixed(2)} s (the rate-limit bound)`);
    console.log(`  all done in ${(achieved / 1000).toFixed(2)} s (${((finished - firstReset) / 1000).toFixed(2)} s after the window ended); 429s: ${stats.byStatus["429"] ?? 0}`);
    console.log(`  achieved / rate-limit bound = ${(achieved / bound).toFixed(3)}`);
    if (achieved / bound > 1.1) {
        process.exitCode = 1;
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
