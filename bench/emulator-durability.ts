/**
 * What durable writes cost: creates per second against the emulator CLI with `--data-file` (every answer waits for
 * the save that covers it, docs/emulator.md#durable-writes), in memory only, and optionally with another build, e.g.
 * one from before durable writes (answers first, a save 200 ms later).
 *
 *   node dist/bench/emulator-durability.js [--seconds 5] [--in-flight 8] [--rounds 3] [--baseline path/to/old/dist/emulator/cli.js]
 *
 * Users and groups are created alternately, `--in-flight` requests outstanding at any time, rate limits out of the way,
 * each setup on a fresh org. The setups take turns for `--rounds` rounds (so a change in machine load hits them all
 * alike); the median is the figure.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { streamCreates } from "../test/support/create-stream";
import { EMULATOR_CLI, startEmulatorCli } from "../test/support/emulator-process";
import { argument, BENCH_TOKEN, numberArgument } from "./support";

const FLAGS = ["--token", BENCH_TOKEN, "--port", "0", "--token-share", "100"].concat(
    ...["users", "groups", "api"].map((bucket) => ["--rate-limit", `${bucket}=1000000000`]),
);

interface Setup {
    label: string;
    cli: string;
    dataFile: boolean;
}

async function main(): Promise<void> {
    const seconds = numberArgument("seconds", 5);
    const inFlight = numberArgument("in-flight", 8);
    const baseline = argument("baseline");
    const setups: Setup[] = [
        { label: "in memory (no --data-file)", cli: EMULATOR_CLI, dataFile: false },
        { label: "--data-file, answer after the save (this build)", cli: EMULATOR_CLI, dataFile: true },
    ];
    if (baseline) {
        setups.push({ label: `--data-file, baseline build ${baseline}`, cli: path.resolve(baseline), dataFile: true });
    }
    const rounds = numberArgument("rounds", 3);
    console.log(`emulator durability: creates/s, users and groups alternately, ${inFlight} in flight, ${seconds} s per run`);
    const rates = new Map<Setup, number[]>(setups.map((setup) => [setup, []]));
    for (let round = 1; round <= rounds; round++) {
        for (const setup of setups) {
            const rate = await measure(setup, seconds, inFlight);
            rates.get(setup)!.push(rate.perSecond);
            const file = rate.fileBytes === undefined ? "" : `, data file at the end ${Math.round(rate.fileBytes / 1024)} KiB`;
            console.log(`  round ${round}, ${setup.label}: ${rate.acknowledged} creates in ${rate.elapsedMs} ms = ${rate.perSecond} creates/s${file}`);
        }
    }
    for (const setup of setups) {
        const sorted = [...rates.get(setup)!].sort((a, b) => a - b);
        console.log(`  median, ${setup.label}: ${sorted[Math.floor(sorted.length / 2)]} creates/s (runs: ${rates.get(setup)!.join(", ")})`);
    }
    if (!baseline) {
        console.log("  (pass --baseline <old build's dist/emulator/cli.js> to compare with another build)");
    }
}

async function measure(setup: Setup, seconds: number, inFlight: number) {
    const dir = mkdtempSync(path.join(tmpdir(), "okta-emulator-bench-"));
    const emulator = await startEmulatorCli([...(setup.dataFile ? ["--data-file", path.join(dir, "org.json")] : []), ...FLAGS], setup.cli);
    try {
        await streamCreates(emulator.url, BENCH_TOKEN, { tag: "warmup", inFlight, stop: delay(1000) });
        const started = Date.now();
        const run = await streamCreates(emulator.url, BENCH_TOKEN, { tag: "measured", inFlight, stop: delay(seconds * 1000) });
        const elapsedMs = Date.now() - started;
        if (run.refused.length > 0 || run.unanswered > 0) {
            throw new Error(`${setup.label}: ${run.refused.length} refused, ${run.unanswered} unanswered: ${run.refused[0]?.body ?? ""}`);
        }
        const acknowledged = run.acknowledged.length;
        await emulator.stop();
        // Every save writes the whole org: its size is what each save costs.
        const fileBytes = setup.dataFile ? statSync(path.join(dir, "org.json")).size : undefined;
        return { acknowledged, elapsedMs, perSecond: Math.round((acknowledged / elapsedMs) * 1000), fileBytes };
    } finally {
        await emulator.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
