/**
 * The scale stack through the real Pulumi CLI against the emulator at Okta's default rate limits (docs/scale.md): N
 * users, N/100 groups (at least 2) and 2N `GroupMembership`s (each user in two groups). Steps: create, a no-change
 * `up`, `refresh`, a drift of 1% made in Okta and repaired by `up --refresh`, and `destroy`. The same steps run first
 * for a program of as many dynamic resources that do nothing (the engine's floor on this machine). For each step it
 * prints the API calls and 429s the emulator counted, the wall time, the rate-limit lower bound and the ratio to it
 * (and the bound with the calls taken in the order Pulumi runs them, docs/scale.md#parallel),
 * the ratio to the floor, the peak resident memory of the CLI, the program and the provider host, and the checkpoint.
 *
 *   node dist/bench/scale.js [--users 1000] [--window-ms 60000] [--no-floor] [--steps create,refresh] [--setup-window-ms 6000]
 *                            [--parallel 8]   (or SCALE_USERS=10000)
 *
 * `--steps` runs only the named steps (create, no-change, refresh, drift, destroy), in their order. Without `create`, the
 * stack is created first and not measured, with `--setup-window-ms W` at W-ms windows: e.g. the destroy of a stack at
 * Okta's default limits, when creating it at those limits too would not fit the time at hand
 * (`--steps destroy --setup-window-ms 6000`: created at ten times Okta's rates).
 * `--parallel P` passes Pulumi's `--parallel` to every step (docs/scale.md#parallel); without it, the CLI's default.
 */
import { argument, BENCH_TOKEN, numberArgument, startEmulatorProcess, type EmulatorProcess } from "./support";
import { DeclaredProject } from "../test/e2e/support/project";
import { scaleGroups, scaleStack } from "../test/e2e/support/scale-stack";
import { floorProject, measuredCommand, megabytes, phasedBoundSeconds, printTable, ratio, rateLimitBoundSeconds, seconds, type CommandFigures } from "./pulumi-steps";

interface Step {
    /** What `--steps` calls it. */
    key: string;
    name: string;
    args: string[];
    /** Done to the org before the step, outside its counts (the floor has no org and skips it). */
    before?: (org: ScaleOrg) => Promise<void>;
    /** Checks the org after the step; throws when the step did not do its job. */
    after?: (org: ScaleOrg) => Promise<void>;
    /** The routes of the step's calls that wait for others or make others wait, in order (phasedBoundSeconds). */
    phases?: string[][];
}

interface ScaleOrg {
    emulator: EmulatorProcess;
    project: DeclaredProject;
    users: number;
    /** What the drift changed, for the check after its repair. */
    drift?: { renamed: string[]; removed: { groupId: string; userId: string }[] };
}

const SKIP_CHECKPOINTS = "true";

/**
 * One call of the bench's own (the drift and its check), outside the package's client: at Okta's default limits the
 * drift's 300 writes pass the token's share of a window, so a 429 is waited out until its window's reset.
 */
async function api(org: ScaleOrg, method: string, path: string, body?: unknown): Promise<any> {
    for (;;) {
        const response = await fetch(new URL(path, org.emulator.url), {
            method,
            headers: { Authorization: `SSWS ${BENCH_TOKEN}`, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
            body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        if (response.status === 429) {
            await waitForReset(response);
            continue;
        }
        if (!response.ok) {
            throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
        }
        return text ? JSON.parse(text) : undefined;
    }
}

/** Sleeps until a 429's window resets by the server's clock (X-Rate-Limit-Reset against its Date), and a second more. */
async function waitForReset(response: Response): Promise<void> {
    const reset = Number(response.headers.get("x-rate-limit-reset")) * 1000;
    const serverNow = Date.parse(response.headers.get("date") ?? "");
    const waitMs = Number.isFinite(reset) && Number.isFinite(serverNow) ? Math.max(0, reset - serverNow) + 1000 : 1000;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/** 1% of the users renamed in Okta, and 1% of the memberships removed (every 50th user's first one). */
async function makeDrift(org: ScaleOrg): Promise<void> {
    const ids = await org.project.ids();
    const renamed: string[] = [];
    const removed: { groupId: string; userId: string }[] = [];
    const groups = scaleGroups(org.users);
    for (let u = 0; u < org.users; u += 100) {
        await api(org, "POST", `/api/v1/users/${ids[`u${u}`]}`, { profile: { lastName: `Drifted ${u}` } });
        renamed.push(ids[`u${u}`]);
    }
    for (let u = 0; u < org.users; u += 50) {
        const member = { groupId: ids[`g${u % groups}`], userId: ids[`u${u}`] };
        await api(org, "DELETE", `/api/v1/groups/${member.groupId}/users/${member.userId}`);
        removed.push(member);
    }
    org.drift = { renamed, removed };
}

async function checkRepaired(org: ScaleOrg): Promise<void> {
    for (const id of org.drift!.renamed) {
        const user = await api(org, "GET", `/api/v1/users/${id}`);
        if (String(user.profile.lastName).startsWith("Drifted")) {
            throw new Error(`user ${id} still has the drifted last name ${user.profile.lastName}`);
        }
    }
    for (const { groupId, userId } of org.drift!.removed) {
        const groups: { id: string }[] = await api(org, "GET", `/api/v1/users/${userId}/groups`);
        if (!groups.some((g) => g.id === groupId)) {
            throw new Error(`user ${userId} was not put back in group ${groupId}`);
        }
    }
}

const ALL_STEPS: Step[] = [
    // Memberships are created once their user and group are; they are deleted before them.
    { key: "create", name: "create", args: ["up", "--yes", "--skip-preview"], phases: [["POST /api/v1/users", "POST /api/v1/groups"]] },
    { key: "no-change", name: "no-change up", args: ["up", "--yes", "--skip-preview", "--expect-no-changes"] },
    { key: "refresh", name: "refresh", args: ["refresh", "--yes", "--skip-preview"] },
    { key: "drift", name: "1% drift repaired (up --refresh)", args: ["up", "--refresh", "--yes", "--skip-preview"], before: makeDrift, after: checkRepaired },
    { key: "destroy", name: "destroy", args: ["destroy", "--yes", "--skip-preview"], phases: [["DELETE /api/v1/groups/:groupId/users/:userId"]] },
];

/** Pulumi's `--parallel` for every step, when `--parallel` is given. */
const PARALLEL: string[] = ((p) => (p === undefined ? [] : ["--parallel", String(numberArgument("parallel", 0))]))(argument("parallel"));

/** The steps asked for with `--steps` (create, no-change, refresh, drift, destroy), or all of them. */
const STEPS: Step[] = ((asked) => (asked ? ALL_STEPS.filter((step) => asked.includes(step.key)) : ALL_STEPS))(argument("steps")?.split(","));

interface Measured extends CommandFigures {
    calls?: number;
    throttled?: number;
    boundSeconds?: number;
    phasedBoundSeconds?: number;
}

interface StepsRun {
    measured: Measured[];
    error?: Error;
    /** The step that failed. */
    failed?: string;
}

/** The create, when `--steps` leaves it out: the stack the measured steps work on, made first and not measured. */
const SETUP: Step[] = STEPS.some((step) => step.key === "create") ? [] : ALL_STEPS.filter((step) => step.key === "create");

/** Runs the setup steps (at `--setup-window-ms` windows when given), then restores the measured steps' windows. */
async function setUp(project: DeclaredProject, org: ScaleOrg | undefined, windowMs: number, log: string): Promise<void> {
    const setupWindowMs = argument("setup-window-ms") === undefined ? windowMs : numberArgument("setup-window-ms", windowMs);
    for (const step of SETUP) {
        await org?.emulator.control.setRateLimits({ windowMs: setupWindowMs });
        const figures = await measuredCommand(project, [...step.args, ...PARALLEL]);
        console.error(`${log} setup ${step.name} (not measured, ${setupWindowMs / 1000} s windows): ${seconds(figures.seconds)} s`);
    }
    await org?.emulator.control.setRateLimits({ windowMs });
}

/** Runs the steps in order; stops at the first that fails, returning what was measured and the error. */
async function runSteps(project: DeclaredProject, org: ScaleOrg | undefined, windowMs: number, log: string): Promise<StepsRun> {
    const measured: Measured[] = [];
    try {
        await setUp(project, org, windowMs, log);
    } catch (err) {
        return { measured, error: err as Error, failed: `setup ${SETUP[0].name}` };
    }
    for (const step of STEPS) {
        try {
            if (org && step.before) {
                await step.before(org);
            }
            if (org) {
                // Each step starts with fresh windows, so that its bound holds from its first call.
                await org.emulator.control.resetRateLimitWindows();
                await org.emulator.control.resetStats();
            }
            const figures: Measured = await measuredCommand(project, [...step.args, ...PARALLEL]);
            let routes = "";
            if (org) {
                // The step's own calls, taken before `after` checks the org over the same API.
                const stats = await org.emulator.control.stats();
                routes = ` ${JSON.stringify(stats.byRoute)}`;
                figures.calls = stats.total;
                figures.throttled = stats.byStatus["429"] ?? 0;
                const limits = await org.emulator.control.rateLimits();
                figures.boundSeconds = rateLimitBoundSeconds(stats, limits);
                figures.phasedBoundSeconds = step.phases ? phasedBoundSeconds(stats, limits, step.phases) : undefined;
                if (step.after) {
                    await step.after(org);
                }
            }
            measured.push(figures);
            console.error(`${log} ${step.name}: ${seconds(figures.seconds)} s${figures.calls === undefined ? "" : `, ${figures.calls} calls`}${routes}`);
        } catch (err) {
            return { measured, error: err as Error, failed: step.name };
        }
    }
    return { measured };
}

async function main(): Promise<void> {
    const users = numberArgument("users", Number(process.env.SCALE_USERS ?? 1000));
    const windowMs = numberArgument("window-ms", 60_000);
    const withFloor = !process.argv.includes("--no-floor");
    const resources = scaleStack(users);
    console.log(
        `Scale stack: ${users} users, ${scaleGroups(users)} groups, ${2 * users} GroupMemberships (${resources.length} resources); ` +
            `emulator at Okta's default limits, ${windowMs / 1000} s windows; file backend, PULUMI_SKIP_CHECKPOINTS=true` +
            (PARALLEL.length > 0 ? `; pulumi ${PARALLEL.join(" ")}` : ""),
    );

    let floor: Measured[] = [];
    if (withFloor) {
        const project = floorProject("scale-floor");
        project.env.PULUMI_SKIP_CHECKPOINTS = SKIP_CHECKPOINTS;
        try {
            await project.init({ url: "http://127.0.0.1:9", apiToken: BENCH_TOKEN }, resources);
            const run = await runSteps(project, undefined, windowMs, "floor");
            floor = run.measured;
            if (run.error) {
                throw run.error;
            }
        } finally {
            await project.remove();
        }
    }

    const emulator = await startEmulatorProcess(["--window-ms", String(windowMs)]);
    const project = new DeclaredProject("scale-okta");
    project.env.PULUMI_SKIP_CHECKPOINTS = SKIP_CHECKPOINTS;
    let run: StepsRun;
    try {
        await project.init({ url: emulator.url, apiToken: BENCH_TOKEN }, resources);
        run = await runSteps(project, { emulator, project, users }, windowMs, "okta");
    } finally {
        await emulator.stop();
        await project.remove();
    }

    const rows = run.measured.map((m, i) => {
        const f = floor[i];
        return [
            STEPS[i].name,
            String(m.calls),
            String(m.throttled),
            seconds(m.seconds),
            seconds(m.boundSeconds!),
            m.boundSeconds! > 0 ? ratio(m.seconds / m.boundSeconds!) : "-",
            m.phasedBoundSeconds ? seconds(m.phasedBoundSeconds) : "-",
            m.phasedBoundSeconds ? ratio(m.seconds / m.phasedBoundSeconds) : "-",
            f ? seconds(f.seconds) : "-",
            f ? ratio(m.seconds / f.seconds) : "-",
            megabytes(m.memory.cli),
            megabytes(m.memory.program),
            megabytes(m.memory["provider host"]),
            f ? `${megabytes(f.memory.program)}/${megabytes(f.memory["provider host"])}` : "-",
            String(m.stateBytes),
            STEPS[i].key !== "destroy" ? String(Math.round(m.stateBytes / resources.length)) : "-",
            f && STEPS[i].key !== "destroy" ? String(Math.round(f.stateBytes / resources.length)) : "-",
        ];
    });
    printTable(
        ["step", "calls", "429s", "wall s", "bound s", "/bound", "in order s", "/in order", "floor s", "/floor", "cli MB", "program MB", "provider MB", "floor prog/prov MB", "state B", "B/res", "floor B/res"],
        rows,
    );
    if (run.error) {
        throw new Error(`step '${run.failed}' failed: ${run.error.message}`);
    }
}

main().catch((err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
});
