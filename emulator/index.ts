export { OktaEmulator, type EmulatorOptions } from "./server";
export { loadSeedFile, validateSeed, type SeedDocument } from "./seed";
export type { RateLimitOptions, BucketRule } from "./rate-limits";
export type { EventHookOptions, DeliveryStats } from "./hooks/delivery";
