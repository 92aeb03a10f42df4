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

    /**
     * The client for the stack's org, or for a resource's own `connection` input (same setting names as the `okta:`
     * stack config, without environment fallbacks, so one org's credentials never leak to another).
     */
    client(connection?: Record<string, unknown>): OktaClient {
        // Resolved on first use rather than in `configure`, so a missing setting fails the operation that needs it.
        const settings = connection
            ? resolveConnectionSettings((key) => stringSetting(connection[key.replace(/^okta:/, "")]), {})
            : (this.settings ??= resolveConnectionSettings(this.config));
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

function stringSetting(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

export const providerContext = new ProviderContext();
