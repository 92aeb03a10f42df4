import { changedFields, fieldText, printable, type FieldChange } from "./fields";
import { labelOf, type NameBook } from "./names";
import { changesOrg, type PlannedStep } from "./preview";

/** One change of the org in admin terms (docs/review.md#lines). */
export interface ReviewedChange {
    /** The engine's operation: create, update, delete, replace. */
    op: string;
    type: string;
    /** The Pulumi resource name. */
    name: string;
    /** The object: a login, a group name, a hook name. */
    subject: string;
    /** The readable line, e.g. `+ user ada@example.com (ACTIVE) into Engineering, Support`. */
    line: string;
    fields: FieldChange[];
    /** A create that takes over an existing object (`adopt: true`). */
    adopts: boolean;
    /** Operation resources: the operation runs in this update. */
    runs: boolean;
    /** UserLifecycleOperation: the lifecycle operation it runs (`deactivate`, `suspend`, ...). */
    operation?: string;
    /** Users: the status before and after (deletions end in DELETED). */
    status?: { from?: string; to?: string };
    /** Why the engine replaces it. */
    replaceReasons: string[];
}

/** Resources that run an Okta operation when created or replaced (provider/resources/operations.ts). */
export const OPERATION_TYPES: Record<string, string> = {
    ResetUserPassword: "reset the password of",
    SetUserPassword: "set the password of",
    ClearUserSessions: "clear the sessions of",
    UnenrollUserFactor: "unenroll a factor of",
    UserLifecycleOperation: "run a lifecycle operation on",
    VerifyEventHook: "verify the hook",
};

const SIGN: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", import: "=" };

/** Inputs shown as memberships (memberships.ts), not as field changes. */
const MEMBERSHIP_INPUTS = ["groupIds", "userIds", "groupId", "userId"];

/** Every step that changes the org, as a readable change. */
export function classifyChanges(steps: PlannedStep[], names: NameBook): ReviewedChange[] {
    const changes = steps.filter(changesOrg).map((step) => classify(step, names));
    return changes.sort((a, b) => opRank(a.op) - opRank(b.op) || a.subject.localeCompare(b.subject));
}

/** Lines list what removes things first: a reviewer reads those most carefully. */
const OP_ORDER = ["delete", "replace", "update", "create"];

function opRank(op: string): number {
    const rank = OP_ORDER.indexOf(op);
    return rank === -1 ? OP_ORDER.length : rank;
}

function classify(step: PlannedStep, names: NameBook): ReviewedChange {
    const inputs = step.op === "delete" ? step.olds : step.news ?? step.olds;
    const fields = visibleChanges(step);
    const change: ReviewedChange = {
        op: step.op,
        type: step.type,
        name: step.name,
        subject: labelOf(step.type, inputs, step.name),
        line: "",
        fields,
        adopts: (step.op === "create" || step.op === "replace") && step.news?.adopt === true,
        runs: step.type in OPERATION_TYPES && (step.op === "create" || step.op === "replace" || step.op === "update"),
        replaceReasons: step.replaceReasons,
    };
    if (step.type === "User") {
        change.status = userStatus(step);
    }
    if (step.type === "UserLifecycleOperation" && typeof inputs?.operation === "string") {
        change.operation = inputs.operation;
    }
    change.line = `${SIGN[step.op] ?? step.op} ${describeChange(step, change, names)}`;
    return change;
}

/**
 * Field changes worth a line. A secret that both sides hold is listed only when nothing visible changed (memberships
 * included): then it is the likely reason for the update, otherwise it is noise on every line.
 */
function visibleChanges(step: PlannedStep): FieldChange[] {
    if (step.op !== "update" && step.op !== "replace") {
        return [];
    }
    const all = changedFields(step.type, step.olds, step.news, MEMBERSHIP_INPUTS);
    const visible = all.filter((change) => !change.maybe);
    const membershipsChanged = MEMBERSHIP_INPUTS.some((input) => JSON.stringify(step.olds?.[input]) !== JSON.stringify(step.news?.[input]));
    return visible.length > 0 || membershipsChanged ? visible : all;
}

function describeChange(step: PlannedStep, change: ReviewedChange, names: NameBook): string {
    switch (step.type) {
        case "User":
            return describeUser(step, change, names);
        case "Group":
            return withFields(`group ${change.subject}`, step, change, step.op === "delete" ? ": deleted (its members lose it)" : "");
        case "GroupMembership":
            return describeMembership(step, names);
        case "GroupMembers":
            return describeMembers(step, names);
        case "AppUserAssignment":
            return withFields(`app assignment: ${names.refs(step, sideOf(step), "userId").join(", ")} to app ${printable("appId", (step.news ?? step.olds)?.appId)}`, step, change);
        case "EventHook":
            return describeHook(step, change);
        default:
            return step.type in OPERATION_TYPES ? describeOperation(step, change, names) : withFields(`${step.type} ${step.name}`, step, change);
    }
}

function describeUser(step: PlannedStep, change: ReviewedChange, names: NameBook): string {
    const user = `user ${change.subject}`;
    if (step.op === "create") {
        // Sorted by name: Okta ignores their order and the preview keeps them in id order.
        const groups = names.refs(step, "news", "groupIds").sort();
        const adopt = change.adopts ? ", adopting the existing user if there is one" : "";
        return `${user} (${change.status?.to}${adopt})${groups.length > 0 ? ` into ${groups.join(", ")}` : ""}`;
    }
    if (step.op === "delete") {
        return change.status?.from === "DEPROVISIONED" ? `${user}: deleted (was deprovisioned)` : `${user}: deprovisioned and deleted`;
    }
    const before = names.refs(step, "olds", "groupIds").sort();
    const after = names.refs(step, "news", "groupIds").sort();
    const added = after.filter((g) => !before.includes(g));
    const removed = before.filter((g) => !after.includes(g));
    const groups = [...added.map((g) => `+${g}`), ...removed.map((g) => `-${g}`)];
    const parts = [...change.fields.map(fieldText), ...(groups.length > 0 ? [`groups ${groups.join(" ")}`] : [])];
    return `${user}${replaced(step)}${parts.length > 0 ? `: ${parts.join("; ")}` : ""}`;
}

function describeMembership(step: PlannedStep, names: NameBook): string {
    const of = (side: "olds" | "news") => `${names.refs(step, side, "userId").join(", ")} of ${names.refs(step, side, "groupId").join(", ")}`;
    if (step.op === "replace") {
        return `member ${of("olds")} -> ${of("news")}`;
    }
    return `member ${of(sideOf(step))}`;
}

function describeMembers(step: PlannedStep, names: NameBook): string {
    const group = names.refs(step, sideOf(step), "groupId").join(", ");
    const authoritative = (step.news ?? step.olds)?.authoritative === true ? " (authoritative: members not listed are removed)" : "";
    const before = names.refs(step, "olds", "userIds").sort();
    const after = names.refs(step, "news", "userIds").sort();
    const added = after.filter((u) => !before.includes(u)).map((u) => `+${u}`);
    const removed = before.filter((u) => !after.includes(u)).map((u) => `-${u}`);
    if (step.op === "delete") {
        return `members of ${group}: the listed members are removed: ${before.join(", ") || "none"}`;
    }
    return `members of ${group}${authoritative}: ${[...added, ...removed].join(" ") || "no member change"}`;
}

function describeHook(step: PlannedStep, change: ReviewedChange): string {
    const hook = `hook ${change.subject}`;
    if (step.op === "create") {
        const inputs = step.news ?? {};
        const adopt = change.adopts ? "; adopt: takes over the existing one if there is one" : "";
        return `${hook} -> ${printable("url", inputs.url)} (events: ${printable("eventTypes", inputs.eventTypes)}${adopt})`;
    }
    return withFields(hook, step, change, step.op === "delete" ? ": deactivated and deleted" : "");
}

function describeOperation(step: PlannedStep, change: ReviewedChange, names: NameBook): string {
    const inputs = step.news ?? step.olds ?? {};
    const target = step.type === "VerifyEventHook" ? names.refs(step, sideOf(step), "eventHookId") : names.refs(step, sideOf(step), "userId");
    const what = step.type === "UserLifecycleOperation" ? `${printable("operation", inputs.operation)} user` : OPERATION_TYPES[step.type];
    const triggers = inputs.triggers === undefined ? "" : ` (triggers: ${printable("triggers", inputs.triggers)})`;
    if (!change.runs) {
        return `${step.type} ${step.name}: record removed (nothing is undone in Okta)`;
    }
    return `runs: ${what} ${target.join(", ")}${triggers}`;
}

function withFields(text: string, step: PlannedStep, change: ReviewedChange, suffix = ""): string {
    if (change.adopts && step.type !== "User") {
        suffix += " (adopt: takes over the existing one if there is one)";
    }
    const fields = change.fields.map(fieldText).join("; ");
    return `${text}${replaced(step)}${suffix}${fields ? `: ${fields}` : ""}`;
}

function replaced(step: PlannedStep): string {
    return step.op === "replace" ? ` (replaced: deleted and created again, because of ${step.replaceReasons.join(", ") || "a changed input"})` : "";
}

function sideOf(step: PlannedStep): "olds" | "news" {
    return step.op === "delete" ? "olds" : "news";
}

/** A user's status before and after the step, in Okta's terms (a deletion ends in DELETED). */
function userStatus(step: PlannedStep): { from?: string; to?: string } {
    const statusOf = (inputs: PlannedStep["olds"]) =>
        inputs === undefined ? undefined : typeof inputs.status === "string" ? inputs.status : inputs.activate === false ? "STAGED" : "ACTIVE";
    return { from: statusOf(step.olds), to: step.op === "delete" ? "DELETED" : statusOf(step.news) };
}
