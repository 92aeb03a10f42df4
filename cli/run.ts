import type { OktaClient } from "../core/client";
import { OktaApiError } from "../core/client";
import { expectPositionals, globalOptionsLast, parseCommandArgs } from "./args";
import type { CommandContext, CommandOutput } from "./command";
import { cliClient } from "./connection";
import { EXIT, exitCodeOf, UsageError } from "./exit-codes";
import { commandHelp, overview, usageOf } from "./help";
import { formatJson, formatRecord, formatTable, VIEWS, type Io } from "./output";
import { ProgressReporter } from "./progress";
import { commandsUnder, findCommand } from "./registry";

export interface CliEnvironment {
    io: Io;
    env: NodeJS.ProcessEnv;
    cwd: string;
    signal: AbortSignal;
    readStdin(): Promise<string>;
}

/** Runs one command line and returns the exit status (see exit-codes.ts). Never throws. */
export async function runCli(givenArgv: string[], environment: CliEnvironment): Promise<number> {
    const { io } = environment;
    const argv = globalOptionsLast(givenArgv);
    const json = argv.includes("--json");
    let client: OktaClient | undefined;
    try {
        const found = findCommand(argv);
        if (!found) {
            return topLevel(argv, io);
        }
        const { command, rest } = found;
        const args = parseCommandArgs(rest, command.options ?? {});
        if (args.options.help) {
            io.stdout.write(commandHelp(command));
            return EXIT.ok;
        }
        const positionals = expectPositionals(args, command.positionals ?? [], usageOf(command));
        const progress = new ProgressReporter(io, Boolean(args.options.progress));
        const cwd = (args.options.cwd as string | undefined) ?? environment.cwd;
        const ctx: CommandContext = {
            io,
            json,
            env: environment.env,
            cwd,
            signal: environment.signal,
            readStdin: environment.readStdin,
            progress: (noun) => progress.for(noun),
            client: async () =>
                (client ??= await cliClient(
                    {
                        orgUrl: args.options["org-url"] as string | undefined,
                        stack: args.options.stack as string | undefined,
                        retries: args.options.retries as number | undefined,
                        deadlineSeconds: args.options.deadline as number | undefined,
                    },
                    environment.env,
                    cwd,
                )),
        };
        const output = await command.run(ctx, positionals, args.options).finally(() => progress.done());
        print(output, json, io);
        return EXIT.ok;
    } catch (err) {
        printError(err, json, io);
        return exitCodeOf(err);
    } finally {
        await client?.close();
    }
}

function topLevel(argv: string[], io: Io): number {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
        (argv.length === 0 ? io.stderr : io.stdout).write(overview());
        return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    const area = commandsUnder(argv[0]);
    if (area.length > 0 && (argv.length === 1 || argv[1] === "--help")) {
        (argv.length === 1 ? io.stderr : io.stdout).write(overview(area).split("\n\nglobal options:")[0] + "\n");
        return argv.length === 1 ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(
        area.length > 0
            ? `unknown command '${argv.slice(0, 2).join(" ")}'; \`okta-iac ${argv[0]} --help\` lists them`
            : `unknown command '${argv[0]}'; \`okta-iac --help\` lists them`,
    );
}

function print(output: CommandOutput, json: boolean, io: Io): void {
    switch (output.type) {
        case "object":
            io.stdout.write(json ? formatJson(output.value) : formatRecord(output.value, VIEWS[output.view]));
            return;
        case "list": {
            if (json) {
                io.stdout.write(formatJson(output.result));
                return;
            }
            const { items, nextCursor, truncated } = output.result;
            io.stdout.write(items.length > 0 ? formatTable(items, VIEWS[output.view]) : `no ${output.noun}\n`);
            if (truncated) {
                io.stderr.write(`stopped at the cap of ${items.length} ${output.noun}; more remain\n`);
            }
            if (nextCursor !== undefined) {
                io.stderr.write(output.paged ? `more ${output.noun}: --after ${nextCursor} (or --all)\n` : `next cursor: ${nextCursor}\n`);
            }
            return;
        }
        case "done":
            io.stdout.write(json ? formatJson(output.value ?? { ok: true }) : `${output.message}\n`);
            return;
        case "streamed":
            return;
    }
}

function printError(err: unknown, json: boolean, io: Io): void {
    const error = err instanceof Error ? err : new Error(String(err));
    if (json) {
        const details =
            error instanceof OktaApiError
                ? { status: error.status, errorCode: error.errorCode, errorSummary: error.errorSummary, errorCauses: error.errorCauses, requestId: error.requestId }
                : {};
        io.stderr.write(formatJson({ error: { name: error.name, message: error.message, exitCode: exitCodeOf(err), ...details } }));
        return;
    }
    const internal = exitCodeOf(err) === EXIT.internal;
    io.stderr.write(`okta-iac: ${internal ? (error.stack ?? error.message) : error.message}\n`);
}
