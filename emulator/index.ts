export { OktaEmulator, type EmulatorOptions } from "./server";
export { loadSeedFile, validateSeed, type SeedDocument } from "./seed";
export type { RateLimitOptions, BucketRule } from "./rate-limits";
export type { OAuthOptions } from "./oauth/authorization-server";
export type { ServiceAppSeed, WebAppSeed } from "./oauth/seed";
export type { Principal } from "./auth";
export { requiredScopes, SCOPE_RULES } from "./scopes";
export type { EventHookOptions, DeliveryStats } from "./hooks/delivery";
