/**
 * What the scale benchmarks measure around one Pulumi CLI command: wall time, the peak resident memory of each process
 * it starts, the checkpoint's size, and the lower bound Okta's rate limits put on the API calls it made
 * (docs/scale.md#what-is-measured).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { bucketOf, UNLIMITED } from "../core/okta/rate-limit-buckets";
import type { ControlStats, RateLimitSettings } from "../emulator";
import { REPO_ROOT } from "../scripts/pulumi-offline";
import { DeclaredProject } from "../test/e2e/support/project";

/** The processes of one Pulumi command whose memory is reported. */
export const ROLES = ["cli", "program", "provider host"] as const;
export type Role = (typeof ROLES)[number];

/** The program whose every resource is a dynamic resource that does nothing: the engine's floor. */
export const TRIVIAL_FLOOR_PROGRAM = join(REPO_ROOT, "bench", "programs", "trivial-floor.js");

/**
 * Which process a command line is: the `pulumi` CLI, the Node.js program (`@pulumi/pulumi/cmd/run`, started by the
 * language host) or the dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, started by the
 * `pulumi-resource-pulumi-nodejs` plugin script). Other processes (the language host, the plugin's shell, the
 * emulator) are not reported.
 */
function roleOf(argv: string[]): Role | undefined {
    if (argv.length === 0) {
        return undefined;
    }
    if (/(^|\/)pulumi$/.test(argv[0])) {
        return "cli";
    }
    if (argv.some((arg) => arg.includes("cmd/dynamic-provider"))) {
        return "provider host";
    }
    if (argv.some((arg) => /@pulumi\/pulumi\/cmd\/run/.test(arg))) {
        return "program";
    }
    return undefined;
}

function childrenByParent(): Map<number, number[]> {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
            // The command name (2nd field) may hold spaces and parentheses; the fields after its last ")" do not.
            const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
        } catch {
            // The process ended while we listed it.
        }
    }
    return children;
}

/**
 * The peak resident set (VmHWM, which the kernel keeps per process) of every Pulumi process below this one, by role,
 * sampled every `intervalMs`: the last sample of a process is its peak unless it grew in its final interval.
 */
export class PeakMemory {
    private readonly peaks = new Map<Role, number>();
    private timer?: NodeJS.Timeout;

    start(intervalMs = 200): void {
        this.sample();
        this.timer = setInterval(() => this.sample(), intervalMs);
    }

    /** Bytes by role; 0 for a role no process had. */
    stop(): Record<Role, number> {
        clearInterval(this.timer);
        return Object.fromEntries(ROLES.map((role) => [role, this.peaks.get(role) ?? 0])) as Record<Role, number>;
    }

    private sample(): void {
        const children = childrenByParent();
        const pending = [...(children.get(process.pid) ?? [])];
        while (pending.length > 0) {
            const pid = pending.pop()!;
            pending.push(...(children.get(pid) ?? []));
            try {
                const role = roleOf(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean));
                const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
                if (role && hwm) {
                    this.peaks.set(role, Math.max(this.peaks.get(role) ?? 0, Number(hwm[1]) * 1024));
                }
            } catch {
                // Ended between the listing and the read.
            }
        }
    }
}

export interface CommandFigures {
    seconds: number;
    memory: Record<Role, number>;
    /** The checkpoint's size after the command (0 when there is none). */
    stateBytes: number;
}

/** Runs `pulumi <args>` in the project (rejects when it fails) and measures it. */
export async function measuredCommand(project: DeclaredProject, args: string[]): Promise<CommandFigures> {
    const memory = new PeakMemory();
    memory.start();
    const started = performance.now();
    let peaks: Record<Role, number>;
    try {
        await project.pulumi(...args);
    } finally {
        peaks = memory.stop();
    }
    return { seconds: (performance.now() - started) / 1000, memory: peaks, stateBytes: fileSize(project.checkpointFile) };
}

function fileSize(path: string): number {
    try {
        return statSync(path).size;
    } catch {
        return 0;
    }
}

/** A DeclaredProject running the trivial-provider program instead of this package's. */
export function floorProject(name: string): DeclaredProject {
    const project = new DeclaredProject(name);
    project.useProgram(TRIVIAL_FLOOR_PROGRAM);
    return project;
}

/**
 * The shortest time in which the calls the emulator counted could have been answered under its rate limits: a
 * bucket that allows L calls a window to one token (its limit times the per-token share,
 * docs/okta/rate-limits.md#per-token-share) answers c calls in no less than floor((c - 1) / L) windows, the first
 * window starting at the first call; buckets run side by side, so the bound is the largest. 429 answers are counted
 * too (they are retried), so a step with 429s has its bound slightly overstated.
 */
export function rateLimitBoundSeconds(stats: Pick<ControlStats, "byRoute">, settings: RateLimitSettings): number {
    const byBucket = new Map<string, number>();
    for (const [route, count] of Object.entries(stats.byRoute)) {
        const [method, template] = route.split(" ");
        if (!template?.startsWith("/")) {
            continue;
        }
        const bucket = bucketOf(method, template);
        byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count);
    }
    let windows = 0;
    for (const [bucket, calls] of byBucket) {
        const limit = settings.limits[bucket];
        if (bucket === UNLIMITED || limit === null || limit === undefined) {
            continue;
        }
        const perToken = settings.tokenShare >= 100 ? limit : Math.max(1, Math.floor((limit * settings.tokenShare) / 100));
        windows = Math.max(windows, Math.floor((calls - 1) / perToken));
    }
    return (windows * settings.windowMs) / 1000;
}

/**
 * The rate-limit bound when the calls run in phases, one after the other: the sum of each phase's bound. `phases` lists
 * the routes of each phase but the last, which has every other route. Pulumi runs a destroy's deletes that way
 * (resources that others depend on only once those are deleted), and, when `--parallel` is below the number of steps
 * waiting on one bucket, a create's too: the steps it runs first hold every slot (docs/scale.md#parallel).
 */
export function phasedBoundSeconds(stats: Pick<ControlStats, "byRoute">, settings: RateLimitSettings, phases: string[][]): number {
    const routes = Object.entries(stats.byRoute);
    const earlier = new Set(phases.flat());
    const byPhase = [...phases, routes.map(([route]) => route).filter((route) => !earlier.has(route))];
    return byPhase
        .map((phase) => rateLimitBoundSeconds({ byRoute: Object.fromEntries(routes.filter(([route]) => phase.includes(route))) }, settings))
        .reduce((sum, bound) => sum + bound, 0);
}

/** Prints rows as aligned columns under a header. */
export function printTable(header: string[], rows: string[][]): void {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    rows.forEach((row) => console.log(line(row)));
}

export const megabytes = (bytes: number): string => (bytes === 0 ? "-" : (bytes / 2 ** 20).toFixed(0));
export const seconds = (value: number): string => value.toFixed(1);
export const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : "-");
