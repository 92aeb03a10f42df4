import type { OktaClient } from "./client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionArgs, type ConnectionSettings } from "./config";
import { clientFor, connectionKey } from "./connection";

/**
 * One client per distinct connection in a process (the Pulumi program's functions, a script), so connections,
 * access tokens and rate-limit accounting are shared. Clients come from `clientFor`, as the provider's do.
 */
export class ClientCache {
    private readonly clients = new Map<string, OktaClient>();

    get(settings: ConnectionSettings): OktaClient {
        const key = connectionKey(settings);
        let client = this.clients.get(key);
        if (!client) {
            client = clientFor(settings);
            this.clients.set(key, client);
        }
        return client;
    }
}

/**
 * A client for code outside Pulumi (scripts, services): the settings resolve as the provider's do, from explicit
 * arguments, then the given config lookup, then the environment (`OKTA_ORG_URL`, `OKTA_API_TOKEN`, the OAuth ones).
 *
 * ```ts
 * const client = connect();                                                  // from the environment
 * const other = connect({ orgUrl: "https://example.okta.com", apiToken: process.env.OTHER_TOKEN });
 * ```
 */
export function connect(args: ConnectionArgs = {}, config: ConfigLookup = () => undefined, env: NodeJS.ProcessEnv = process.env): OktaClient {
    return clientFor(resolveConnectionSettings(config, env, args));
}
