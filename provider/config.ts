import { validateOrgUrl } from "./client";

/** Reads one configuration value; `undefined` when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** How to reach one Okta org. */
export interface ConnectionSettings {
    orgUrl: string;
    apiToken: string;
}

/** Each setting: its stack config key and its environment fallbacks, in order. */
const SETTINGS: { name: keyof ConnectionSettings; configKey: string; env: string[] }[] = [
    { name: "orgUrl", configKey: "okta:orgUrl", env: ["OKTA_ORG_URL"] },
    { name: "apiToken", configKey: "okta:apiToken", env: ["OKTA_API_TOKEN"] },
];

/**
 * Resolves the connection from stack config, then the environment. Throws one error that lists every missing
 * setting and how to provide it.
 */
export function resolveConnectionSettings(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
    const resolved: Partial<ConnectionSettings> = {};
    const missing: string[] = [];
    for (const setting of SETTINGS) {
        const value = nonEmpty(config(setting.configKey)) ?? setting.env.map((name) => nonEmpty(env[name])).find(Boolean);
        if (value === undefined) {
            missing.push(`${setting.configKey} (or ${setting.env.join(", ")})`);
        } else {
            resolved[setting.name] = value;
        }
    }
    if (missing.length > 0) {
        throw new Error(
            `Okta provider configuration is incomplete; missing: ${missing.join("; ")}. ` +
                "Set them with `pulumi config set okta:orgUrl https://<org>.okta.com` and " +
                "`pulumi config set --secret okta:apiToken <token>`, or in the environment.",
        );
    }
    validateOrgUrl(resolved.orgUrl!);
    return resolved as ConnectionSettings;
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}
