import type { OktaClient } from "../client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionArgs, type ConnectionSettings } from "./settings";
import { clientFor, connectionKey } from "./authenticator";
import { resolveClientTuning, tuningClientOptions, type ClientTuning, type TuningArgs } from "./tuning";

/**
 * One client per distinct connection in a process (the Pulumi program's functions, a script), so connections,
 * access tokens and rate-limit accounting are shared. The provider process keeps its clients in one too.
 */
export class ClientCache {
    private readonly clients = new Map<string, OktaClient>();

    /** `tuning`: the rate-limit, retry and time-budget settings (`okta:parallelism`, ...); the defaults when omitted. */
    get(settings: ConnectionSettings, tuning: ClientTuning = resolveClientTuning(() => undefined, {})): OktaClient {
        const key = `${connectionKey(settings)} ${JSON.stringify(tuning)}`;
        let client = this.clients.get(key);
        if (!client) {
            client = clientFor(settings, tuningClientOptions(tuning));
            this.clients.set(key, client);
        }
        return client;
    }
}

/**
 * A client for code outside Pulumi (scripts, services): the settings resolve as the provider's do, from explicit
 * arguments, then the given config lookup, then the environment (`OKTA_ORG_URL`, `OKTA_API_TOKEN`, the OAuth ones);
 * the tuning settings (`parallelism`, `maxApiCapacity`, `maxRetries`, `requestTimeout`, `requestDeadline`) likewise.
 *
 * ```ts
 * const client = connect();                                                  // from the environment
 * const other = connect({ orgUrl: "https://example.okta.com", apiToken: process.env.OTHER_TOKEN });
 * ```
 */
export function connect(
    args: ConnectionArgs & TuningArgs = {},
    config: ConfigLookup = () => undefined,
    env: NodeJS.ProcessEnv = process.env,
): OktaClient {
    return clientFor(resolveConnectionSettings(config, env, args), tuningClientOptions(resolveClientTuning(config, env, args)));
}
