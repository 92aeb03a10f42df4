import type { Review } from "./review";

/** The review for `--json`: every list whole (no cut), and the comment's risks and counts as data. */
export function renderJson(review: Review): Record<string, unknown> {
    return {
        stack: review.stack ?? null,
        total: review.total,
        counts: Object.fromEntries(review.counts.map((count) => [count.type, count.ops])),
        risks: review.risks,
        memberships: review.memberships,
        changes: review.changes.map((change) => ({
            op: change.op,
            type: change.type,
            name: change.name,
            subject: change.subject,
            line: change.line,
            fields: change.fields,
            ...(change.status ? { status: change.status } : {}),
            ...(change.adopts ? { adopts: true } : {}),
            ...(change.runs ? { runs: true } : {}),
        })),
        estimate: { ...review.estimate, buckets: review.estimate.buckets.map((b) => ({ ...b, perMinute: Number.isFinite(b.perMinute) ? b.perMinute : null })) },
        privilegedGroups: review.privilegedGroups,
        errors: review.errors,
    };
}
