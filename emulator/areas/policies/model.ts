/**
 * Policies: read-only in the emulator. A fresh org's default policies are created with the store (names, settings and
 * link hints from recorded traffic and the spec's examples); seeds may add more.
 */
import { newOktaId } from "../../platform/collection";
import { oktaTimestamp } from "../../platform/time";

/** Okta's `PolicyType` enum (spec). */
export const POLICY_TYPES = [
    "ACCESS_POLICY",
    "ENTITY_RISK",
    "IDP_DISCOVERY",
    "MFA_ENROLL",
    "OKTA_SIGN_ON",
    "PASSWORD",
    "POST_AUTH_SESSION",
    "PROFILE_ENROLLMENT",
    "DEVICE_SIGNAL_COLLECTION",
    "SESSION_VIOLATION_DETECTION",
    "CLIENT_UPDATE",
    "IDENTITY_CLAIM_SOURCING",
] as const;

export type PolicyType = (typeof POLICY_TYPES)[number];

export interface PolicyRecord {
    id: string;
    type: PolicyType;
    name: string;
    description?: string;
    status: "ACTIVE" | "INACTIVE";
    priority: number;
    system: boolean;
    conditions: Record<string, unknown> | null;
    settings?: Record<string, unknown>;
    created: string;
    lastUpdated: string;
    /** `_embedded` as Okta sends it, e.g. `{ resourceType: "APP" }` on app sign-in policies. */
    embedded?: Record<string, unknown>;
    /** Rules, sent under `_embedded.rules` (keyed by rule id) with `expand=rules`. */
    rules: Record<string, unknown>[];
    /** Methods the `self` link allows; Okta's own read-only policies allow only GET. */
    selfAllows?: string[];
}

export type PolicyInput = Pick<PolicyRecord, "type" | "name"> & Partial<PolicyRecord>;

/** Access and profile-enrollment policies carry `rst` ids, the others `00p` (recorded traffic). */
export function policyIdPrefix(type: PolicyType): string {
    return type === "ACCESS_POLICY" || type === "PROFILE_ENROLLMENT" ? "rst" : "00p";
}

export function newPolicy(input: PolicyInput): PolicyRecord {
    const now = oktaTimestamp();
    return {
        id: input.id ?? newOktaId(policyIdPrefix(input.type)),
        type: input.type,
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        status: input.status ?? "ACTIVE",
        priority: input.priority ?? 1,
        system: input.system ?? false,
        conditions: input.conditions ?? null,
        ...(input.settings !== undefined ? { settings: input.settings } : {}),
        created: input.created ?? now,
        lastUpdated: input.lastUpdated ?? now,
        ...(input.embedded !== undefined ? { embedded: input.embedded } : {}),
        rules: input.rules ?? [],
        ...(input.selfAllows !== undefined ? { selfAllows: input.selfAllows } : {}),
    };
}

/** The policies a new Identity Engine org starts with. */
export function defaultPolicies(everyoneGroupId: string): PolicyInput[] {
    const everyone = { people: { groups: { include: [everyoneGroupId] } } };
    const app = { resourceType: "APP" };
    return [
        {
            type: "PASSWORD",
            name: "Default Policy",
            description: "The default policy applies in all situations if no other policy applies.",
            system: true,
            conditions: { ...everyone, authProvider: { provider: "OKTA" } },
            settings: DEFAULT_PASSWORD_SETTINGS,
        },
        {
            type: "OKTA_SIGN_ON",
            name: "Default Policy",
            description: "The default policy applies in all situations if no other policy applies.",
            system: true,
            conditions: everyone,
        },
        {
            type: "MFA_ENROLL",
            name: "Default Policy",
            description: "The default policy applies in all situations if no other policy applies.",
            system: true,
            conditions: everyone,
            settings: {
                type: "AUTHENTICATORS",
                authenticators: [
                    { key: "okta_email", enroll: { self: "REQUIRED" } },
                    { key: "okta_password", enroll: { self: "REQUIRED" } },
                ],
            },
        },
        { type: "IDP_DISCOVERY", name: "Idp Discovery Policy", description: "The default IdP Discovery Policy", system: true },
        { type: "PROFILE_ENROLLMENT", name: "Default Policy", system: true },
        { type: "ACCESS_POLICY", name: "Okta Admin Console", embedded: app },
        { type: "ACCESS_POLICY", name: "Okta Dashboard", embedded: app },
        { type: "ACCESS_POLICY", name: "Okta Browser Plugin", embedded: app },
        {
            type: "ACCESS_POLICY",
            name: "Any two factors",
            description: "Require two factors to access.",
            system: true,
            embedded: app,
        },
        {
            type: "ACCESS_POLICY",
            name: "Okta Account Management Policy",
            description:
                "This policy defines how users must authenticate for authenticator enrollment, password reset, or unlock account. " +
                "Password policy rules control whether to enforce this policy for password reset and unlock account.",
            embedded: { resourceType: "END_USER_ACCOUNT_MANAGEMENT" },
            selfAllows: ["GET"],
        },
    ];
}

/** The app sign-in policy Okta gives a new app (recorded traffic: a new OIDC app links to "Any two factors"). */
export const DEFAULT_APP_ACCESS_POLICY = "Any two factors";

const DEFAULT_PASSWORD_SETTINGS = {
    password: {
        complexity: {
            minLength: 8,
            minLowerCase: 1,
            minUpperCase: 1,
            minNumber: 1,
            minSymbol: 0,
            excludeUsername: true,
            dictionary: { common: { exclude: false } },
            excludeAttributes: [],
        },
        age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 5 },
        lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: [], showLockoutFailures: false },
    },
    recovery: {
        factors: {
            recovery_question: { status: "INACTIVE", properties: { complexity: { minLength: 4 } } },
            okta_email: { status: "INACTIVE", properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } },
            okta_sms: { status: "INACTIVE" },
            okta_call: { status: "INACTIVE" },
        },
    },
    delegation: { options: { skipUnlock: false } },
};
