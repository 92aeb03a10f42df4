import type { Command } from "./command";
import { appCommands } from "./commands/apps";
import { directoryCommands } from "./commands/directory";
import { eventHookCommands } from "./commands/event-hooks";
import { generateCommand } from "./commands/generate";
import { groupCommands } from "./commands/groups";
import { rawCommand } from "./commands/raw";
import { recoverCommand } from "./commands/recover";
import { userCommands } from "./commands/users";
import { watchCommands } from "./commands/watch";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
    ...userCommands,
    ...groupCommands,
    ...appCommands,
    ...eventHookCommands,
    ...directoryCommands,
    ...watchCommands,
    rawCommand,
    recoverCommand,
    generateCommand,
];

/** The command named by the leading words of argv (the longest match), and the arguments after them. */
export function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
    let best: Command | undefined;
    for (const command of COMMANDS) {
        const matches = command.words.every((word, i) => argv[i] === word);
        if (matches && (!best || command.words.length > best.words.length)) {
            best = command;
        }
    }
    return best && { command: best, rest: argv.slice(best.words.length) };
}

/** The commands under one area word (`users`), for `okta-iac users --help`. */
export function commandsUnder(area: string): Command[] {
    return COMMANDS.filter((command) => command.words[0] === area);
}
