import { readFile, rename, writeFile } from "node:fs/promises";
import type { OktaClient } from "../../core/client";
import { pollNewUsers, pollSystemLogs, pollUpdatedUsers, watch, type PollResult } from "../../core/triggers";
import type { OptionSpecs, OptionValue } from "../args";
import type { Command } from "../command";
import { VIEWS, type ViewName } from "../output";

/** The polling triggers on the command line: one poll (`--once`) or a stream until Ctrl-C. */

const WATCH_OPTIONS: OptionSpecs = {
    cursor: { type: "string", value: "<cursor>", description: "resume from this cursor" },
    "cursor-file": { type: "string", value: "<path>", description: "resume from the cursor in this file, and keep it updated" },
    since: { type: "string", value: "<time>", description: "without a cursor: start at this ISO-8601 time instead of now" },
    interval: { type: "integer", value: "<seconds>", description: "shortest time between polls (default 5)" },
    once: { type: "boolean", description: "poll once, print the items and the next cursor, and exit" },
    max: { type: "integer", value: "<n>", description: "most items per poll" },
};

type Poll = (client: OktaClient, cursor: string | undefined, options: Record<string, OptionValue>) => Promise<PollResult<unknown>>;

function watchCommand(word: string, summary: string, view: ViewName, noun: string, poll: Poll, extra: OptionSpecs = {}): Command {
    return {
        words: ["watch", word],
        summary,
        options: { ...WATCH_OPTIONS, ...extra },
        async run(ctx, _positionals, options) {
            const client = await ctx.client();
            const cursorFile = options["cursor-file"] as string | undefined;
            const start = (options.cursor as string | undefined) ?? (cursorFile ? await readCursor(cursorFile) : undefined);
            const save = async (cursor: string) => {
                if (cursorFile) {
                    await writeCursor(cursorFile, cursor);
                }
            };
            if (options.once) {
                const result = await poll(client, start, options);
                await save(result.cursor);
                return { type: "list", view, noun, result: { items: result.items, nextCursor: result.cursor, truncated: result.more }, paged: false };
            }
            const items = watch((cursor) => poll(client, cursor, options), {
                cursor: start,
                intervalMs: ((options.interval as number | undefined) ?? 5) * 1000,
                signal: ctx.signal,
                onCursor: save,
            });
            for await (const item of items) {
                ctx.io.stdout.write(ctx.json ? `${JSON.stringify(item)}\n` : `${VIEWS[view].map((c) => String(c.value(item) ?? "")).join("  ")}\n`);
            }
            return { type: "streamed" };
        },
    };
}

const userPoll = (trigger: typeof pollNewUsers): Poll => (client, cursor, options) =>
    trigger(client, { cursor, since: options.since as string | undefined, maxItems: options.max as number | undefined });

export const watchCommands: Command[] = [
    watchCommand("new-users", "new users, each once", "user", "users", userPoll(pollNewUsers)),
    watchCommand("updated-users", "changed users (every new version, creation included), each once", "user", "users", userPoll(pollUpdatedUsers)),
    watchCommand(
        "logs",
        "new System Log events, each once (Okta's polling query)",
        "logEvent",
        "events",
        (client, cursor, options) =>
            pollSystemLogs(client, {
                cursor,
                since: options.since as string | undefined,
                filter: options.filter as string | undefined,
                maxItems: options.max as number | undefined,
            }),
        { filter: { type: "string", value: "<expr>", description: "Okta filter expression, fixed for the cursor's lifetime" } },
    ),
];

async function readCursor(path: string): Promise<string | undefined> {
    try {
        return (await readFile(path, "utf8")).trim() || undefined;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") {
            return undefined;
        }
        throw err;
    }
}

/** Written whole and renamed into place, so a crash never leaves half a cursor. */
async function writeCursor(path: string, cursor: string): Promise<void> {
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${cursor}\n`, "utf8");
    await rename(temporary, path);
}

