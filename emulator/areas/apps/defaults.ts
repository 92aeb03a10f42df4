/**
 * Builds a complete app record from a seed entry, filling in what Okta fills in for each sign-on mode (shapes from
 * recorded traffic for OIDC apps and the spec's examples for the others). Seeds override any default.
 */
import { randomBytes } from "node:crypto";
import { newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";
import type { AppRecord, AppStatus, CredentialsScheme, SignOnMode } from "./model";

export interface AppInput {
    id?: string;
    name: string;
    label: string;
    signOnMode: SignOnMode;
    status?: Exclude<AppStatus, "DELETED">;
    credentials?: {
        scheme?: CredentialsScheme;
        userNameTemplate?: { template: string; type?: string };
        userName?: string;
        /** OIDC apps: overrides `credentials.oauthClient` (client id, token endpoint auth method). */
        oauthClient?: Record<string, unknown>;
    };
    settings?: Record<string, unknown>;
    features?: string[];
    userProfile?: Record<string, unknown>;
    accessPolicyId?: string;
    profileEnrollmentPolicyId?: string;
    created?: string;
}

/** Sign-on modes whose apps keep per-user credentials, and so have a `credentials.scheme`. */
const PASSWORD_MODES: readonly SignOnMode[] = ["AUTO_LOGIN", "BASIC_AUTH", "BROWSER_PLUGIN", "SECURE_PASSWORD_STORE"];

/** An OIDC app user's profile, mapped from the Okta user (recorded traffic). */
const OIDC_USER_PROFILE: Record<string, unknown> = {
    street_address: null,
    country: null,
    website: null,
    zoneinfo: "America/Los_Angeles",
    birthdate: null,
    gender: null,
    formatted: null,
    profile: null,
    locality: null,
    given_name: "${source.firstName}",
    middle_name: null,
    locale: "en_US",
    picture: null,
    name: "${source.firstName} ${source.lastName}",
    nickname: null,
    phone_number: null,
    region: null,
    postal_code: null,
    family_name: "${source.lastName}",
    email: "${source.email}",
};

export function newApp(input: AppInput): AppRecord {
    const id = input.id ?? newOktaId("0oa");
    const now = oktaTimestamp();
    const linkName = `${input.name}_link`;
    return {
        id,
        name: input.name,
        label: input.label,
        status: input.status ?? "ACTIVE",
        signOnMode: input.signOnMode,
        created: input.created ?? now,
        lastUpdated: input.created ?? now,
        credentials: defaultCredentials(id, input),
        settings: mergeDeep(defaultSettings(input.signOnMode), input.settings ?? {}),
        features: input.features ?? [],
        accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
        visibility: {
            autoLaunch: false,
            autoSubmitToolbar: false,
            hide: { iOS: false, web: false },
            appLinks: { [linkName]: true },
        },
        appLinks: [{ name: linkName, id: newOktaId("aln") }],
        userProfile: input.userProfile ?? (input.signOnMode === "OPENID_CONNECT" ? { ...OIDC_USER_PROFILE } : {}),
        ...(input.accessPolicyId ? { accessPolicyId: input.accessPolicyId } : {}),
        ...(input.profileEnrollmentPolicyId ? { profileEnrollmentPolicyId: input.profileEnrollmentPolicyId } : {}),
    };
}

function defaultCredentials(id: string, input: AppInput): AppRecord["credentials"] {
    const userNameTemplate = {
        template: input.credentials?.userNameTemplate?.template ?? "${source.login}",
        type: input.credentials?.userNameTemplate?.type ?? "BUILT_IN",
    };
    if (input.signOnMode === "OPENID_CONNECT") {
        return {
            userNameTemplate,
            signing: { kid: randomBytes(32).toString("base64url") },
            oauthClient: {
                autoKeyRotation: true,
                client_id: id,
                token_endpoint_auth_method: "client_secret_basic",
                pkce_required: false,
                ...input.credentials?.oauthClient,
            },
        };
    }
    const scheme = input.credentials?.scheme ?? (PASSWORD_MODES.includes(input.signOnMode) ? "EDIT_USERNAME_AND_PASSWORD" : undefined);
    return {
        ...(scheme ? { scheme } : {}),
        userNameTemplate,
        ...(input.credentials?.userName !== undefined ? { userName: input.credentials.userName } : {}),
        revealPassword: false,
        signing: {},
    };
}

function defaultSettings(mode: SignOnMode): Record<string, unknown> {
    const common = {
        app: {},
        notifications: { vpn: { network: { connection: "DISABLED" }, message: null, helpUrl: null } },
        manualProvisioning: false,
        implicitAssignment: false,
        notes: { admin: null, enduser: null },
    };
    if (mode === "OPENID_CONNECT") {
        return {
            ...common,
            oauthClient: {
                client_uri: null,
                logo_uri: null,
                redirect_uris: [],
                response_types: ["code"],
                grant_types: ["authorization_code"],
                application_type: "web",
                consent_method: "TRUSTED",
                issuer_mode: "ORG_URL",
                idp_initiated_login: { mode: "DISABLED", default_scope: [] },
                wildcard_redirect: "DISABLED",
                dpop_bound_access_tokens: false,
                participate_slo: false,
            },
        };
    }
    return common;
}

/** Objects merge key by key; anything else in `override` replaces what `base` had. */
function mergeDeep(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
        const current = merged[key];
        merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
    }
    return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
