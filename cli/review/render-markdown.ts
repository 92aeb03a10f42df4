import { counted } from "../output";
import type { ReviewedChange } from "./classify";
import type { CallEstimate } from "./estimate";
import type { MembershipDelta } from "./memberships";
import type { Review } from "./review";
import { RISK_TITLES, type RiskKind } from "./risk";

/** GitHub refuses a comment longer than this many characters (docs/review.md#size). */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Lists longer than this fold into `<details>`. */
const FOLD_AFTER = 10;

/** How many lines each list keeps, tried in turn until the comment fits. */
const CAPS = [Infinity, 1000, 400, 200, 100, 50, 20, 10, 5];

const OPS = ["create", "update", "replace", "delete"];

/** Lines left out of lists so that the comment fits. */
interface Cut {
    lines: number;
}

/**
 * The review as a Markdown PR comment of at most `limit` characters: risks first, then counts, API calls, memberships
 * per group and every change by type. When it would be longer, each list keeps fewer lines (risks keep more than other
 * lists) and a note says what was cut.
 */
export function renderMarkdown(review: Review, limit = GITHUB_COMMENT_LIMIT): string {
    for (const cap of CAPS) {
        const cut: Cut = { lines: 0 };
        const body = renderWith(review, cap, cut);
        const text = cut.lines > 0 ? `${body}\n${cutNote(cut.lines, limit)}\n` : body;
        if (text.length <= limit) {
            return text;
        }
    }
    // Only a review with huge single lines gets here: keep the head, which holds the risks.
    const note = `\n\n${cutNote(undefined, limit)}\n`;
    return `${renderWith(review, CAPS[CAPS.length - 1], { lines: 0 }).slice(0, limit - note.length)}${note}`;
}

function cutNote(lines: number | undefined, limit: number): string {
    const what = lines === undefined ? "The end of this review" : `${counted(lines, "line")} of long lists`;
    return `> ✂️ ${what} ${lines === 1 ? "was" : "were"} left out to stay under GitHub's ${limit.toLocaleString("en-US")}-character limit for a comment; \`okta-iac review --json\` lists every change.`;
}

function renderWith(review: Review, cap: number, cut: Cut): string {
    const sections = [
        title(review),
        headline(review),
        ...errorsSection(review),
        risksSection(review, Math.max(cap, 20), cut),
        countsSection(review),
        estimateSection(review.estimate),
        ...membershipSection(review.memberships, cap, cut),
        changesSection(review.changes, cap, cut),
    ];
    return `${sections.join("\n\n")}\n`;
}

function title(review: Review): string {
    return `## Okta change review${review.stack ? ` of stack \`${code(review.stack)}\`` : ""}`;
}

function headline(review: Review): string {
    if (review.total === 0) {
        return "**No change**: the org already matches the program.";
    }
    const ops = OPS.map((op) => [op, review.counts.reduce((sum, c) => sum + (c.ops[op] ?? 0), 0)] as const).filter(([, n]) => n > 0);
    const risks = review.risks.length === 0 ? "no risky change found" : `**${counted(review.risks.length, "risk")}** to check`;
    return `**${counted(review.total, "change")}** (${ops.map(([op, n]) => `${n} to ${op}`).join(", ")}); ${risks}; ${counted(review.estimate.calls, "API call")}, ${duration(review.estimate.minimumSeconds)}.`;
}

function errorsSection(review: Review): string[] {
    if (review.errors.length === 0) {
        return [];
    }
    return [`### ❌ The preview failed\n\nThis review shows what the preview planned before it stopped.\n\n${fenced(review.errors.map((e) => e.split("\n")[0]))}`];
}

function risksSection(review: Review, cap: number, cut: Cut): string {
    if (review.risks.length === 0) {
        return `### Risks\n\nNone found (privileged groups: ${review.privilegedGroups.map((g) => `\`${code(g)}\``).join(", ")}).`;
    }
    const parts = [`### ⚠️ Risks (${review.risks.length})`];
    for (const kind of Object.keys(RISK_TITLES) as RiskKind[]) {
        const lines = review.risks.filter((risk) => risk.kind === kind).map((risk) => risk.line);
        if (lines.length > 0) {
            parts.push(`**${RISK_TITLES[kind]}** (${lines.length})\n\n${foldedList(lines, cap, cut, "more")}`);
        }
    }
    return parts.join("\n\n");
}

function countsSection(review: Review): string {
    if (review.counts.length === 0) {
        return "";
    }
    const ops = [...new Set([...OPS, ...review.counts.flatMap((c) => Object.keys(c.ops))])].filter((op) => review.counts.some((c) => c.ops[op]));
    const rows = review.counts.map((c) => `| ${code(c.type)} | ${ops.map((op) => c.ops[op] ?? "").join(" | ")} | ${c.total} |`);
    return [`### Changes by resource type`, "", `| Type | ${ops.join(" | ")} | total |`, `|---|${ops.map(() => "---:").join("|")}|---:|`, ...rows].join("\n");
}

function estimateSection(estimate: CallEstimate): string {
    if (estimate.calls === 0) {
        return "### API calls\n\nThe `up` makes no Okta API call.";
    }
    const { tokenSharePercent, maxApiCapacityPercent, overrides } = estimate.assumptions;
    const basis =
        `Okta's default Workforce limits per minute${Object.keys(overrides).length > 0 ? ` (with ${Object.entries(overrides).map(([b, n]) => `${b}=${n}`).join(", ")})` : ""}, ` +
        `of which one API token may use ${tokenSharePercent}% and this stack ${maxApiCapacityPercent}% (\`okta:maxApiCapacity\`)`;
    const rows = estimate.buckets.map((b) => `| \`${b.bucket}\` | ${b.calls} | ${Number.isFinite(b.perMinute) ? b.perMinute : "unlimited"} | ${b.waits} |`);
    return [
        "### API calls and time",
        "",
        `The \`up\` needs about **${estimate.calls}** Okta API calls and **${duration(estimate.minimumSeconds)}** at ${basis}; request latency comes on top.`,
        "",
        "| Bucket | calls | per minute | windows waited |",
        "|---|---:|---:|---:|",
        ...rows,
    ].join("\n");
}

function membershipSection(deltas: MembershipDelta[], cap: number, cut: Cut): string[] {
    if (deltas.length === 0) {
        return [];
    }
    const rows = deltas.map((d) => `| ${code(d.group)} | ${d.added.length} | ${d.removed.length}${d.authoritative ? " (and any member not listed)" : ""} |`);
    const table = ["| Group | joining | leaving |", "|---|---:|---:|", ...capped(rows, cap, cut)].join("\n");
    const lines = deltas.flatMap((d) => [...d.added.map((u) => `+ ${d.group}: ${u}`), ...d.removed.map((u) => `- ${d.group}: ${u}`)]);
    return [`### Membership changes by group\n\n${table}\n\n<details><summary>Who joins and leaves (${lines.length})</summary>\n\n${fenced(capped(lines, cap, cut), "diff")}\n\n</details>`];
}

function changesSection(changes: ReviewedChange[], cap: number, cut: Cut): string {
    const types = [...new Set(changes.map((c) => c.type))].sort();
    const parts = ["### All changes"];
    for (const type of types) {
        const lines = changes.filter((c) => c.type === type).map((c) => c.line);
        const block = fenced(capped(lines, cap, cut), "diff");
        parts.push(lines.length > FOLD_AFTER ? `<details><summary>${code(type)} (${lines.length})</summary>\n\n${block}\n\n</details>` : `**${code(type)}** (${lines.length})\n\n${block}`);
    }
    return changes.length === 0 ? "" : parts.join("\n\n");
}

/** A bullet list; past FOLD_AFTER lines the rest folds. */
function foldedList(lines: string[], cap: number, cut: Cut, label: string): string {
    const kept = capped(lines, cap, cut);
    const bullet = (line: string) => `- \`${code(line)}\``;
    const head = kept.slice(0, FOLD_AFTER).map(bullet).join("\n");
    if (kept.length <= FOLD_AFTER) {
        return head;
    }
    return `${head}\n\n<details><summary>${lines.length - FOLD_AFTER} ${label}</summary>\n\n${kept.slice(FOLD_AFTER).map(bullet).join("\n")}\n\n</details>`;
}

/** The first `cap` lines, and a line telling how many more there are. */
function capped(lines: string[], cap: number, cut: Cut): string[] {
    if (lines.length <= cap) {
        return lines;
    }
    cut.lines += lines.length - cap;
    return [...lines.slice(0, cap), `… and ${lines.length - cap} more (cut to fit GitHub's comment limit)`];
}

function fenced(lines: string[], language = ""): string {
    return `\`\`\`${language}\n${lines.map((line) => line.replace(/```/g, "'''")).join("\n")}\n\`\`\``;
}

/** Text safe inside a code span and in a table cell. */
function code(text: string): string {
    return text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

function duration(seconds: number): string {
    if (seconds === 0) {
        return "no wait for rate limits";
    }
    const minutes = Math.round(seconds / 60);
    return `at least ${minutes} min`;
}
