import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { OktaClient } from "../provider/client";
import { resolveConnectionSettings } from "../provider/config";
import { clientFor } from "../provider/connection";
import { ConfigError } from "./exit-codes";

const run = promisify(execFile);

export interface ConnectionFlags {
    orgUrl?: string;
    /** A Pulumi stack whose `okta:*` config to use. */
    stack?: string;
}

/**
 * The CLI's client, from the same settings the provider reads: `--org-url`, then the stack config of `--stack` (read
 * with `pulumi config --show-secrets --json`, secrets decrypted by Pulumi itself), then the environment. Tokens are
 * never taken from the command line, where other users of the machine could read them.
 */
export async function cliClient(flags: ConnectionFlags, env: NodeJS.ProcessEnv, cwd: string): Promise<OktaClient> {
    const stackConfig = flags.stack ? await readStackConfig(flags.stack, env, cwd) : {};
    const lookup = (key: string) => (key === "okta:orgUrl" && flags.orgUrl ? flags.orgUrl : stackConfig[key]);
    try {
        return clientFor(resolveConnectionSettings(lookup, env));
    } catch (err) {
        throw new ConfigError((err as Error).message);
    }
}

async function readStackConfig(stack: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Record<string, string>> {
    let stdout: string;
    try {
        ({ stdout } = await run("pulumi", ["config", "--show-secrets", "--json", "--stack", stack], { env, cwd, maxBuffer: 16 * 1024 * 1024 }));
    } catch (err) {
        const detail = ((err as { stderr?: string }).stderr ?? (err as Error).message).trim().split("\n")[0];
        throw new ConfigError(`could not read the config of stack '${stack}' with \`pulumi config\`: ${detail}`);
    }
    const entries = JSON.parse(stdout) as Record<string, { value?: string }>;
    return Object.fromEntries(Object.entries(entries).filter(([, e]) => typeof e.value === "string").map(([key, e]) => [key, e.value!]));
}
