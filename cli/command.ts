import type { OktaClient } from "../core/client";
import type { ListOptions, ListResult, PageProgress } from "../core/okta/listing";
import type { OptionSpecs, OptionValue } from "./args";
import type { Io, ViewName } from "./output";

/** What a command can use while it runs. */
export interface CommandContext {
    io: Io;
    json: boolean;
    env: NodeJS.ProcessEnv;
    /** The directory Pulumi commands run in (`--cwd`, else the current one). */
    cwd: string;
    /** The Okta client, connected on first use (commands with bad arguments never need settings). */
    client(): Promise<OktaClient>;
    /** A progress callback for a listing of `noun`s. */
    progress(noun: string): PageProgress;
    /** Aborted on Ctrl-C (SIGINT) or SIGTERM; long-running commands stop cleanly. */
    signal: AbortSignal;
    readStdin(): Promise<string>;
}

/** What a command produced; the runner prints it as text or JSON. */
export type CommandOutput =
    | { type: "object"; value: unknown; view: ViewName }
    | { type: "list"; result: ListResult<unknown>; view: ViewName; noun: string; paged: boolean }
    | { type: "done"; message: string; value?: unknown }
    /** The command printed as it went (watch). */
    | { type: "streamed" };

export interface Command {
    /** The words that name it, e.g. `["users", "list"]`. */
    words: string[];
    summary: string;
    positionals?: string[];
    options?: OptionSpecs;
    run(ctx: CommandContext, positionals: Record<string, string>, options: Record<string, OptionValue>): Promise<CommandOutput>;
}

/**
 * The named options as the reads' arguments: `--sort-order` becomes `sortOrder`, values as parsed. Absent options stay
 * absent, so the reads' own defaults apply.
 */
function argsFrom<T>(options: Record<string, OptionValue>, names: string[]): T {
    const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    return Object.fromEntries(names.filter((name) => options[name] !== undefined).map((name) => [camel(name), options[name]])) as T;
}

/** `--limit`, `--after`, `--all`, `--max`: the shared listing options (see core/okta/listing.ts). */
export const LIST_OPTIONS: OptionSpecs = {
    limit: { type: "integer", value: "<n>", description: "page size sent to Okta" },
    after: { type: "string", value: "<cursor>", description: "start after this cursor (printed by a previous page)" },
    all: { type: "boolean", description: "fetch every page (the product's Fetch All)" },
    max: { type: "integer", value: "<n>", description: "with --all: stop after this many items" },
};

/** What a listing command declares; its `queryOptions` become the read's arguments, so each is named once. */
export interface ListCommandSpec<A> {
    words: string[];
    summary: string;
    queryOptions: OptionSpecs;
    view: ViewName;
    noun: string;
    list(client: OktaClient, args: A & ListOptions, progress: PageProgress): Promise<ListResult<unknown>>;
}

/** A paged listing command: its query options, the shared listing options, and the read that runs it. */
export function listCommand<A>(spec: ListCommandSpec<A>): Command {
    const names = Object.keys(spec.queryOptions);
    return {
        words: spec.words,
        summary: spec.summary,
        options: { ...spec.queryOptions, ...LIST_OPTIONS },
        async run(ctx, _positionals, options) {
            const result = await spec.list(await ctx.client(), listArgsFrom<A>(options, names), ctx.progress(spec.noun));
            return { type: "list", view: spec.view, noun: spec.noun, result, paged: true };
        },
    };
}

/** A listing's arguments: the named options (as `argsFrom`) and the shared listing options. */
export function listArgsFrom<T>(options: Record<string, OptionValue>, names: string[]): T & ListOptions {
    return { ...argsFrom<T>(options, names), ...listOptions(options) };
}

export function listOptions(options: Record<string, OptionValue>): ListOptions {
    return {
        limit: options.limit as number | undefined,
        after: options.after as string | undefined,
        fetchAll: Boolean(options.all),
        maxItems: options.max as number | undefined,
    };
}

/** `--search`, `--filter`, `--q`, `--sort-by`, `--sort-order`, `--param`: the users/groups search options. */
export const SEARCH_OPTIONS: OptionSpecs = {
    search: { type: "string", value: "<expr>", description: 'Okta search expression, e.g. \'profile.department eq "Sales"\'' },
    filter: { type: "string", value: "<expr>", description: "Okta filter expression, e.g. 'status eq \"ACTIVE\"'" },
    q: { type: "string", value: "<prefix>", description: "name or email prefix" },
    "sort-by": { type: "string", value: "<property>", description: "sort by this property (search only)" },
    "sort-order": { type: "string", value: "asc|desc", description: "sort order (search only)" },
    param: { type: "keyValue", value: "<key=value>", description: "an extra query parameter (repeatable)" },
};

export function searchOptions(options: Record<string, OptionValue>) {
    return {
        ...listArgsFrom<{ search?: string; filter?: string; q?: string; sortBy?: string; sortOrder?: "asc" | "desc" }>(options, ["search", "filter", "q", "sort-by", "sort-order"]),
        extraParameters: options.param as Record<string, string> | undefined,
    };
}
