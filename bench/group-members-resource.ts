/**
 * The GroupMembers resource under Okta's default rate limits: N members added to a group by the provider (as `pulumi up`
 * would create the resource), against an emulator in its own process whose rate-limit window is compressed (default
 * 2 s instead of 60 s; the per-window limits are Okta's). Prints the API calls the emulator counted against the
 * minimum (one per member), the 429s, and the wall time.
 *
 *   node dist/bench/group-members-resource.js [--members 2000] [--window-ms 2000]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { dynamicProvider } from "../provider";
import { BENCH_TOKEN, numberArgument, startEmulatorProcess } from "./support";

async function main(): Promise<void> {
    const members = numberArgument("members", 2000);
    const windowMs = numberArgument("window-ms", 2000);
    const dir = mkdtempSync(join(tmpdir(), "okta-bench-"));
    const seedFile = join(dir, "seed.yaml");
    const logins = Array.from({ length: members }, (_, i) => `member${i}@example.com`);
    writeFileSync(
        seedFile,
        stringify({
            groups: [{ name: "Everyone in the company" }],
            users: logins.map((login, i) => ({ id: `00ubench${String(i).padStart(12, "0")}`, login, firstName: "Bench", lastName: `M${i}` })),
        }),
    );
    const emulator = await startEmulatorProcess(["--seed", seedFile, "--window-ms", String(windowMs)]);
    try {
        const groups = await (await fetch(`${emulator.url}/api/v1/groups?q=Everyone%20in`, { headers: { Authorization: `SSWS ${BENCH_TOKEN}` } })).json();
        const groupId = (groups as { id: string }[])[0].id;
        const userIds = logins.map((_, i) => `00ubench${String(i).padStart(12, "0")}`);

        const provider = dynamicProvider("GroupMembers");
        await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": emulator.url, "okta:apiToken": BENCH_TOKEN })[key] } } as any);
        await emulator.control.resetStats();
        const started = Date.now();
        await provider.create({ groupId, userIds, authoritative: true });
        const seconds = (Date.now() - started) / 1000;
        const stats = await emulator.control.stats();
        const throttled = stats.byStatus["429"] ?? 0;
        console.log(
            `GroupMembers create of ${members} members, Okta's limits in ${windowMs} ms windows: ${stats.total} API calls ` +
                `(minimum ${members}, ratio ${(stats.total / members).toFixed(4)}), ${throttled} answered 429, ${seconds.toFixed(1)} s`,
        );
        console.log(`  by route: ${JSON.stringify(stats.byRoute)}`);
    } finally {
        await emulator.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
});
