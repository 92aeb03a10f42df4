import { existsSync, readFileSync } from "node:fs";
import { ConfigError, validateOrgUrl } from "../client";

/** Reads one configuration value; `undefined` when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** The connection settings, as given in code: each one overrides stack config and the environment. */
export interface ConnectionArgs {
    orgUrl?: string;
    apiToken?: string;
    clientId?: string;
    clientSecret?: string;
    /** PEM or JWK (JSON) text, or the path of a file holding it. */
    privateKey?: string;
    privateKeyId?: string;
    /** Space- or comma-separated. */
    scopes?: string | string[];
    accessToken?: string;
    refreshToken?: string;
    dpop?: boolean | string;
}

/** How to reach one Okta org: one of the product's three connections. */
export type ConnectionSettings = ApiTokenConnection | AuthorizationCodeConnection | ClientCredentialsConnection;

export interface ApiTokenConnection {
    kind: "apiToken";
    orgUrl: string;
    apiToken: string;
}

export interface AuthorizationCodeConnection {
    kind: "authorizationCode";
    orgUrl: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    accessToken?: string;
    /** Narrow refreshed tokens to these; empty: all the scopes of the grant. */
    scopes: string[];
}

export interface ClientCredentialsConnection {
    kind: "clientCredentials";
    orgUrl: string;
    clientId: string;
    /** PEM or JWK text. */
    privateKey: string;
    privateKeyId?: string;
    scopes: string[];
    /** Bind tokens with DPoP (default true: required by new API Services apps). */
    dpop: boolean;
}

type SettingName = keyof Required<ConnectionArgs>;

/** Each setting: its environment variables in order (ours, then the Terraform provider's). */
const ENVIRONMENT: Record<SettingName, string[]> = {
    orgUrl: ["OKTA_ORG_URL"],
    apiToken: ["OKTA_API_TOKEN"],
    clientId: ["OKTA_CLIENT_ID", "OKTA_API_CLIENT_ID"],
    clientSecret: ["OKTA_CLIENT_SECRET"],
    privateKey: ["OKTA_PRIVATE_KEY", "OKTA_API_PRIVATE_KEY"],
    privateKeyId: ["OKTA_PRIVATE_KEY_ID", "OKTA_API_PRIVATE_KEY_ID"],
    scopes: ["OKTA_SCOPES", "OKTA_API_SCOPES"],
    accessToken: ["OKTA_ACCESS_TOKEN"],
    refreshToken: ["OKTA_REFRESH_TOKEN"],
    dpop: ["OKTA_DPOP"],
};

/** The settings that pick a connection: at most one of these groups may be given. */
const CREDENTIALS: Record<ConnectionSettings["kind"], SettingName[]> = {
    apiToken: ["apiToken"],
    clientCredentials: ["privateKey"],
    authorizationCode: ["clientSecret", "refreshToken", "accessToken"],
};

const CONNECTION_NAMES: Record<ConnectionSettings["kind"], string> = {
    apiToken: "API token",
    clientCredentials: "OAuth 2.0 client credentials",
    authorizationCode: "OAuth 2.0 authorization code",
};

/** One resolved value and where it came from (for messages; never a secret value itself in an error). */
export interface ResolvedSetting {
    value: string;
    source: string;
}

type Resolved = ResolvedSetting;

/**
 * Resolves the connection from, in order: explicit arguments, stack config (`okta:*`), the environment. The given
 * credentials pick the connection: an API token; a private key (client credentials); or a client secret with a refresh
 * token (authorization code). Throws ONE error listing everything missing or conflicting, naming settings and where
 * they came from, never their values.
 */
export function resolveConnectionSettings(
    config: ConfigLookup,
    env: NodeJS.ProcessEnv = process.env,
    args: ConnectionArgs = {},
): ConnectionSettings {
    const values = resolveAll(config, env, args);
    const missing: string[] = [];
    const conflicts: string[] = [];
    const need = (name: SettingName, why: string): string => {
        const value = values[name]?.value;
        if (value === undefined) {
            missing.push(`${describeSetting(name)} ${why}`.trim());
        }
        return value ?? "";
    };

    const orgUrl = need("orgUrl", "or OKTA_ORG_NAME with OKTA_BASE_URL");
    const kinds = (Object.keys(CREDENTIALS) as ConnectionSettings["kind"][]).filter((kind) =>
        CREDENTIALS[kind].some((setting) => values[setting] !== undefined),
    );
    if (kinds.length > 1) {
        const given = kinds.map((kind) => {
            const names = CREDENTIALS[kind].filter((setting) => values[setting]).map((setting) => `okta:${setting} (from ${values[setting]!.source})`);
            return `${names.join(" and ")} for the ${CONNECTION_NAMES[kind]} connection`;
        });
        conflicts.push(`credentials of several connections are set: ${given.join("; ")}. Keep the settings of one connection only`);
    }
    if (kinds.length === 0) {
        missing.push(
            "a credential: okta:apiToken (or OKTA_API_TOKEN) for an API token; or okta:privateKey (or OKTA_PRIVATE_KEY, OKTA_API_PRIVATE_KEY) " +
                "with okta:clientId and okta:scopes for OAuth 2.0 client credentials; or okta:clientSecret and okta:refreshToken with " +
                "okta:clientId for OAuth 2.0 authorization code",
        );
    }

    let settings: ConnectionSettings | undefined;
    const kind = kinds.length === 1 ? kinds[0] : undefined;
    const forKind = `for the ${kind ? CONNECTION_NAMES[kind] : ""} connection`;
    if (kind === "apiToken") {
        settings = { kind, orgUrl, apiToken: values.apiToken!.value };
    } else if (kind === "clientCredentials") {
        const scopes = splitScopes(values.scopes?.value);
        if (scopes.length === 0) {
            missing.push(`${describeSetting("scopes")} ${forKind} (space-separated okta.* scopes granted to the app)`);
        }
        settings = {
            kind,
            orgUrl,
            clientId: need("clientId", forKind),
            privateKey: readKeyMaterial(values.privateKey!, conflicts),
            privateKeyId: values.privateKeyId?.value,
            scopes,
            dpop: parseBoolean(values.dpop, true, conflicts),
        };
    } else if (kind === "authorizationCode") {
        settings = {
            kind,
            orgUrl,
            clientId: need("clientId", forKind),
            clientSecret: need("clientSecret", forKind),
            refreshToken: need("refreshToken", `${forKind} (from the authorization code flow, with offline_access)`),
            accessToken: values.accessToken?.value,
            scopes: splitScopes(values.scopes?.value),
        };
    }

    if (missing.length > 0 || conflicts.length > 0) {
        throw new ConfigError(
            "Okta provider configuration is incomplete or conflicting: " +
                [...missing.map((m) => `missing ${m}`), ...conflicts].join("; ") +
                ". Set them with `pulumi config set okta:orgUrl https://<org>.okta.com` and " +
                "`pulumi config set --secret okta:apiToken <token>` (or the OAuth settings: okta:clientId, okta:scopes, " +
                "`--secret okta:privateKey`, `--secret okta:clientSecret`, `--secret okta:refreshToken`), or in the environment.",
        );
    }
    validateOrgUrl(settings!.orgUrl);
    return settings!;
}

function resolveAll(config: ConfigLookup, env: NodeJS.ProcessEnv, args: ConnectionArgs): Partial<Record<SettingName, Resolved>> {
    const resolved: Partial<Record<SettingName, Resolved>> = {};
    for (const setting of Object.keys(ENVIRONMENT) as SettingName[]) {
        const value = resolveSetting(setting, args[setting], config, env, ENVIRONMENT[setting]);
        if (value !== undefined) {
            resolved[setting] = value;
        }
    }
    resolved.orgUrl ??= terraformOrgUrl(env);
    return resolved;
}

/**
 * One setting from, in order: the explicit argument, stack config `okta:<setting>`, the first of `variables` set in
 * the environment. Blank values count as unset; a list argument is joined with spaces.
 */
export function resolveSetting(
    setting: string,
    explicit: unknown,
    config: ConfigLookup,
    env: NodeJS.ProcessEnv,
    variables: readonly string[],
): ResolvedSetting | undefined {
    const fromArgs = nonEmpty(Array.isArray(explicit) ? explicit.join(" ") : explicit === undefined || explicit === null ? undefined : String(explicit));
    const fromConfig = nonEmpty(config(`okta:${setting}`));
    const envName = variables.find((variable) => nonEmpty(env[variable]) !== undefined);
    if (fromArgs !== undefined) {
        return { value: fromArgs, source: `argument ${setting}` };
    }
    if (fromConfig !== undefined) {
        return { value: fromConfig, source: `stack config okta:${setting}` };
    }
    return envName === undefined ? undefined : { value: nonEmpty(env[envName])!, source: `environment ${envName}` };
}

/** The Terraform provider's `OKTA_ORG_NAME` + `OKTA_BASE_URL` (default `okta.com`). */
function terraformOrgUrl(env: NodeJS.ProcessEnv): Resolved | undefined {
    const orgName = nonEmpty(env.OKTA_ORG_NAME);
    if (orgName === undefined) {
        return undefined;
    }
    const baseUrl = nonEmpty(env.OKTA_BASE_URL) ?? "okta.com";
    return { value: `https://${orgName}.${baseUrl}`, source: "environment OKTA_ORG_NAME and OKTA_BASE_URL" };
}

function describeSetting(setting: SettingName): string {
    return `okta:${setting} (or ${ENVIRONMENT[setting].join(", ")})`;
}

function splitScopes(value: string | undefined): string[] {
    return [...new Set((value ?? "").split(/[\s,]+/).filter(Boolean))];
}

function parseBoolean(resolved: Resolved | undefined, fallback: boolean, problems: string[]): boolean {
    if (resolved === undefined) {
        return fallback;
    }
    const value = resolved.value.toLowerCase();
    if (value !== "true" && value !== "false") {
        problems.push(`${resolved.source} must be true or false`);
        return fallback;
    }
    return value === "true";
}

/**
 * The private key text: PEM or JWK as given, or read from the file it names (as the Terraform provider's
 * `OKTA_API_PRIVATE_KEY` allows). Never quotes the value: it may be the key itself.
 */
function readKeyMaterial(resolved: Resolved, problems: string[]): string {
    const text = resolved.value;
    if (text.startsWith("-----BEGIN") || text.startsWith("{")) {
        return text;
    }
    if (!text.includes("\n") && text.length < 4096 && existsSync(text)) {
        try {
            return readFileSync(text, "utf8");
        } catch (err) {
            problems.push(`the private key file named by ${resolved.source} cannot be read (${(err as NodeJS.ErrnoException).code})`);
            return "";
        }
    }
    problems.push(`${resolved.source} is neither a PEM key (-----BEGIN …), a JWK (JSON) nor the path of a file holding one`);
    return "";
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}
