import { OPERATION_TYPES, type ReviewedChange } from "./classify";
import type { MembershipDelta } from "./memberships";

/** The built-in group of Okta's administrators; always privileged (docs/review.md#risks). */
export const OKTA_ADMINISTRATORS = "Okta Administrators";

/** The kinds of risk a reviewer must see first, in the order the review lists them. */
export type RiskKind = "privileged-membership" | "user-removal" | "hook-destination" | "replacement" | "adoption" | "operation";

export interface Risk {
    kind: RiskKind;
    line: string;
}

export const RISK_TITLES: Record<RiskKind, string> = {
    "privileged-membership": "Privileged group membership",
    "user-removal": "Users deactivated, suspended or deleted",
    "hook-destination": "Event hook destination or authentication",
    replacement: "Replacements (deleted and created again)",
    adoption: "Existing objects taken over (adopt)",
    operation: "Operations that will run",
};

/** Statuses in which a user can no longer sign in. */
const LOCKED_OUT = new Set(["DEPROVISIONED", "SUSPENDED", "DELETED"]);

/** Hook inputs that decide where Okta sends the org's events and with which credentials. */
const HOOK_DESTINATION = new Set(["url", "authHeaderName", "authHeaderValue", "headers"]);

/** Lifecycle operations that stop a user from signing in. */
const LOCKING_OPERATIONS = new Set(["deactivate", "suspend"]);

/** Every risk of the update, in RISK_TITLES order; `privileged` names groups (names or ids, any case). */
export function assessRisks(changes: ReviewedChange[], memberships: MembershipDelta[], privileged: readonly string[]): Risk[] {
    const risks: Risk[] = [...privilegedMemberships(memberships, privileged)];
    for (const change of changes) {
        risks.push(...risksOf(change));
    }
    const order = Object.keys(RISK_TITLES);
    return risks.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** The privileged groups: Okta Administrators and those named by flag or config. */
export function privilegedGroups(named: readonly string[]): string[] {
    return [...new Set([OKTA_ADMINISTRATORS, ...named].map((name) => name.trim()).filter(Boolean))];
}

function privilegedMemberships(memberships: MembershipDelta[], privileged: readonly string[]): Risk[] {
    const wanted = new Set(privileged.map((name) => name.toLowerCase()));
    return memberships
        .filter((delta) => wanted.has(delta.group.toLowerCase()))
        .map((delta) => {
            const parts = [...delta.added.map((u) => `+ ${u}`), ...delta.removed.map((u) => `- ${u}`)];
            if (delta.authoritative) {
                parts.push("authoritative: members not listed are removed");
            }
            return { kind: "privileged-membership" as const, line: `${delta.group}: ${parts.join(", ")}` };
        });
}

function risksOf(change: ReviewedChange): Risk[] {
    const risks: Risk[] = [];
    if (change.type === "User" && LOCKED_OUT.has(change.status?.to ?? "") && change.status?.from !== change.status?.to) {
        risks.push({ kind: "user-removal", line: change.line });
    }
    if (change.type === "UserLifecycleOperation" && change.runs && LOCKING_OPERATIONS.has(change.operation ?? "")) {
        risks.push({ kind: "user-removal", line: change.line });
    }
    if (change.type === "EventHook" && (change.op === "create" || change.op === "delete" || change.fields.some((f) => HOOK_DESTINATION.has(f.field)))) {
        risks.push({ kind: "hook-destination", line: change.line });
    }
    if (change.op === "replace" && !(change.type in OPERATION_TYPES)) {
        risks.push({ kind: "replacement", line: change.line });
    }
    if (change.adopts) {
        risks.push({ kind: "adoption", line: change.line });
    }
    if (change.runs) {
        risks.push({ kind: "operation", line: change.line });
    }
    return risks;
}
