import { parseArgs } from "node:util";
import { UsageError } from "./exit-codes";

/** One option of a command, as the user types it (`--send-email`, `--limit 50`, `--param key=value`). */
export interface OptionSpec {
    type: "boolean" | "string" | "integer" | "keyValue";
    description: string;
    /** May be given more than once (keyValue options always may). */
    multiple?: boolean;
    /** Placeholder shown in help, e.g. `<id>`. */
    value?: string;
    /** Integers: 0 is allowed too. */
    allowZero?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValue = boolean | string | number | string[] | Record<string, string> | undefined;

export interface ParsedArgs {
    positionals: string[];
    options: Record<string, OptionValue>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpecs = {
    json: { type: "boolean", description: "print JSON instead of text" },
    "org-url": { type: "string", value: "<url>", description: "the Okta org (else okta:orgUrl of --stack, else OKTA_ORG_URL)" },
    stack: { type: "string", value: "<name>", description: "read okta:* settings from this Pulumi stack's config (run in its project directory)" },
    progress: { type: "boolean", description: "report progress of long listings on stderr even when it is not a terminal" },
    retries: { type: "integer", allowZero: true, value: "<n>", description: "retries of a failed request (5xx, network; default 8); 0 for none" },
    deadline: { type: "integer", value: "<seconds>", description: "give up on a request after this long, retries and rate-limit waits included (default 600)" },
    help: { type: "boolean", description: "show help" },
};

/**
 * The command line with every global option (and its value) moved after the other arguments, so the command words
 * lead wherever the user put `--stack dev` or `--json` (`okta-iac --stack dev users list`). Stops at `--`.
 */
export function globalOptionsLast(argv: readonly string[]): string[] {
    const others: string[] = [];
    const globals: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i];
        if (token === "--") {
            others.push(...argv.slice(i));
            break;
        }
        const name = /^--([^=]+)/.exec(token)?.[1];
        const spec = name !== undefined ? GLOBAL_OPTIONS[name] : undefined;
        if (!spec || !Object.hasOwn(GLOBAL_OPTIONS, name!)) {
            others.push(token);
            continue;
        }
        globals.push(token);
        if (spec.type !== "boolean" && !token.includes("=") && i + 1 < argv.length) {
            globals.push(argv[++i]);
        }
    }
    return [...others, ...globals];
}

/**
 * Parses arguments against a command's options (plus the global ones) with Node's parser, then converts values:
 * integers are checked, `key=value` pairs become a record. Unknown options are usage errors.
 */
export function parseCommandArgs(argv: string[], specs: OptionSpecs): ParsedArgs {
    const all = { ...GLOBAL_OPTIONS, ...specs };
    const config = Object.fromEntries(
        Object.entries(all).map(([name, spec]) => [
            name,
            { type: spec.type === "boolean" ? ("boolean" as const) : ("string" as const), multiple: spec.multiple || spec.type === "keyValue" },
        ]),
    );
    let parsed: ReturnType<typeof parseArgs>;
    try {
        parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
    } catch (err) {
        throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
    }
    const options: Record<string, OptionValue> = {};
    for (const [name, raw] of Object.entries(parsed.values)) {
        options[name] = convert(name, all[name], raw as string | boolean | (string | boolean)[]);
    }
    return { positionals: parsed.positionals, options };
}

function convert(name: string, spec: OptionSpec, raw: string | boolean | (string | boolean)[]): OptionValue {
    switch (spec.type) {
        case "boolean":
            return raw as boolean;
        case "integer": {
            const text = String(raw);
            const least = spec.allowZero ? 0 : 1;
            if (!/^\d+$/.test(text) || Number(text) < least) {
                throw new UsageError(`--${name} must be ${least === 0 ? "a whole number" : "a positive integer"} (got '${text}')`);
            }
            return Number(text);
        }
        case "keyValue": {
            const record: Record<string, string> = {};
            for (const pair of raw as string[]) {
                const at = pair.indexOf("=");
                if (at <= 0) {
                    throw new UsageError(`--${name} takes key=value (got '${pair}')`);
                }
                record[pair.slice(0, at)] = pair.slice(at + 1);
            }
            return record;
        }
        default:
            return raw as string | string[];
    }
}

/** Exactly the named positionals, in order. */
export function expectPositionals(args: ParsedArgs, names: string[], usage: string): Record<string, string> {
    if (args.positionals.length !== names.length) {
        const what = args.positionals.length < names.length ? `missing ${names.slice(args.positionals.length).map((n) => `<${n}>`).join(" ")}` : `unexpected argument '${args.positionals[names.length]}'`;
        throw new UsageError(`${what}\nusage: ${usage}`);
    }
    return Object.fromEntries(names.map((name, i) => [name, args.positionals[i]]));
}
