import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OktaClient } from "../../core/client";
import { rawRequest } from "../../core/client/raw";
import { RECOVER_REPORT_VARIABLE, RECOVER_SINCE_VARIABLE, RECOVER_UNTIL_VARIABLE, type Takeover } from "../../provider/recovery";
import type { Command, CommandContext } from "../command";
import { IncompleteError, UsageError } from "../exit-codes";
import { pulumi, pulumiJson, runPulumi, type PulumiOptions } from "../pulumi";
import {
    chooseWindow,
    exportStack,
    importStack,
    isOurPendingCreate,
    latestFailedUpdate,
    naturalKeyOf,
    pendingOperations,
    typeName,
    withoutOperations,
    type PendingOperation,
    type UpdateWindow,
} from "../recover/interrupted";
import { brokenCheckpoint, restoreCheckpoint, type BrokenCheckpoint } from "../recover/checkpoint";
import { holderMayBeAlive, readStackLocks, type StackLock } from "../recover/lock";

/**
 * `okta-iac recover --stack NAME`: brings a stack whose `pulumi up` was killed (CLI, language host or provider host)
 * back to a state the next `up` converges from, with no orphan and no duplicate (docs/recovery.md).
 */
export const recoverCommand: Command = {
    words: ["recover"],
    summary: "finish an interrupted `pulumi up`: stale lock, pending creates, objects made but not in state (exit 1: the up still failed)",
    options: {
        cwd: { type: "string", value: "<dir>", description: "the Pulumi project directory (default: the current one)" },
        since: { type: "string", value: "<time>", description: "when the interrupted update started (ISO-8601), if neither the lock nor the history tells" },
        yes: { type: "boolean", description: "act; without it, only show what would be done" },
        force: { type: "boolean", description: "remove the stack lock even when its holder may still run (another host, or a live pid)" },
    },
    async run(ctx, _positionals, options) {
        const stack = options.stack as string | undefined;
        if (!stack) {
            throw new UsageError("recover needs --stack <name>: the stack whose update was interrupted");
        }
        const since = parseSince(options.since as string | undefined);
        const pulumiOptions: PulumiOptions = { env: ctx.env, cwd: ctx.cwd };
        const survey = await surveyStack(stack, since, pulumiOptions, Boolean(options.force), Boolean(options.yes));
        if (!survey.interrupted) {
            return { type: "done", message: `stack ${stack}: no interrupted update (no lock, no pending operation, last update did not fail)`, value: { interrupted: false } };
        }
        if (!options.yes) {
            return { type: "done", message: describePlan(stack, survey), value: { dryRun: true, ...planFigures(survey) } };
        }
        return { type: "done", ...(await recover(ctx, stack, survey, pulumiOptions)) };
    },
};

/** What is known about the interrupted update before anything is changed. */
interface Survey {
    locks: StackLock[];
    window?: UpdateWindow;
    /** This package's pending creates: Okta may or may not have made their objects. */
    pendingCreates: PendingOperation[];
    /** Other pending operations (updates, deletes, other providers' creates): `pulumi refresh` resolves those. */
    otherPending: PendingOperation[];
    /** A checkpoint cut short by the kill, and where the broken file was kept once the backup is in place. */
    broken?: BrokenCheckpoint;
    restored?: string;
    interrupted: boolean;
}

async function surveyStack(stack: string, since: Date | undefined, options: PulumiOptions, force: boolean, act: boolean): Promise<Survey> {
    const backend = options.env.PULUMI_BACKEND_URL ?? (await backendUrl(options));
    const locks = readStackLocks(backend, projectName(options.cwd), stack);
    const live = locks.filter(holderMayBeAlive);
    if (live.length > 0 && !force) {
        const holders = live.map((lock) => `pid ${lock.pid} on ${lock.hostname} since ${lock.timestamp.toISOString()}`).join(", ");
        throw new UsageError(`stack ${stack} is locked by a command that may still run (${holders}); wait for it, or pass --force if it is dead`);
    }
    const broken = brokenCheckpoint(backend, projectName(options.cwd), stack);
    if (broken && !act) {
        // Nothing else can be read until the backup is in place; --yes does that first.
        return { locks, window: chooseWindow(since, locks, undefined), pendingCreates: [], otherPending: [], broken, interrupted: true };
    }
    const restored = broken ? restoreCheckpoint(broken) : undefined;
    const exported = await exportStack(stack, options);
    const pending = pendingOperations(exported);
    const pendingCreates = pending.filter(isOurPendingCreate);
    const otherPending = pending.filter((op) => !isOurPendingCreate(op));
    const failed = locks.length === 0 ? await latestFailedUpdate(stack, options) : undefined;
    const window = chooseWindow(since, locks, failed);
    return { locks, window, pendingCreates, otherPending, broken, restored, interrupted: Boolean(since || locks.length > 0 || pending.length > 0 || failed || broken) };
}

async function recover(ctx: CommandContext, stack: string, survey: Survey, options: PulumiOptions): Promise<{ message: string; value: unknown }> {
    const { window } = survey;
    if (!window) {
        throw new UsageError(
            `cannot tell when the interrupted update of ${stack} started (no stale lock, no failed update in the history): ` +
                "give --since <time> to take over what it made, or clear its pending creates with `pulumi refresh --clear-pending-creates` if you know Okta made nothing",
        );
    }
    const lines: string[] = [`stack ${stack}: interrupted update started ${window.since.toISOString()} (from ${window.source})`];
    // Once the lock is gone and the pending creates dropped, only this time tells a rerun what to take over.
    const rerun = `okta-iac recover --stack ${stack} --since ${window.since.toISOString()} --yes`;
    if (!ctx.json) {
        ctx.io.stderr.write(`${lines[0]}; should this recovery stop half-way, run again: ${rerun}\n`);
    }
    if (survey.broken) {
        lines.push(`the checkpoint was cut short by the kill: restored the previous one from ${survey.broken.backup} (broken file kept as ${survey.restored})`);
    }
    if (survey.locks.length > 0) {
        await pulumi(["cancel", "--yes", "--stack", stack], options);
        lines.push(`removed the stale lock of ${survey.locks.map((lock) => `pid ${lock.pid}@${lock.hostname}`).join(", ")}`);
    }
    const offset = await oktaClockOffset(await ctx.client());
    if (survey.pendingCreates.length > 0) {
        // Dropped from state: the recovery `up` below creates them again or, where Okta made the object, takes it over.
        await importStack(stack, withoutOperations(await exportStack(stack, options), survey.pendingCreates), options);
    }
    if (survey.otherPending.length > 0) {
        await pulumi(["refresh", "--yes", "--skip-preview", "--skip-pending-creates", "--stack", stack], options);
        const foreignCreates = survey.otherPending.filter((op) => op.type === "creating").length;
        lines.push(`refreshed the stack to resolve ${survey.otherPending.length - foreignCreates} other pending operation(s)`);
        if (foreignCreates > 0) {
            lines.push(`${foreignCreates} pending create(s) of other packages are left: resolve them with \`pulumi refresh\` (interactively, or its --import-pending-creates)`);
        }
    }
    const reportDir = mkdtempSync(join(tmpdir(), "okta-recover-"));
    try {
        const report = join(reportDir, "takeovers.jsonl");
        const up = await runPulumi(["up", "--yes", "--skip-preview", "--stack", stack], {
            ...options,
            env: { ...options.env, ...windowVariables(window, offset), [RECOVER_REPORT_VARIABLE]: report },
            echo: ctx.json ? undefined : (text) => ctx.io.stderr.write(text),
        });
        const outcome = classify(survey.pendingCreates, readTakeovers(report));
        lines.push(...describeOutcome(outcome));
        const value = { window: { since: window.since, until: window.until, source: window.source }, ...outcome.figures, upSucceeded: up.code === 0 };
        if (up.code !== 0) {
            lines.push(`the recovery \`pulumi up\` failed: fix what it reports, then run \`${rerun}\``, ...errorLines(up.stdout + up.stderr));
            throw new IncompleteError(lines.join("\n"));
        }
        lines.push("the stack is converged: `pulumi up` now has nothing to do");
        return { message: lines.join("\n"), value };
    } finally {
        rmSync(reportDir, { recursive: true, force: true });
    }
}

/**
 * OKTA_RECOVER_SINCE and OKTA_RECOVER_UNTIL in Okta's clock (docs/recovery.md#the-window). Okta's `created` has whole
 * seconds, so an object made in the same second as the start, just before it, would look as new as one made just after:
 * the window starts at the next whole second, so that nothing made before the update is ever in it.
 */
function windowVariables(window: UpdateWindow, offset: ClockOffset): Record<string, string> {
    const start = window.since.getTime() + offset.ms + offset.uncertaintyMs;
    const end = (window.until ?? new Date()).getTime() + offset.ms + offset.uncertaintyMs;
    return {
        [RECOVER_SINCE_VARIABLE]: new Date(Math.ceil(start / 1000) * 1000).toISOString(),
        [RECOVER_UNTIL_VARIABLE]: new Date(end).toISOString(),
    };
}

/** Okta's clock minus ours, and how far off that may be. */
interface ClockOffset {
    ms: number;
    uncertaintyMs: number;
}

/**
 * Okta's clock minus ours, from the `Date` of cheap reads. `Date` has whole seconds: reading until it ticks to the
 * next second pins the offset down to the time between two reads; without a tick, one second of doubt remains.
 */
async function oktaClockOffset(client: OktaClient): Promise<ClockOffset> {
    const read = async () => {
        const sent = Date.now();
        const response = await rawRequest(client, { method: "GET", url: "/users", queryParams: { limit: 1 } });
        return { sent, received: Date.now(), date: Date.parse(String(response.headers.date ?? "")) };
    };
    let previous = await read();
    if (Number.isNaN(previous.date)) {
        return { ms: 0, uncertaintyMs: 2000 };
    }
    for (let i = 0; i < 25; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const next = await read();
        if (next.date > previous.date) {
            // Okta's second turned between the two answers' departures: at most `next.received - previous.sent` apart.
            return { ms: next.date - next.received, uncertaintyMs: next.received - previous.sent };
        }
        previous = next;
    }
    return { ms: previous.date - previous.received, uncertaintyMs: 1000 + previous.received - previous.sent };
}

function readTakeovers(file: string): Takeover[] {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch {
        return [];
    }
    return text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Takeover);
}

interface Outcome {
    /** Pending creates whose object Okta had made, now in state with its id. */
    imported: Takeover[];
    /** Objects in no state at all (provider host killed, or checkpoints skipped), now in state. */
    adopted: Takeover[];
    /** Pending creates whose object Okta had not made (or that make none): created again by the up. */
    cleared: PendingOperation[];
    figures: { imported: number; cleared: number; adopted: number };
}

function classify(pendingCreates: PendingOperation[], takeovers: Takeover[]): Outcome {
    const keyOf = (type: string, key: string) => `${type}\u0000${key}`;
    const pendingByKey = new Map(pendingCreates.flatMap((op) => {
        const key = naturalKeyOf(op);
        return key === undefined ? [] : [[keyOf(typeName(op.resource.type), key), op] as const];
    }));
    const imported = takeovers.filter((t) => pendingByKey.has(keyOf(t.type, t.key)));
    const adopted = takeovers.filter((t) => !pendingByKey.has(keyOf(t.type, t.key)));
    const importedOps = new Set(imported.map((t) => pendingByKey.get(keyOf(t.type, t.key))));
    const cleared = pendingCreates.filter((op) => !importedOps.has(op));
    return { imported, adopted, cleared, figures: { imported: imported.length, cleared: cleared.length, adopted: adopted.length } };
}

function describeOutcome(outcome: Outcome): string[] {
    const lines = [
        `imported ${outcome.imported.length} pending create(s) whose object Okta had made${byType(outcome.imported)}`,
        `cleared ${outcome.cleared.length} pending create(s) Okta had not made (or that make no object), done again by the up${byType(outcome.cleared.map((op) => ({ type: typeName(op.resource.type) })))}`,
        `adopted ${outcome.adopted.length} orphan(s): made by the interrupted update but in no state${byType(outcome.adopted)}`,
    ];
    const operations = outcome.cleared.filter((op) => naturalKeyOf(op) === undefined && !/^Group(Membership|Members)$/.test(typeName(op.resource.type)));
    if (operations.length > 0) {
        lines.push(`${operations.length} operation resource(s) ran again (an interrupted one may have acted once already): ${operations.map((op) => op.resource.urn.split("::").pop()).join(", ")}`);
    }
    return lines;
}

/** The error lines of Pulumi's output (at most 10), for a failure's message. */
function errorLines(output: string): string[] {
    const errors = output.split("\n").filter((line) => /error:|E0000\d{3}/.test(line)).map((line) => `  ${line.trim()}`);
    return [...new Set(errors)].slice(0, 10);
}

function byType(items: { type: string }[]): string {
    if (items.length === 0) {
        return "";
    }
    const counts = new Map<string, number>();
    items.forEach((item) => counts.set(item.type, (counts.get(item.type) ?? 0) + 1));
    return ` (${[...counts].map(([type, n]) => `${n} ${type}`).join(", ")})`;
}

function describePlan(stack: string, survey: Survey): string {
    const keyed = survey.pendingCreates.filter((op) => naturalKeyOf(op) !== undefined).length;
    return [
        `stack ${stack} has an interrupted update:`,
        survey.broken ? `  a checkpoint cut short by the kill (${survey.broken.file}): would be replaced by its backup, one step behind` : "  a readable checkpoint",
        survey.locks.length > 0 ? `  a stale lock (${survey.locks.map((l) => `pid ${l.pid}@${l.hostname}, ${l.timestamp.toISOString()}`).join("; ")}): would be removed` : "  no lock",
        survey.window ? `  it started ${survey.window.since.toISOString()} (from ${survey.window.source})` : "  its start is unknown: give --since <time>",
        `  ${survey.pendingCreates.length} pending create(s) of this package (${keyed} with a natural key to look up): would be dropped from state and done again by \`pulumi up\`, taking over the objects Okta made since the start`,
        `  ${survey.otherPending.length} other pending operation(s) (other packages' creates, updates, deletes): \`pulumi refresh\` would resolve all but other packages' creates`,
        "  `pulumi up` would then take over objects made by the interrupted update that are in no state (found by login, group name, hook name, app-user pair, created since the start)",
        "run again with --yes to do it",
    ].join("\n");
}

function planFigures(survey: Survey) {
    return { locks: survey.locks.length, since: survey.window?.since, pendingCreates: survey.pendingCreates.length, otherPending: survey.otherPending.length };
}

function parseSince(text: string | undefined): Date | undefined {
    if (text === undefined) {
        return undefined;
    }
    const date = new Date(text);
    if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
        throw new UsageError(`--since must be an ISO-8601 time such as 2026-01-31T12:00:00Z (got '${text}')`);
    }
    return date;
}

async function backendUrl(options: PulumiOptions): Promise<string | undefined> {
    return (await pulumiJson<{ url?: string }>(["whoami", "--json"], options)).url;
}

/** The project's name from Pulumi.yaml (the lock path contains it). */
function projectName(cwd: string): string {
    for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
        try {
            const match = /^name:\s*["']?([^"'\s#]+)/m.exec(readFileSync(join(cwd, file), "utf8"));
            if (match) {
                return match[1];
            }
        } catch {
            // try the next name
        }
    }
    throw new UsageError(`no Pulumi.yaml in ${cwd}: run recover in the project directory, or give --cwd`);
}
