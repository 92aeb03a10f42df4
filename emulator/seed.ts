import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { applyOAuthSeed, validateOAuthSeed, type ServiceAppSeed, type WebAppSeed } from "./oauth/seed";
import type { GroupType, OrgStore } from "./store";

/** The YAML seed file: what the emulated org holds when it starts. */
export interface SeedDocument {
    /** API tokens accepted as `Authorization: SSWS <token>`. */
    tokens?: { token: string; name?: string }[];
    groups?: { id?: string; name: string; description?: string; type?: GroupType; profile?: Record<string, unknown> }[];
    /** OAuth service apps (client credentials + private_key_jwt) with their public keys and granted scopes. */
    serviceApps?: ServiceAppSeed[];
    /** OAuth web apps (authorization code + client secret) with redirect URIs and granted scopes. */
    webApps?: WebAppSeed[];
}

const GROUP_TYPES: GroupType[] = ["OKTA_GROUP", "APP_GROUP"];
const SECTIONS = ["tokens", "groups", "serviceApps", "webApps"];

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
    });
    validateOAuthSeed(list, fail);
    return seed as SeedDocument;
}

export function applySeed(store: OrgStore, seed: SeedDocument): void {
    for (const { token, name } of seed.tokens ?? []) {
        store.addApiToken(token, name);
    }
    for (const group of seed.groups ?? []) {
        store.addGroup({
            id: group.id,
            type: group.type,
            profile: { ...group.profile, name: group.name, description: group.description ?? null },
        });
    }
    applyOAuthSeed(store, seed);
}
