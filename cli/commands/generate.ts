import { basename, resolve } from "node:path";
import type { OptionValue } from "../args";
import type { Command } from "../command";
import { UsageError } from "../exit-codes";
import { counted } from "../output";
import { renderDataFiles } from "../generate/data-files";
import { entriesOf, type DataSet } from "../generate/entries";
import { mergeInto, readDeclared } from "../generate/merge";
import { countsOf, projectNameFrom, renderProjectFiles, renderReadme } from "../generate/project-files";
import { readOrg } from "../generate/read-org";
import { AREAS, parseSelection, type Area, type Selection } from "../generate/selection";
import { assertEmptyOrAbsent, assertGeneratedProject, writeFiles } from "../generate/write";

/** The data files each included area fills. */
const FILES_OF: Record<Area, (keyof DataSet)[]> = {
    users: ["users"],
    groups: ["groups"],
    members: ["groups"],
    "app-assignments": ["apps"],
    "event-hooks": ["hooks"],
};

/** `okta-iac generate`: a Pulumi project declaring what the org holds (docs/generate.md). */
export const generateCommand: Command = {
    words: ["generate"],
    summary: "write a Pulumi project that declares the org's users, groups, members, app assignments and event hooks",
    options: {
        out: { type: "string", value: "<dir>", description: "write a new project into this (empty or new) directory" },
        into: { type: "string", value: "<dir>", description: "add the objects not declared yet to a project made by generate" },
        include: { type: "string", value: "<areas>", description: `comma-separated areas (default all): ${AREAS.join(",")}` },
        filter: { type: "keyValue", value: "<area=expr>", description: "an Okta filter for users, groups or app-assignments (the apps listed), e.g. users='status eq \"ACTIVE\"'" },
        search: { type: "keyValue", value: "<area=expr>", description: "an Okta search for users or groups, e.g. groups='profile.name sw \"Eng\"'" },
        authoritative: { type: "boolean", description: "declare group members authoritatively: members not listed are removed (default additive)" },
        "exclude-built-in": { type: "boolean", description: "leave out BUILT_IN groups (Everyone) and APP_GROUPs: always on, they cannot be managed" },
        name: { type: "string", value: "<project>", description: "the Pulumi project name (default: the directory's name)" },
    },
    async run(ctx, _positionals, options) {
        const { dir, into } = targetOf(options, ctx.cwd);
        const selection = parseSelection(
            options.include as string | undefined,
            options.filter as Record<string, string> | undefined,
            options.search as Record<string, string> | undefined,
            Boolean(options.authoritative),
        );
        if (into) {
            assertGeneratedProject(dir);
        } else {
            assertEmptyOrAbsent(dir);
        }
        const client = await ctx.client();
        const orgUrl = client.orgUrl.origin;
        const snapshot = await readOrg(client, selection, (noun) => ctx.progress(noun));
        const areas = areasOf(selection);
        if (into) {
            const { data, added } = mergeInto(readDeclared(dir), snapshot, selection.authoritative);
            writeFiles(dir, new Map([...renderDataFiles(data, areas, orgUrl), ["README.md", renderReadme(data, orgUrl)]]));
            const summary = `added to ${dir}: ${objectCounts(added)}`;
            return { type: "done", message: summary, value: { dir, added } };
        }
        const data = entriesOf(snapshot, { authoritative: selection.authoritative });
        const name = (options.name as string | undefined) ?? projectNameFrom(basename(dir));
        writeFiles(dir, new Map([...renderProjectFiles(name, orgUrl), ...renderDataFiles(data, areas, orgUrl), ["README.md", renderReadme(data, orgUrl)]]));
        const counts = countsOf(data);
        const leftOut = `left out: built-in and app groups, ${counted(snapshot.groupAssignmentsLeftOut, "assignment")} through groups`;
        const summary = `wrote ${dir}: ${objectCounts(counts)} (${leftOut}); next: see ${dir}/README.md`;
        return { type: "done", message: summary, value: { dir, ...counts, groupAssignmentsLeftOut: snapshot.groupAssignmentsLeftOut } };
    },
};

/** "3 users, 0 groups, 1 membership, 0 app assignments, 0 event hooks". */
function objectCounts(counts: { users: number; groups: number; memberships: number; assignments: number; hooks: number }): string {
    const { users, groups, memberships, assignments, hooks } = counts;
    return [counted(users, "user"), counted(groups, "group"), counted(memberships, "membership"), counted(assignments, "app assignment"), counted(hooks, "event hook")].join(", ");
}

function targetOf(options: Record<string, OptionValue>, cwd: string): { dir: string; into: boolean } {
    const out = options.out as string | undefined;
    const into = options.into as string | undefined;
    if ((out === undefined) === (into === undefined)) {
        throw new UsageError("give exactly one of --out <dir> (a new project) or --into <dir> (add to a generated one)");
    }
    return { dir: resolve(cwd, (out ?? into)!), into: into !== undefined };
}

/** The data files to write: those of the included areas, each once. */
function areasOf(selection: Selection): (keyof DataSet)[] {
    return [...new Set([...selection.include].flatMap((area) => FILES_OF[area]))].sort();
}
