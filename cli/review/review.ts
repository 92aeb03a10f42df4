import { classifyChanges, type ReviewedChange } from "./classify";
import { estimateCalls, type CallEstimate, type EstimateSettings } from "./estimate";
import { membershipDeltas, type MembershipDelta } from "./memberships";
import type { NameBook } from "./names";
import { changesOrg, type Preview } from "./preview";
import { assessRisks, type Risk } from "./risk";

/** Changes of one resource type, by operation. */
export interface TypeCount {
    type: string;
    ops: Record<string, number>;
    total: number;
}

/** Everything a review reports, before rendering (docs/review.md). */
export interface Review {
    stack?: string;
    counts: TypeCount[];
    total: number;
    risks: Risk[];
    memberships: MembershipDelta[];
    changes: ReviewedChange[];
    estimate: CallEstimate;
    privilegedGroups: string[];
    /** Error diagnostics of the preview (the review of a failed preview is incomplete). */
    errors: string[];
}

export interface ReviewOptions {
    stack?: string;
    privilegedGroups: string[];
    estimate?: EstimateSettings;
}

export function buildReview(preview: Preview, names: NameBook, options: ReviewOptions): Review {
    const changes = classifyChanges(preview.steps, names);
    const memberships = membershipDeltas(preview.steps, names);
    const counts = countByType([...changes, ...preview.otherSteps.filter(changesOrg)]);
    return {
        stack: options.stack,
        counts,
        total: counts.reduce((sum, count) => sum + count.total, 0),
        risks: assessRisks(changes, memberships, options.privilegedGroups),
        memberships,
        changes,
        estimate: estimateCalls(preview.steps, options.estimate),
        privilegedGroups: options.privilegedGroups,
        errors: preview.errors,
    };
}

function countByType(changes: { type: string; op: string }[]): TypeCount[] {
    const byType = new Map<string, TypeCount>();
    for (const { type, op } of changes) {
        const count = byType.get(type) ?? { type, ops: {}, total: 0 };
        count.ops[op] = (count.ops[op] ?? 0) + 1;
        count.total++;
        byType.set(type, count);
    }
    return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
