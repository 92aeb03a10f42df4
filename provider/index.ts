/**
 * The code that runs in the Pulumi provider host. The dynamic-provider shim stored in state requires this entry point
 * (`pulumi-okta-iac/provider`) by name: keep `dynamicProvider` here, with the same signature, in every release.
 */
export { dynamicProvider } from "./dynamic";
export * from "../core/client";
export {
    resolveConnectionSettings,
    type ConnectionSettings,
    type ConnectionArgs,
    type ConfigLookup,
    type ApiTokenConnection,
    type AuthorizationCodeConnection,
    type ClientCredentialsConnection,
} from "../core/connection/settings";
export { authenticatorFor, clientFor, type ConnectionOptions } from "../core/connection/authenticator";
export { openClient, ClientCache, type ClientSettings } from "../core/connection/open-client";
export {
    resolveClientTuning,
    tuningClientOptions,
    TUNING_SETTINGS,
    type ClientTuning,
    type TuningArgs,
    type TuningSetting,
} from "../core/connection/tuning";
