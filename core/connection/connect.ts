import type { OktaClient } from "../client";
import { NO_CONFIG, openClient, type ClientSettings } from "./open-client";
import type { ConfigLookup } from "./settings";

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
export function connect(args: ClientSettings = {}, config: ConfigLookup = NO_CONFIG, env: NodeJS.ProcessEnv = process.env): OktaClient {
    return openClient(args, config, env);
}
