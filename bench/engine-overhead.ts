/**
 * This package's overhead over the Pulumi engine's floor (docs/scale.md#engine-overhead): N resources of one type
 * through the real CLI, then the same N resources of a dynamic provider that does nothing, each taken through the same
 * commands: create, a no-op `preview`, `preview --refresh`, a no-change `up`, `refresh`, `destroy`. Rate limits are
 * out of the way (the API is not what is measured). For each command: wall time and its ratio to the floor, the peak
 * resident memory of the program process and of the provider host, the API calls; and the checkpoint's bytes per
 * resource.
 *
 *   node dist/bench/engine-overhead.js [--count 1000] [--types User,Group,GroupMembership] [--no-floor]
 *
 * `--no-floor` measures this package alone (each command's calls by route go to stderr either way).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { argument, BENCH_TOKEN, numberArgument, startEmulatorProcess, type EmulatorProcess } from "./support";
import { DeclaredProject, type DeclaredResource } from "../test/e2e/support/project";
import { floorProject, measuredCommand, megabytes, printTable, ratio, seconds, type CommandFigures } from "./pulumi-steps";

const COMMANDS: { name: string; args: string[] }[] = [
    { name: "create", args: ["up", "--yes", "--skip-preview"] },
    { name: "preview (no-op)", args: ["preview", "--expect-no-changes"] },
    { name: "preview --refresh", args: ["preview", "--refresh"] },
    { name: "up (no change)", args: ["up", "--yes", "--skip-preview", "--expect-no-changes"] },
    { name: "refresh", args: ["refresh", "--yes", "--skip-preview"] },
    { name: "destroy", args: ["destroy", "--yes", "--skip-preview"] },
];

/** Members of one seeded group for the GroupMembership workload: one page of Okta's member listing. */
const MEMBERS_PER_GROUP = 200;
const seededUserId = (i: number) => `00ubench${String(i).padStart(12, "0")}`;
const seededGroupId = (i: number) => `00gbench${String(i).padStart(12, "0")}`;

function resources(type: string, count: number): DeclaredResource[] {
    return Array.from({ length: count }, (_, i): DeclaredResource => {
        switch (type) {
            case "Group":
                return { type, name: `r${i}`, args: { name: `Overhead group ${i}` } };
            case "User":
                return { type, name: `r${i}`, args: { login: `overhead${i}@example.com`, email: `overhead${i}@example.com`, firstName: "Overhead", lastName: `User ${i}` } };
            case "GroupMembership":
                return { type, name: `r${i}`, args: { groupId: seededGroupId(Math.floor(i / MEMBERS_PER_GROUP)), userId: seededUserId(i) } };
            default:
                throw new Error(`--types: no workload for ${type} (User, Group, GroupMembership)`);
        }
    });
}

/** An emulator with the users and groups the GroupMembership workload refers to, and rate limits out of the way. */
async function startOrg(count: number, dir: string): Promise<EmulatorProcess> {
    const seedFile = join(dir, "seed.yaml");
    writeFileSync(
        seedFile,
        stringify({
            groups: Array.from({ length: Math.ceil(count / MEMBERS_PER_GROUP) }, (_, i) => ({ id: seededGroupId(i), name: `Seeded group ${i}` })),
            users: Array.from({ length: count }, (_, i) => ({ id: seededUserId(i), login: `seeded${i}@example.com`, firstName: "Seeded", lastName: `User ${i}` })),
        }),
    );
    const emulator = await startEmulatorProcess(["--seed", seedFile, "--concurrency-limit", "0", "--token-share", "100"]);
    await emulator.control.setRateLimits({ otherLimit: 1_000_000 });
    return emulator;
}

async function runCommands(project: DeclaredProject, emulator?: EmulatorProcess): Promise<(CommandFigures & { calls?: number })[]> {
    const measured: (CommandFigures & { calls?: number })[] = [];
    for (const command of COMMANDS) {
        await emulator?.control.resetStats();
        const figures: CommandFigures & { calls?: number } = await measuredCommand(project, command.args);
        let routes = "";
        if (emulator) {
            const stats = await emulator.control.stats();
            figures.calls = stats.total;
            routes = ` ${JSON.stringify(stats.byRoute)}`;
        }
        console.error(`  ${command.name}: ${seconds(figures.seconds)} s${routes}`);
        measured.push(figures);
    }
    return measured;
}

async function measureType(type: string, count: number, emulator: EmulatorProcess): Promise<void> {
    const declared = resources(type, count);
    let floorFigures: CommandFigures[] = [];
    if (!process.argv.includes("--no-floor")) {
        console.error(`${type} x ${count}: the trivial provider`);
        const floor = floorProject(`overhead-floor-${type}`);
        floor.env.PULUMI_SKIP_CHECKPOINTS = "true";
        try {
            await floor.init({ url: emulator.url, apiToken: BENCH_TOKEN }, declared);
            floorFigures = await runCommands(floor);
        } finally {
            await floor.remove();
        }
    }
    console.error(`${type} x ${count}: this package`);
    const project = new DeclaredProject(`overhead-${type}`);
    project.env.PULUMI_SKIP_CHECKPOINTS = "true";
    let figures: (CommandFigures & { calls?: number })[];
    try {
        await project.init({ url: emulator.url, apiToken: BENCH_TOKEN }, declared);
        figures = await runCommands(project, emulator);
    } finally {
        await project.remove();
    }

    console.log(`\n${count} ${type} resources against ${count} trivial dynamic resources (file backend, PULUMI_SKIP_CHECKPOINTS=true)`);
    printTable(
        ["command", "calls", "wall s", "floor s", "ratio", "program MB", "floor MB", "ratio", "provider MB", "floor MB", "cli MB", "floor MB"],
        figures.map((m, i) => {
            const f: CommandFigures | undefined = floorFigures[i];
            return [
                COMMANDS[i].name,
                String(m.calls),
                seconds(m.seconds),
                f ? seconds(f.seconds) : "-",
                f ? ratio(m.seconds / f.seconds) : "-",
                megabytes(m.memory.program),
                f ? megabytes(f.memory.program) : "-",
                f && m.memory.program && f.memory.program ? ratio(m.memory.program / f.memory.program) : "-",
                megabytes(m.memory["provider host"]),
                f ? megabytes(f.memory["provider host"]) : "-",
                megabytes(m.memory.cli),
                f ? megabytes(f.memory.cli) : "-",
            ];
        }),
    );
    const perResource = (bytes: number) => Math.round(bytes / count);
    const floorState = floorFigures.length > 0 ? ` (floor ${perResource(floorFigures[0].stateBytes)})` : "";
    console.log(`checkpoint after create: ${perResource(figures[0].stateBytes)} bytes per resource${floorState}`);
}

async function main(): Promise<void> {
    const count = numberArgument("count", 1000);
    const types = (argument("types") ?? "User,Group,GroupMembership").split(",");
    types.forEach((type) => resources(type, 1));
    const dir = mkdtempSync(join(tmpdir(), "okta-overhead-"));
    const emulator = await startOrg(count, dir);
    try {
        for (const type of types) {
            await measureType(type, count, emulator);
        }
    } finally {
        await emulator.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
});
