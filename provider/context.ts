import { ApiTokenAuthenticator, OktaClient } from "./client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionSettings } from "./config";

/**
 * The provider process's state: the configuration handed to `configure`, and one client per org built from it, so that
 * every resource in the process shares connections (and, later, one rate-limit governor).
 */
class ProviderContext {
    private config: ConfigLookup = () => undefined;
    private settings?: ConnectionSettings;
    private clients = new Map<string, OktaClient>();

    /** Called from the dynamic provider's `configure` with the stack's configuration. */
    configure(config: ConfigLookup): void {
        this.config = config;
        this.settings = undefined;
    }

    client(): OktaClient {
        // Resolved on first use rather than in `configure`, so a missing setting fails the operation that needs it.
        const settings = (this.settings ??= resolveConnectionSettings(this.config));
        const key = `${settings.orgUrl}\u0000${settings.apiToken}`;
        let client = this.clients.get(key);
        if (!client) {
            client = new OktaClient({
                orgUrl: settings.orgUrl,
                authenticator: new ApiTokenAuthenticator(settings.apiToken),
            });
            this.clients.set(key, client);
        }
        return client;
    }
}

export const providerContext = new ProviderContext();
