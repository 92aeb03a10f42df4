import type { OktaClient } from "../core/client";
import { openClient } from "../core/connection/open-client";
import { ConfigError } from "./exit-codes";
import { pulumiJson, PulumiCommandError } from "./pulumi";

export interface ConnectionFlags {
    orgUrl?: string;
    /** A Pulumi stack whose `okta:*` config to use. */
    stack?: string;
    /** Retries of a failed request (the client's default when unset). */
    retries?: number;
    /** Overall deadline of one request in seconds (the client's default when unset). */
    deadlineSeconds?: number;
}

/**
 * The CLI's client, from the same settings the provider reads: `--org-url`, then the stack config of `--stack` (read
 * with `pulumi config --show-secrets --json`, secrets decrypted by Pulumi itself), then the environment. Tokens are
 * never taken from the command line, where other users of the machine could read them.
 */
export async function cliClient(flags: ConnectionFlags, env: NodeJS.ProcessEnv, cwd: string): Promise<OktaClient> {
    const stackConfig = flags.stack ? await readStackConfig(flags.stack, env, cwd) : {};
    // --org-url, --retries and --deadline win over the stack's okta:orgUrl, okta:maxRetries, okta:requestDeadline and the environment.
    const settings = { orgUrl: flags.orgUrl, maxRetries: flags.retries, requestDeadline: flags.deadlineSeconds };
    try {
        return openClient(settings, (key) => stackConfig[key], env);
    } catch (err) {
        throw new ConfigError((err as Error).message);
    }
}

async function readStackConfig(stack: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Record<string, string>> {
    let entries: Record<string, { value?: string }>;
    try {
        entries = await pulumiJson(["config", "--show-secrets", "--json", "--stack", stack], { env, cwd });
    } catch (err) {
        const detail = err instanceof PulumiCommandError ? (err.result.stderr || err.result.stdout).trim().split("\n")[0] : (err as Error).message;
        throw new ConfigError(`could not read the config of stack '${stack}' with \`pulumi config\`: ${detail}`);
    }
    return Object.fromEntries(Object.entries(entries).filter(([, e]) => typeof e.value === "string").map(([key, e]) => [key, e.value!]));
}
