import type { OktaClient } from "./client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionSettings } from "./config";
import { ClientCache } from "./connect";

/**
 * The provider process's state: the configuration handed to `configure`, and one client per org built from it, so that
 * every resource in the process shares connections (and, later, one rate-limit governor).
 */
class ProviderContext {
    private config: ConfigLookup = () => undefined;
    private settings?: ConnectionSettings;
    private readonly clients = new ClientCache();

    /** Called from the dynamic provider's `configure` with the stack's configuration. */
    configure(config: ConfigLookup): void {
        this.config = config;
        this.settings = undefined;
    }

    client(): OktaClient {
        // Resolved on first use rather than in `configure`, so a missing setting fails the operation that needs it.
        const settings = (this.settings ??= resolveConnectionSettings(this.config));
        return this.clients.get(settings);
    }
}

export const providerContext = new ProviderContext();
