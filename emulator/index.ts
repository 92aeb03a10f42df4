export { OktaEmulator, type EmulatorOptions } from "./server";
export { loadSeedFile, validateSeed, type SeedDocument } from "./seed";
export { DEFAULT_BUCKETS, type RateLimitOptions, type RateLimitSettings, type BucketRule } from "./rate-limits";
export { FAULT_KINDS, type FaultKind, type FaultRule, type FaultSettings } from "./faults";
export { CONTROL_PREFIX, type ControlStats } from "./control";
export type { JournalEntry } from "./journal";
