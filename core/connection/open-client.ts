import type { OktaClient } from "../client";
import { clientFor, connectionKey } from "./authenticator";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionArgs, type ConnectionSettings } from "./settings";
import { resolveClientTuning, tuningClientOptions, type ClientTuning, type TuningArgs } from "./tuning";

/** Settings given explicitly (a resource's `connection`, `connect(...)` arguments, CLI flags): they win over the rest. */
export type ClientSettings = ConnectionArgs & TuningArgs;

/**
 * The one way to open a client: the connection and the tuning resolve from the explicit settings, then the config
 * lookup (`okta:*` keys), then the environment; with a cache, one client per distinct connection and tuning is shared
 * (connections, access tokens, one rate-limit governor per org). Callers: the provider's context, `connect()`, the
 * Pulumi functions and the CLI.
 */
export function openClient(settings: ClientSettings, config: ConfigLookup, env: NodeJS.ProcessEnv, cache?: ClientCache): OktaClient {
    const connection = resolveConnectionSettings(config, env, settings);
    const tuning = resolveClientTuning(config, env, settings);
    return cache ? cache.get(connection, tuning) : clientFor(connection, tuningClientOptions(tuning));
}

/** No config: a lookup that finds nothing (explicit settings and the given environment only). */
export const NO_CONFIG: ConfigLookup = () => undefined;

/**
 * One client per distinct connection in a process (the provider host, the Pulumi program's functions, a script), so
 * connections, access tokens and rate-limit accounting are shared.
 */
export class ClientCache {
    private readonly clients = new Map<string, OktaClient>();

    get(settings: ConnectionSettings, tuning: ClientTuning): OktaClient {
        const key = `${connectionKey(settings)} ${JSON.stringify(tuning)}`;
        let client = this.clients.get(key);
        if (!client) {
            client = clientFor(settings, tuningClientOptions(tuning));
            this.clients.set(key, client);
        }
        return client;
    }
}
