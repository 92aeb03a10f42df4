import { ApiTokenAuthenticator, OktaClient } from "./client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionSettings } from "./config";

/**
 * Turns connection settings into the one Okta client. The provider host, Pulumi functions in the program, the typed
 * operations API and the CLI all build their clients here, so every path gets the same authentication and transport.
 */
export function createClient(settings: ConnectionSettings): OktaClient {
    return new OktaClient({ orgUrl: settings.orgUrl, authenticator: new ApiTokenAuthenticator(settings.apiToken) });
}

/** One client per distinct connection in the process, so connections (and rate-limit accounting) are shared. */
export class ClientCache {
    private readonly clients = new Map<string, OktaClient>();

    get(settings: ConnectionSettings): OktaClient {
        const key = JSON.stringify(settings);
        let client = this.clients.get(key);
        if (!client) {
            client = createClient(settings);
            this.clients.set(key, client);
        }
        return client;
    }

    async closeAll(): Promise<void> {
        const clients = [...this.clients.values()];
        this.clients.clear();
        await Promise.all(clients.map((client) => client.close()));
    }
}

/**
 * A client for code outside Pulumi (scripts, servers, the CLI): explicit settings first, then the given config lookup,
 * then the environment (`OKTA_ORG_URL`, `OKTA_API_TOKEN`), as the provider resolves them.
 *
 * ```ts
 * const client = connect();                                   // from the environment
 * const client = connect({ orgUrl: "https://example.okta.com", apiToken: process.env.TOKEN });
 * ```
 */
export function connect(explicit: Partial<ConnectionSettings> = {}, config: ConfigLookup = () => undefined, env = process.env): OktaClient {
    const lookup: ConfigLookup = (key) => explicitValue(explicit, key) ?? config(key);
    return createClient(resolveConnectionSettings(lookup, env));
}

function explicitValue(explicit: Partial<ConnectionSettings>, key: string): string | undefined {
    const name = key.replace(/^okta:/, "") as keyof ConnectionSettings;
    return explicit[name];
}
