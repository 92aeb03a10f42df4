/**
 * The `apps` and `policies` sections of the YAML seed: validation with precise messages, and how they land in the
 * store. Apps get the org's default app sign-in and profile enrollment policies unless the seed names others.
 */
import { newApp, type AppInput } from "./defaults";
import { CREDENTIALS_SCHEMES, SIGN_ON_MODES, type CredentialsScheme, type SignOnMode } from "./model";
import { templateProblem } from "../../platform/expressions";
import { DEFAULT_APP_ACCESS_POLICY, POLICY_TYPES, type PolicyInput, type PolicyType } from "../policies/model";
import type { SeedFail, SeedSection } from "../../org/seed-section";
import type { OrgStore } from "../../org/store";

export type AppSeed = AppInput;

export interface PolicySeed {
    id?: string;
    type: PolicyType;
    name: string;
    description?: string;
    status?: "ACTIVE" | "INACTIVE";
    priority?: number;
    system?: boolean;
    conditions?: Record<string, unknown>;
    settings?: Record<string, unknown>;
    rules?: Record<string, unknown>[];
}

export interface DirectorySeed {
    apps?: AppSeed[];
    policies?: PolicySeed[];
}

// Policies go in before apps: an app may name a seeded policy, and a seeded system policy can be an app's default.
export const directorySeedSection: SeedSection<DirectorySeed> = {
    keys: ["apps", "policies"],
    validate(list, fail) {
        validateAppSeeds(list("apps"), fail);
        validatePolicySeeds(list("policies"), fail);
    },
    apply(store, seed) {
        applyPolicySeeds(store, seed.policies ?? []);
        applyAppSeeds(store, seed.apps ?? []);
    },
};

function validateAppSeeds(apps: Record<string, unknown>[], fail: SeedFail): void {
    checkUniqueIds(apps, "apps", fail);
    apps.forEach((app, i) => {
        const at = (field: string) => `apps[${i}].${field}`;
        for (const field of ["name", "label"]) {
            if (typeof app[field] !== "string" || app[field] === "") {
                fail(at(field), "must be a non-empty string");
            }
        }
        if (!SIGN_ON_MODES.includes(app.signOnMode as SignOnMode)) {
            fail(at("signOnMode"), `must be one of ${SIGN_ON_MODES.join(", ")}`);
        }
        if (app.status !== undefined && app.status !== "ACTIVE" && app.status !== "INACTIVE") {
            fail(at("status"), "must be ACTIVE or INACTIVE");
        }
        const credentials = (app.credentials ?? {}) as Record<string, unknown>;
        if (credentials.scheme !== undefined && !CREDENTIALS_SCHEMES.includes(credentials.scheme as CredentialsScheme)) {
            fail(at("credentials.scheme"), `must be one of ${CREDENTIALS_SCHEMES.join(", ")}`);
        }
        const template = (credentials.userNameTemplate as { template?: unknown } | undefined)?.template;
        if (template !== undefined && (typeof template !== "string" || templateProblem(template))) {
            fail(at("credentials.userNameTemplate.template"), typeof template === "string" ? templateProblem(template)! : "must be a string");
        }
        for (const field of ["settings", "userProfile"]) {
            if (app[field] !== undefined && !isMapping(app[field])) {
                fail(at(field), "must be a mapping");
            }
        }
        for (const [attribute, value] of Object.entries((app.userProfile ?? {}) as Record<string, unknown>)) {
            if (typeof value === "string" && templateProblem(value)) {
                fail(at(`userProfile.${attribute}`), templateProblem(value)!);
            }
        }
    });
}

function validatePolicySeeds(policies: Record<string, unknown>[], fail: SeedFail): void {
    checkUniqueIds(policies, "policies", fail);
    policies.forEach((policy, i) => {
        if (!POLICY_TYPES.includes(policy.type as PolicyType)) {
            fail(`policies[${i}].type`, `must be one of ${POLICY_TYPES.join(", ")}`);
        }
        if (typeof policy.name !== "string" || policy.name === "") {
            fail(`policies[${i}].name`, "must be a non-empty string");
        }
        if (policy.status !== undefined && policy.status !== "ACTIVE" && policy.status !== "INACTIVE") {
            fail(`policies[${i}].status`, "must be ACTIVE or INACTIVE");
        }
        if (policy.priority !== undefined && !(Number.isInteger(policy.priority) && (policy.priority as number) > 0)) {
            fail(`policies[${i}].priority`, "must be a positive whole number");
        }
        if (policy.rules !== undefined && !(Array.isArray(policy.rules) && policy.rules.every(isMapping))) {
            fail(`policies[${i}].rules`, "must be a list of mappings");
        }
    });
}

function applyPolicySeeds(store: OrgStore, policies: PolicySeed[]): void {
    for (const policy of policies) {
        store.addPolicy(policy as PolicyInput);
    }
}

function applyAppSeeds(store: OrgStore, apps: AppSeed[]): void {
    const defaults = defaultAppPolicies(store);
    for (const app of apps) {
        store.apps.insert(
            newApp({
                ...app,
                accessPolicyId: app.accessPolicyId ?? defaults.accessPolicyId,
                profileEnrollmentPolicyId: app.profileEnrollmentPolicyId ?? defaults.profileEnrollmentPolicyId,
            }),
        );
    }
}

/** The system policies Okta links a new app to. */
export function defaultAppPolicies(store: OrgStore): { accessPolicyId?: string; profileEnrollmentPolicyId?: string } {
    const find = (type: PolicyType, name?: string) =>
        store.policies.find((p) => p.type === type && p.system && (name === undefined || p.name === name))?.id;
    return { accessPolicyId: find("ACCESS_POLICY", DEFAULT_APP_ACCESS_POLICY), profileEnrollmentPolicyId: find("PROFILE_ENROLLMENT") };
}

/** Ids are optional, but two entries with the same one would collide in the store. */
function checkUniqueIds(entries: Record<string, unknown>[], section: string, fail: SeedFail): void {
    const seen = new Set<unknown>();
    entries.forEach((entry, i) => {
        if (entry.id === undefined) {
            return;
        }
        if (typeof entry.id !== "string" || entry.id === "") {
            fail(`${section}[${i}].id`, "must be a non-empty string");
        }
        if (seen.has(entry.id)) {
            fail(`${section}[${i}].id`, `'${entry.id}' is already used by another entry`);
        }
        seen.add(entry.id);
    });
}

function isMapping(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
