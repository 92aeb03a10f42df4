import { pulumi, pulumiJson, type PulumiOptions } from "../pulumi";
import type { StackLock } from "./lock";

/** The type tokens of this package's resources (see the README's "Resources"). */
export const OKTA_TYPE_PREFIX = "pulumi-nodejs:dynamic/okta:";

/** A stack's state as `pulumi stack export` prints it (secrets stay encrypted). */
export interface ExportedStack {
    version: number;
    deployment: { pending_operations?: PendingOperation[]; resources?: { urn: string; type: string; id?: string }[]; [key: string]: unknown };
}

export interface PendingOperation {
    type: string;
    resource: { urn: string; type: string; inputs?: Record<string, unknown> };
}

/** When the interrupted update ran, by the local clock, and how we know. */
export interface UpdateWindow {
    since: Date;
    /** When it had certainly ended; `undefined`: it may have run until now. */
    until?: Date;
    source: string;
}

export function exportStack(stack: string, options: PulumiOptions): Promise<ExportedStack> {
    return pulumiJson<ExportedStack>(["stack", "export", "--stack", stack], options);
}

export async function importStack(stack: string, exported: ExportedStack, options: PulumiOptions): Promise<void> {
    await pulumi(["stack", "import", "--stack", stack], { ...options, input: JSON.stringify(exported) });
}

export function pendingOperations(exported: ExportedStack): PendingOperation[] {
    return exported.deployment.pending_operations ?? [];
}

/** A pending create of one of this package's resources: Pulumi never learnt whether Okta made the object. */
export function isOurPendingCreate(op: PendingOperation): boolean {
    return op.type === "creating" && op.resource.type.startsWith(OKTA_TYPE_PREFIX);
}

/** The resource type name (`User`) of a type token. */
export function typeName(token: string): string {
    return token.slice(OKTA_TYPE_PREFIX.length);
}

/**
 * The natural key a create looks an object up by, as the provider reports it (provider/recovery.ts): login, group
 * name, hook name, app/user pair. `undefined` for the types that have none (memberships: adding a member again changes
 * nothing; operation resources: they act, they make no object).
 */
export function naturalKeyOf(op: PendingOperation): string | undefined {
    const inputs = op.resource.inputs ?? {};
    const text = (name: string) => (typeof inputs[name] === "string" ? (inputs[name] as string) : undefined);
    switch (typeName(op.resource.type)) {
        case "User":
            return text("login");
        case "Group":
        case "EventHook":
            return text("name");
        case "AppUserAssignment":
            return text("appId") && text("userId") ? `${text("appId")}/${text("userId")}` : undefined;
        default:
            return undefined;
    }
}

/** The state without the given pending operations; everything else (secrets included) as exported. */
export function withoutOperations(exported: ExportedStack, remove: PendingOperation[]): ExportedStack {
    const removed = new Set(remove);
    return { ...exported, deployment: { ...exported.deployment, pending_operations: pendingOperations(exported).filter((op) => !removed.has(op)) } };
}

interface HistoryEntry {
    kind?: string;
    result?: string;
    startTime?: string | number;
    endTime?: string | number;
}

/** The stack's latest update, when it failed: a provider host that died fails the update, and the CLI records it. */
export async function latestFailedUpdate(stack: string, options: PulumiOptions): Promise<UpdateWindow | undefined> {
    const history = await pulumiJson<HistoryEntry[] | null>(["stack", "history", "--stack", stack, "--json", "--page-size", "1"], options);
    const latest = history?.[0];
    if (!latest || latest.result !== "failed" || latest.kind !== "update") {
        return undefined;
    }
    const since = timeOf(latest.startTime);
    const until = timeOf(latest.endTime);
    if (!since) {
        return undefined;
    }
    // History keeps whole seconds: the update started within the second after `startTime`, ended before the next one.
    return {
        since,
        until: until && new Date(until.getTime() + 1000),
        source: `the failed update in the stack's history (${since.toISOString()} to ${until?.toISOString() ?? "?"})`,
    };
}

/** The window to use: `--since` first, else the stale lock's timestamp, else the latest update when it failed. */
export function chooseWindow(since: Date | undefined, locks: StackLock[], failed: UpdateWindow | undefined): UpdateWindow | undefined {
    if (since) {
        return { since, source: `--since ${since.toISOString()}` };
    }
    if (locks.length > 0) {
        const earliest = locks.reduce((a, b) => (a.timestamp <= b.timestamp ? a : b));
        return { since: earliest.timestamp, source: `the stale lock of pid ${earliest.pid}@${earliest.hostname} (${earliest.timestamp.toISOString()})` };
    }
    return failed;
}

function timeOf(value: string | number | undefined): Date | undefined {
    if (value === undefined) {
        return undefined;
    }
    const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
}
