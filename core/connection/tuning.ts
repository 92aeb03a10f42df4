import { ConfigError, type OktaClientOptions } from "../client";
import { resolveSetting, type ConfigLookup, type ResolvedSetting } from "./settings";
import type { ProviderConfig } from "../../provider/generated/types";
import { packageSchema, type PropertySpec } from "../../provider/schema";

/**
 * How the client uses Okta's API, as opposed to how it reaches the org (config.ts): concurrency, the share of each
 * rate-limit bucket, retries and time budgets. Types, defaults and descriptions are schema.json's `config.variables`;
 * ranges are its `language.x-okta-iac.validation.config`. Names follow the Terraform provider where it has the setting.
 *
 * They apply to the whole provider process, not to one resource's `connection`: every client of an org shares one
 * rate-limit governor, so per-resource limits would contradict each other, and tuning is not part of what a resource
 * is (a change would show as a diff on every resource).
 */
export const TUNING_SETTINGS = ["parallelism", "maxApiCapacity", "maxRetries", "requestTimeout", "requestDeadline"] as const;

export type TuningSetting = (typeof TUNING_SETTINGS)[number];

/** Explicit arguments: numbers, or text as configuration gives it. */
export type TuningArgs = { [K in TuningSetting]?: ProviderConfig[K] | string };

/** Every tuning setting, resolved; `requestTimeout` and `requestDeadline` in seconds. */
export type ClientTuning = Required<Pick<ProviderConfig, TuningSetting>>;

/** Each setting's environment variables, in order (`MAX_API_CAPACITY` is the Terraform provider's). */
const ENVIRONMENT: Record<TuningSetting, string[]> = {
    parallelism: ["OKTA_PARALLELISM"],
    maxApiCapacity: ["OKTA_MAX_API_CAPACITY", "MAX_API_CAPACITY"],
    maxRetries: ["OKTA_MAX_RETRIES"],
    requestTimeout: ["OKTA_REQUEST_TIMEOUT"],
    requestDeadline: ["OKTA_REQUEST_DEADLINE"],
};

interface Range {
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
}

/**
 * Resolves the tuning settings from, in order: explicit arguments, stack config (`okta:*`), the environment; the
 * schema's default for each one unset. Throws ONE error naming every invalid setting, where it came from and what it
 * must be.
 */
export function resolveClientTuning(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env, args: TuningArgs = {}): ClientTuning {
    const schema = packageSchema();
    const ranges = (schema.language?.["x-okta-iac"]?.validation?.config ?? {}) as Record<string, Range>;
    const problems: string[] = [];
    const tuning = {} as ClientTuning;
    for (const setting of TUNING_SETTINGS) {
        const spec = schema.config.variables[setting];
        const resolved = resolveSetting(setting, args[setting], config, env, ENVIRONMENT[setting]);
        tuning[setting] = resolved === undefined ? Number(spec.default) : parseSetting(setting, resolved, spec, ranges[setting] ?? {}, problems);
    }
    if (problems.length > 0) {
        throw new ConfigError(`Okta provider configuration is invalid: ${problems.join("; ")}.`);
    }
    return tuning;
}

/** The client options the tuning sets. */
export function tuningClientOptions(tuning: ClientTuning): Pick<OktaClientOptions, "timeoutMs" | "deadlineMs" | "retry" | "governor"> {
    return {
        timeoutMs: tuning.requestTimeout * 1000,
        deadlineMs: tuning.requestDeadline * 1000,
        retry: { maxRetries: tuning.maxRetries },
        governor: { maxConcurrency: tuning.parallelism, capacityPercent: tuning.maxApiCapacity },
    };
}

function parseSetting(setting: TuningSetting, resolved: ResolvedSetting, spec: PropertySpec, range: Range, problems: string[]): number {
    const value = Number(resolved.value);
    const whole = spec.type === "integer";
    if (Number.isFinite(value) && (!whole || Number.isInteger(value)) && inRange(value, range)) {
        return value;
    }
    const text = resolved.value.length > 40 ? `${resolved.value.slice(0, 40)}…` : resolved.value;
    problems.push(`okta:${setting} (from ${resolved.source}) must be ${whole ? "a whole number" : "a number"}${describeRange(range)}, got '${text}'`);
    return Number(spec.default);
}

function inRange(value: number, { minimum, maximum, exclusiveMinimum }: Range): boolean {
    return (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum) && (exclusiveMinimum === undefined || value > exclusiveMinimum);
}

function describeRange({ minimum, maximum, exclusiveMinimum }: Range): string {
    if (minimum !== undefined && maximum !== undefined) {
        return ` from ${minimum} to ${maximum}`;
    }
    if (minimum !== undefined) {
        return ` of at least ${minimum}`;
    }
    return exclusiveMinimum !== undefined ? ` greater than ${exclusiveMinimum}` : "";
}
