import type { OktaClient } from "../core/client";
import { resolveConnectionSettings, type ConfigLookup, type ConnectionArgs, type ConnectionSettings } from "../core/connection/settings";
import { ClientCache } from "../core/connection/connect";
import { resolveClientTuning, type ClientTuning, type TuningArgs } from "../core/connection/tuning";

/**
 * The provider process's state: the configuration handed to `configure`, and one client per distinct connection built
 * from it, so that every resource in the process shares connections, access tokens and one rate-limit governor per org.
 */
class ProviderContext {
    private config: ConfigLookup = () => undefined;
    private args: ConnectionArgs & TuningArgs = {};
    private settings?: ConnectionSettings;
    private tuning?: ClientTuning;
    // Clients live as long as the process, so a rotated refresh token stays with its authenticator.
    private readonly clients = new ClientCache();

    /** Called from the dynamic provider's `configure` with the stack's configuration; `args` override it. */
    configure(config: ConfigLookup, args: ConnectionArgs & TuningArgs = {}): void {
        this.config = config;
        this.args = args;
        this.settings = undefined;
        this.tuning = undefined;
    }

    /**
     * The client for the stack's org, or for a resource's own `connection` input (same setting names as the `okta:`
     * stack config, without environment fallbacks, so one org's credentials never leak to another). The tuning settings
     * (parallelism, maxApiCapacity, retries, time budgets) are the stack's, for every connection.
     */
    client(connection?: Record<string, unknown>): OktaClient {
        // Resolved on first use rather than in `configure`, so a missing setting fails the operation that needs it.
        const tuning = (this.tuning ??= resolveClientTuning(this.config, process.env, this.args));
        const settings = connection
            ? resolveConnectionSettings(() => undefined, {}, connection as ConnectionArgs)
            : (this.settings ??= resolveConnectionSettings(this.config, process.env, this.args));
        return this.clients.get(settings, tuning);
    }
}

export const providerContext = new ProviderContext();
