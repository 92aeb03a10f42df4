import type { OktaClient } from "../core/client";
import { ClientCache, NO_CONFIG, openClient, type ClientSettings } from "../core/connection/open-client";
import type { ConfigLookup, ConnectionArgs } from "../core/connection/settings";
import { resolveClientTuning, type ClientTuning } from "../core/connection/tuning";

/**
 * The provider process's state: the configuration handed to `configure`, and one client per distinct connection built
 * from it, so that every resource in the process shares connections, access tokens and one rate-limit governor per org.
 */
class ProviderContext {
    private config: ConfigLookup = NO_CONFIG;
    private args: ClientSettings = {};
    private tuning?: ClientTuning;
    // Clients live as long as the process, so a rotated refresh token stays with its authenticator.
    private readonly clients = new ClientCache();

    /** Called from the dynamic provider's `configure` with the stack's configuration; `args` override it. */
    configure(config: ConfigLookup, args: ClientSettings = {}): void {
        this.config = config;
        this.args = args;
        this.tuning = undefined;
    }

    /**
     * The client for the stack's org, or for a resource's own `connection` input (same setting names as the `okta:`
     * stack config, without config or environment fallbacks, so one org's credentials never leak to another). The
     * tuning settings (parallelism, maxApiCapacity, retries, time budgets) are the stack's, for every connection.
     */
    client(connection?: Record<string, unknown>): OktaClient {
        // Resolved on first use rather than in `configure`, so a missing setting fails the operation that needs it.
        const tuning = (this.tuning ??= resolveClientTuning(this.config, process.env, this.args));
        if (connection) {
            return openClient({ ...(connection as ConnectionArgs), ...tuning }, NO_CONFIG, {}, this.clients);
        }
        return openClient(this.args, this.config, process.env, this.clients);
    }
}

export const providerContext = new ProviderContext();
