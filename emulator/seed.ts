import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { applyAppSeeds, applyPolicySeeds, validateAppSeeds, validatePolicySeeds, type AppSeed, type PolicySeed } from "./seed-directory";
import { applyOAuthSeed, validateOAuthSeed, type ServiceAppSeed, type WebAppSeed } from "./oauth/seed";
import {
    applyEventHookSeeds,
    applyLogEventSeeds,
    validateEventHookSeeds,
    validateLogEventSeeds,
    type EventHookSeed,
    type LogEventSeed,
} from "./hooks/seed";
import { applyUserSeed, USER_SEED_SECTIONS, validateUserSeed, type UserSeed } from "./seed-users";
import type { GroupType, OrgStore } from "./store";

/** The YAML seed file: what the emulated org holds when it starts. */
export interface SeedDocument extends UserSeed {
    /** API tokens accepted as `Authorization: SSWS <token>`. */
    tokens?: { token: string; name?: string }[];
    groups?: {
        id?: string;
        name: string;
        description?: string;
        type?: GroupType;
        profile?: Record<string, unknown>;
        /** The id of the (seeded) app an APP_GROUP was imported from. */
        sourceAppId?: string;
    }[];
    apps?: AppSeed[];
    policies?: PolicySeed[];
    /** OAuth service apps (client credentials + private_key_jwt) with their public keys and granted scopes. */
    serviceApps?: ServiceAppSeed[];
    /** OAuth web apps (authorization code + client secret) with redirect URIs and granted scopes. */
    webApps?: WebAppSeed[];
    /** Event hooks: the API's create body, plus optional `id` and `verificationStatus`. */
    eventHooks?: EventHookSeed[];
    /** System Log history, appended oldest first. */
    logEvents?: LogEventSeed[];
}

const GROUP_TYPES: GroupType[] = ["OKTA_GROUP", "APP_GROUP"];
const SECTIONS = ["tokens", "groups", "apps", "policies", ...USER_SEED_SECTIONS, "serviceApps", "webApps", "eventHooks", "logEvents"];

export function loadSeedFile(path: string): SeedDocument {
    let document: unknown;
    try {
        document = parse(readFileSync(path, "utf8"));
    } catch (err) {
        throw new Error(`seed file ${path}: ${(err as Error).message}`);
    }
    return validateSeed(document ?? {}, path);
}

/** Checks the seed's shape and names the first wrong entry precisely. */
export function validateSeed(document: unknown, source = "seed"): SeedDocument {
    const fail = (where: string, what: string): never => {
        throw new Error(`${source}: ${where}: ${what}`);
    };
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        fail("top level", "must be a mapping");
    }
    const seed = document as Record<string, unknown>;
    for (const key of Object.keys(seed)) {
        if (!SECTIONS.includes(key)) {
            fail(key, `unknown section (expected ${SECTIONS.join(", ")})`);
        }
    }
    const list = (key: string): Record<string, unknown>[] => {
        const value = seed[key] ?? [];
        if (!Array.isArray(value)) {
            fail(key, "must be a list");
        }
        return (value as unknown[]).map((item, i) => {
            if (typeof item !== "object" || item === null || Array.isArray(item)) {
                fail(`${key}[${i}]`, "must be a mapping");
            }
            return item as Record<string, unknown>;
        });
    };
    list("tokens").forEach((t, i) => {
        if (typeof t.token !== "string" || t.token.length < 8) {
            fail(`tokens[${i}].token`, "must be a string of at least 8 characters");
        }
    });
    list("groups").forEach((g, i) => {
        if (typeof g.name !== "string" || g.name === "") {
            fail(`groups[${i}].name`, "must be a non-empty string");
        }
        if (g.type !== undefined && !GROUP_TYPES.includes(g.type as GroupType)) {
            fail(`groups[${i}].type`, `must be one of ${GROUP_TYPES.join(", ")}`);
        }
        if (g.sourceAppId !== undefined && (g.type !== "APP_GROUP" || !list("apps").some((app) => app.id === g.sourceAppId))) {
            fail(`groups[${i}].sourceAppId`, "needs type APP_GROUP and the id of an app in this seed");
        }
    });
    validateAppSeeds(list("apps"), fail);
    validatePolicySeeds(list("policies"), fail);
    validateOAuthSeed(list, fail);
    validateEventHookSeeds(list("eventHooks"), fail);
    validateLogEventSeeds(list("logEvents"), fail);
    validateUserSeed(seed, fail);
    return seed as SeedDocument;
}

/**
 * The sections of a seed that are credentials rather than org objects (API tokens, OAuth apps): applied on every start,
 * also over an org restored from a data file, which never holds them.
 */
export function seedCredentials(seed: SeedDocument): SeedDocument {
    return { tokens: seed.tokens, serviceApps: seed.serviceApps, webApps: seed.webApps };
}

export function applySeed(store: OrgStore, seed: SeedDocument): void {
    for (const { token, name } of seed.tokens ?? []) {
        store.addApiToken(token, name);
    }
    applyPolicySeeds(store, seed.policies ?? []);
    applyAppSeeds(store, seed.apps ?? []);
    for (const group of seed.groups ?? []) {
        store.addGroup({
            id: group.id,
            type: group.type,
            profile: { ...group.profile, name: group.name, ...(group.description !== undefined ? { description: group.description } : {}) },
            ...(group.sourceAppId ? { source: { id: group.sourceAppId } } : {}),
        });
    }
    applyOAuthSeed(store, seed);
    applyEventHookSeeds(store, seed.eventHooks ?? []);
    applyLogEventSeeds(store, seed.logEvents ?? []);
    applyUserSeed(store, seed, (where, what) => {
        throw new Error(`seed: ${where}: ${what}`);
    });
}
