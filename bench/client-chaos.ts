/**
 * Benchmark 1: the client against an emulator that injects faults on every route: 20% of responses are 5xx or 429
 * (19% and 1%: each 429 rightly holds its whole bucket until the window resets, 1 to 2 s here), 5% of connections are dropped, and 5% of
 * group creates are applied but their response is lost. 2,000 mixed requests
 * (creates with a probe by name, reads, replaces, lists, deletes) must finish with no error surfaced and no duplicate.
 *
 *   node dist/bench/client-chaos.js [--requests 2000] [--seed 7]
 */
import { ApiTokenAuthenticator, OktaApiError, OktaClient, RateLimitGovernor } from "../core/client";
import { BENCH_TOKEN, numberArgument, startEmulatorProcess } from "./support";

interface Group {
    id: string;
    profile: { name: string; description?: string | null };
}

async function main(): Promise<void> {
    const total = numberArgument("requests", 2000);
    const seed = numberArgument("seed", 7);
    // 1 s windows: an injected 429 claims the bucket is used up until its reset, and the client rightly waits for it.
    const emulator = await startEmulatorProcess(["--window-ms", "1000", "--fault-seed", String(seed),
        "--fault", "POST /api/v1/groups lose=0.05,500=0.08,502=0.06,503=0.06,429=0.01,drop=0.05",
        "--fault", "/api/v1/** 500=0.08,502=0.06,503=0.06,429=0.01,drop=0.05"]);
    const governor = new RateLimitGovernor();
    const client = new OktaClient({ orgUrl: emulator.url, authenticator: new ApiTokenAuthenticator(BENCH_TOKEN), governor });
    const counts = { create: 0, get: 0, replace: 0, list: 0, delete: 0, probed: 0, goneOnRetriedDelete: 0 };
    const errors: string[] = [];
    const groups: Group[] = [];
    const created = new Set<string>();
    let issued = 0;

    const createGroup = async () => {
        const name = `chaos-${issued}`;
        created.add(name);
        const response = await client.request<Group>({
            method: "POST",
            path: "/api/v1/groups",
            body: { profile: { name, description: "created under fire" } },
            probe: async () => (await client.get<Group[]>("/api/v1/groups", { q: name })).find((g) => g.profile.name === name),
        });
        counts.create++;
        counts.probed += response.probed ? 1 : 0;
        groups.push(response.body);
    };
    // Each operation leases a group so that no two workers touch the same one (a read racing its own delete would be
    // a bug of this script, not of the client).
    const lease = async (use: (g: Group) => Promise<boolean>) => {
        const g = groups.splice(Math.floor(Math.random() * groups.length), 1)[0];
        if (await use(g)) {
            groups.push(g);
        }
    };
    const operations: (() => Promise<void>)[] = [
        createGroup,
        () => lease(async (g) => ((await client.get(`/api/v1/groups/${g.id}`)), counts.get++, true)),
        () => lease(async (g) => ((await client.get(`/api/v1/groups/${g.id}`)), counts.get++, true)),
        () =>
            lease(async (g) => {
                await client.put(`/api/v1/groups/${g.id}`, { profile: { name: g.profile.name, description: `v${issued}` } });
                counts.replace++;
                return true;
            }),
        async () => void (await client.request({ method: "GET", path: "/api/v1/groups", query: { limit: 50 } }), counts.list++),
        () =>
            lease(async (g) => {
                try {
                    await client.delete(`/api/v1/groups/${g.id}`);
                } catch (err) {
                    // A delete whose response was lost is retried and finds the group gone: done, as resources treat it.
                    if (!(err instanceof OktaApiError && err.isNotFound && err.attempts > 1)) {
                        throw err;
                    }
                    counts.goneOnRetriedDelete++;
                }
                counts.delete++;
                return false;
            }),
    ];

    const started = performance.now();
    const worker = async () => {
        while (issued < total) {
            const n = issued++;
            const operation = groups.length < 20 ? createGroup : operations[n % operations.length];
            try {
                await operation();
            } catch (err) {
                errors.push((err as Error).message);
            }
        }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const elapsed = (performance.now() - started) / 1000;

    const stats = await emulator.control.stats();
    const names = new Map<string, number>();
    for await (const g of client.paginate<Group>("/api/v1/groups", { limit: 200 })) {
        names.set(g.profile.name, (names.get(g.profile.name) ?? 0) + 1);
    }
    const duplicates = [...names].filter(([name, n]) => created.has(name) && n > 1).length;
    await client.close();
    await emulator.stop();

    const faults = Object.entries(stats.faults).map(([k, v]) => `${k} ${v}`).join(", ");
    const share = (n: number) => `${((n / stats.total) * 100).toFixed(1)}%`;
    const fiveXX = Object.entries(stats.byStatus).filter(([s]) => s.startsWith("5")).reduce((a, [, v]) => a + v, 0);
    console.log(`client under injected faults: ${total} mixed requests in ${elapsed.toFixed(1)} s`);
    console.log(`  operations: ${JSON.stringify(counts)}`);
    console.log(`  HTTP requests seen by the emulator: ${stats.total}; faults injected: ${faults}`);
    console.log(`  responses: 5xx ${fiveXX} (${share(fiveXX)}), 429 ${stats.byStatus["429"] ?? 0} (${share(stats.byStatus["429"] ?? 0)}), dropped or lost ${stats.byStatus.dropped ?? 0} (${share(stats.byStatus.dropped ?? 0)})`);
    console.log(`  creates recovered by their probe after a lost response: ${counts.probed}`);
    console.log(`  errors surfaced: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ""}`);
    console.log(`  duplicate groups: ${duplicates}`);
    if (errors.length > 0 || duplicates > 0) {
        process.exitCode = 1;
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
