import { readFileSync, writeFileSync } from "node:fs";
import type { Command, CommandContext } from "../command";
import { UsageError } from "../exit-codes";
import { runPulumi } from "../pulumi";
import { NameBook } from "../review/names";
import { parsePreview, type Preview } from "../review/preview";
import { renderJson } from "../review/render-json";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../review/render-markdown";
import { resolveNamesFromOrg } from "../review/resolve-names";
import { buildReview } from "../review/review";
import { privilegedGroups } from "../review/risk";

/** Stack config naming more privileged groups (a JSON list or comma-separated names), as the preview reports it. */
export const PRIVILEGED_GROUPS_CONFIG = "okta-iac:privilegedGroups";

/**
 * `okta-iac review`: a pull-request comment from `pulumi preview --json` (docs/review.md): risks first, counts, the API
 * calls the `up` needs, and one line per change in admin terms.
 */
export const reviewCommand: Command = {
    words: ["review"],
    summary: "summarise `pulumi preview --json` for a pull request: risks, counts, API calls, one line per change (Markdown; --json)",
    options: {
        preview: { type: "string", value: "<file>", description: "the output of `pulumi preview --json` ('-': stdin); without it: with --stack, runs `pulumi preview --json --show-sames` of that stack, else reads stdin" },
        cwd: { type: "string", value: "<dir>", description: "with --stack: the Pulumi project directory (default: the current one)" },
        output: { type: "string", value: "<file>", description: "also write the Markdown comment to this file" },
        "privileged-group": { type: "string", multiple: true, value: "<name>", description: `a privileged group besides Okta Administrators (repeatable; also stack config ${PRIVILEGED_GROUPS_CONFIG})` },
        "resolve-names": { type: "boolean", description: "read from the org the names of groups and users the preview knows only by id" },
        "rate-limit": { type: "keyValue", value: "<bucket=n>", description: "the org's limit of a rate-limit bucket per minute where it differs from Okta's default (repeatable)" },
        "max-chars": { type: "integer", value: "<n>", description: `longest comment (default ${GITHUB_COMMENT_LIMIT}, GitHub's limit)` },
    },
    async run(ctx, _positionals, options) {
        const stack = options.stack as string | undefined;
        const preview = parsePreview(await previewText(ctx, options.preview as string | undefined, stack));
        const names = new NameBook(preview.steps);
        if (options["resolve-names"]) {
            await resolveNamesFromOrg(await ctx.client(), names, preview.steps);
        }
        const review = buildReview(preview, names, {
            stack,
            privilegedGroups: privilegedGroups([...((options["privileged-group"] as string[] | undefined) ?? []), ...configuredGroups(preview)]),
            estimate: { limits: rateLimits(options["rate-limit"] as Record<string, string> | undefined), maxApiCapacityPercent: configuredCapacity(preview) },
        });
        const markdown = renderMarkdown(review, (options["max-chars"] as number | undefined) ?? GITHUB_COMMENT_LIMIT);
        if (options.output) {
            writeFileSync(options.output as string, markdown);
        }
        return { type: "done", message: markdown.trimEnd(), value: renderJson(review) };
    },
};

/** The preview's JSON: from a file, stdin, or a `pulumi preview --json` of `stack` run here. */
async function previewText(ctx: CommandContext, file: string | undefined, stack: string | undefined): Promise<string> {
    if (file === "-" || (file === undefined && stack === undefined)) {
        return ctx.readStdin();
    }
    if (file !== undefined) {
        try {
            return readFileSync(file, "utf8");
        } catch (err) {
            throw new UsageError(`cannot read --preview ${file}: ${(err as Error).message}`);
        }
    }
    // A failed preview still prints its JSON (with the error diagnostics), which parsePreview reports.
    const result = await runPulumi(["preview", "--json", "--show-sames", "--stack", stack!], { env: ctx.env, cwd: ctx.cwd });
    if (result.stdout.trim() === "") {
        throw new Error(`\`pulumi preview --json --stack ${stack}\` printed nothing (exit ${result.code}): ${result.stderr.trim().split("\n").slice(0, 6).join("\n")}`);
    }
    return result.stdout;
}

function configuredGroups(preview: Preview): string[] {
    const value = preview.config[PRIVILEGED_GROUPS_CONFIG];
    if (typeof value !== "string" || value.trim() === "") {
        return Array.isArray(value) ? value.map(String) : [];
    }
    try {
        const parsed = JSON.parse(value);
        return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    } catch {
        return value.split(",");
    }
}

/** `okta:maxApiCapacity` of the stack, when the preview shows it set. */
function configuredCapacity(preview: Preview): number | undefined {
    const value = Number(preview.config["okta:maxApiCapacity"]);
    return Number.isInteger(value) && value >= 1 && value <= 100 ? value : undefined;
}

function rateLimits(pairs: Record<string, string> | undefined): Record<string, number> | undefined {
    if (!pairs) {
        return undefined;
    }
    return Object.fromEntries(
        Object.entries(pairs).map(([bucket, text]) => {
            const limit = Number(text);
            if (!Number.isInteger(limit) || limit < 1) {
                throw new UsageError(`--rate-limit ${bucket}=${text}: the limit must be a positive whole number of requests per minute`);
            }
            return [bucket, limit];
        }),
    );
}
