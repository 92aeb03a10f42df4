/**
 * What this package holds in memory for each create that waits on a rate-limit bucket (docs/scale.md#pending-requests).
 *
 * With a high `--parallel`, Pulumi hands the provider host every create at once and most of them wait for their
 * bucket's next window. This bench does the same in one process, without the host: the provider configured as the
 * host configures it, `check` applied, then `--requests` creates started together against the emulator at Okta's
 * default limits. Once the first window's share is spent and the rest wait, it prints the heap they hold (after a full
 * garbage collection) per waiting create. The provider host's own part (the gRPC call, the request message, its
 * deserialized copy) is not here: compare with the host's peak in `bench/scale.ts`.
 *
 *   node --expose-gc dist/bench/provider-pending.js [--requests 5000]
 */
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../provider";
import { BENCH_TOKEN, numberArgument, startEmulatorProcess, type EmulatorProcess } from "./support";

/** Inputs of the i-th resource of each measured type: the scale stack's (test/e2e/support/scale-stack.ts). */
const WORKLOADS: Record<string, (i: number) => Record<string, unknown>> = {
    User: (i) => ({ login: `pending${i}@example.com`, email: `pending${i}@example.com`, firstName: "Pending", lastName: `User ${i}` }),
    GroupMembership: (i) => ({ groupId: `00gpending${String(i % 100).padStart(10, "0")}`, userId: `00upending${String(i).padStart(10, "0")}` }),
};

/** How long the creates are left to reach their bucket's queue before the heap is measured. */
const SETTLE_MS = 5_000;

function heapAfterGc(): number {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
        throw new Error("run with node --expose-gc: the heap is measured after a full garbage collection");
    }
    gc();
    gc();
    return process.memoryUsage().heapUsed;
}

async function configured(type: string, emulator: EmulatorProcess): Promise<pulumi.dynamic.ResourceProvider> {
    const provider = dynamicProvider(type);
    const config = { "okta:orgUrl": emulator.url, "okta:apiToken": BENCH_TOKEN } as Record<string, string>;
    await provider.configure!({ config: { get: (key: string) => config[key] } } as pulumi.dynamic.ConfigureRequest);
    return provider;
}

async function measure(type: string, requests: number): Promise<void> {
    const emulator = await startEmulatorProcess([]);
    try {
        const provider = await configured(type, emulator);
        const inputs = await Promise.all(Array.from({ length: requests + 1 }, async (_, i) => (await provider.check!({}, WORKLOADS[type](i))).inputs));
        // One create first, so that the client, its connection pool and the modules exist before the measure.
        await provider.create(inputs[0]).catch(() => undefined);
        const before = heapAfterGc();
        let settled = 0;
        for (const created of inputs.slice(1)) {
            provider.create(created).then(
                () => settled++,
                () => settled++,
            );
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const held = heapAfterGc() - before;
        const waiting = requests - settled;
        const calls = (await emulator.control.stats()).total;
        console.log(
            `${type}: ${requests} creates started, ${settled} answered (${calls} HTTP requests in all), ${waiting} waiting: ` +
                `heap +${(held / 1e6).toFixed(1)} MB, ${Math.round(held / waiting)} bytes per waiting create`,
        );
    } finally {
        await emulator.stop();
    }
}

async function main(): Promise<void> {
    const requests = numberArgument("requests", 5000);
    for (const type of Object.keys(WORKLOADS)) {
        await measure(type, requests);
    }
    // The waiting creates keep their timers and sockets; the figures are printed, so the process ends here.
    process.exit(0);
}

main().catch((err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
});
