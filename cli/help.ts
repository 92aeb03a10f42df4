import { GLOBAL_OPTIONS, type OptionSpecs } from "./args";
import type { Command } from "./command";
import { EXIT_CODE_HELP } from "./exit-codes";
import { COMMANDS } from "./registry";

const PROGRAM = "okta-iac";

export function usageOf(command: Command): string {
    const positionals = (command.positionals ?? []).map((name) => `<${name}>`).join(" ");
    return [PROGRAM, ...command.words, positionals, "[options]"].filter(Boolean).join(" ");
}

export function commandHelp(command: Command): string {
    return `usage: ${usageOf(command)}\n\n${command.summary}\n\noptions:\n${optionLines({ ...command.options, ...GLOBAL_OPTIONS })}`;
}

export function overview(commands: Command[] = COMMANDS): string {
    const width = Math.max(...commands.map((c) => usageOf(c).length - PROGRAM.length - 11));
    const lines = commands.map((c) => `  ${usageOf(c).slice(PROGRAM.length + 1).replace(/ \[options\]$/, "").padEnd(width)}  ${c.summary}`);
    const exits = EXIT_CODE_HELP.map(([code, meaning]) => `  ${code.padStart(2)}  ${meaning}`).join("\n");
    return (
        `usage: ${PROGRAM} <command> [arguments] [options]\n\n` +
        "Okta's reads, triggers and operations from the command line. Connection settings: --org-url or --stack, then\n" +
        "OKTA_ORG_URL and OKTA_API_TOKEN (the provider's settings). Global options go anywhere on the line\n" +
        `(\`${PROGRAM} --stack dev users list\` or \`${PROGRAM} users list --stack dev\`).\n\n` +
        `commands:\n${lines.join("\n")}\n\n` +
        `global options:\n${optionLines(GLOBAL_OPTIONS)}\n` +
        `exit codes:\n${exits}\n\n` +
        `\`${PROGRAM} <command> --help\` shows a command's options.\n`
    );
}

function optionLines(specs: OptionSpecs): string {
    const entries = Object.entries(specs).map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ""}`, spec.description]);
    const width = Math.max(...entries.map(([flag]) => flag.length));
    return entries.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`).join("\n") + "\n";
}
