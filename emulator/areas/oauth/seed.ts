import { createPublicKey, type JsonWebKey } from "node:crypto";
import type { JWK } from "jose";
import { newOktaId } from "../../platform/collection";
import { OKTA_SCOPE_PATTERN } from "./scopes";
import type { SeedFail, SeedList, SeedSection } from "../../org/seed-section";
import type { OrgStore } from "../../org/store";
import type { OAuthClientRecord } from "./model";
import { listOAuthClientAsApp } from "./apps";

/** An API Services app: client credentials with private_key_jwt, for the `okta.*` scopes granted to it. */
export interface ServiceAppSeed {
    clientId: string;
    name?: string;
    scopes: string[];
    /** The app's public keys (JWK), against which client assertions are verified. */
    keys: JWK[];
    /** `dpop_bound_access_tokens`; on by default for new API Services apps (docs/okta/oauth.md#dpop). */
    dpop?: boolean;
}

/** A web app for the authorization code flow (with PKCE) and refresh tokens. */
export interface WebAppSeed {
    clientId: string;
    clientSecret: string;
    name?: string;
    redirectUris: string[];
    scopes: string[];
    /** ROTATE hands out a new refresh token on every refresh; STATIC (default) keeps it. */
    refreshTokenRotation?: "ROTATE" | "STATIC";
    /** Seconds a rotated refresh token keeps working (0-60, default 30). */
    rotationLeewaySeconds?: number;
    /** Login of the user `/authorize` signs in; default the org's super administrator (`admin@example.com`). */
    user?: string;
    dpop?: boolean;
}

export interface OAuthSeed {
    /** OAuth service apps (client credentials + private_key_jwt) with their public keys and granted scopes. */
    serviceApps?: ServiceAppSeed[];
    /** OAuth web apps (authorization code + client secret) with redirect URIs and granted scopes. */
    webApps?: WebAppSeed[];
}

export const oauthSeedSection: SeedSection<OAuthSeed> = {
    keys: ["serviceApps", "webApps"],
    credentials: true,
    validate: (list, fail) => validateOAuthSeed(list, fail),
    apply: (store, seed) => applyOAuthSeed(store, seed),
};

const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"];

/** Validates the `serviceApps` and `webApps` sections, naming the first wrong entry. */
function validateOAuthSeed(list: SeedList, fail: SeedFail): void {
    const clientIds = new Set<string>();
    // An OAuth client is listed as an app whose id is its client id: it must not be the id of a seeded app.
    const appIds = new Set(list("apps").map((app) => app.id));
    const checkCommon = (app: Record<string, unknown>, where: string) => {
        if (typeof app.clientId !== "string" || app.clientId === "") {
            fail(`${where}.clientId`, "must be a non-empty string");
        }
        if (clientIds.has(app.clientId as string) || appIds.has(app.clientId)) {
            fail(`${where}.clientId`, `'${app.clientId}' is already used by another app`);
        }
        clientIds.add(app.clientId as string);
        checkScopes(app.scopes, `${where}.scopes`, fail);
        optional(app.name, "string", `${where}.name`, fail);
        optional(app.dpop, "boolean", `${where}.dpop`, fail);
    };
    list("serviceApps").forEach((app, i) => {
        checkCommon(app, `serviceApps[${i}]`);
        checkKeys(app.keys, `serviceApps[${i}].keys`, fail);
    });
    list("webApps").forEach((app, i) => {
        const where = `webApps[${i}]`;
        checkCommon(app, where);
        if (typeof app.clientSecret !== "string" || app.clientSecret.length < 8) {
            fail(`${where}.clientSecret`, "must be a string of at least 8 characters");
        }
        checkRedirectUris(app.redirectUris, `${where}.redirectUris`, fail);
        if (app.refreshTokenRotation !== undefined && !["ROTATE", "STATIC"].includes(app.refreshTokenRotation as string)) {
            fail(`${where}.refreshTokenRotation`, "must be ROTATE or STATIC");
        }
        const leeway = app.rotationLeewaySeconds;
        if (leeway !== undefined && (!Number.isInteger(leeway) || (leeway as number) < 0 || (leeway as number) > 60)) {
            fail(`${where}.rotationLeewaySeconds`, "must be a whole number of seconds from 0 to 60");
        }
        optional(app.user, "string", `${where}.user`, fail);
    });
}

function optional(value: unknown, type: "string" | "boolean", where: string, fail: SeedFail): void {
    if (value !== undefined && typeof value !== type) {
        fail(where, `must be a ${type}`);
    }
}

function checkScopes(scopes: unknown, where: string, fail: SeedFail): void {
    if (!Array.isArray(scopes) || scopes.length === 0) {
        fail(where, "must be a non-empty list of okta.* scopes");
    }
    (scopes as unknown[]).forEach((scope, i) => {
        if (typeof scope !== "string" || !OKTA_SCOPE_PATTERN.test(scope)) {
            fail(`${where}[${i}]`, `'${String(scope)}' is not an Okta API scope (okta.<resource>.read or .manage)`);
        }
    });
}

function checkKeys(keys: unknown, where: string, fail: SeedFail): void {
    if (!Array.isArray(keys) || keys.length === 0) {
        fail(where, "must be a non-empty list of public keys (JWK)");
    }
    const kids = new Set<string>();
    (keys as unknown[]).forEach((key, i) => {
        const at = `${where}[${i}]`;
        if (typeof key !== "object" || key === null || Array.isArray(key)) {
            fail(at, "must be a JWK mapping");
        }
        const jwk = key as Record<string, unknown>;
        if (jwk.kty !== "RSA" && jwk.kty !== "EC") {
            fail(`${at}.kty`, "must be RSA or EC");
        }
        const secret = PRIVATE_JWK_MEMBERS.find((member) => member in jwk);
        if (secret) {
            fail(at, `must be a public key, but has the private member '${secret}'`);
        }
        if (jwk.kid !== undefined) {
            if (typeof jwk.kid !== "string" || kids.has(jwk.kid)) {
                fail(`${at}.kid`, "must be a string unique among the app's keys");
            }
            kids.add(jwk.kid as string);
        }
        try {
            createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
        } catch (err) {
            fail(at, `is not a valid public key: ${(err as Error).message}`);
        }
    });
}

function checkRedirectUris(uris: unknown, where: string, fail: SeedFail): void {
    if (!Array.isArray(uris) || uris.length === 0) {
        fail(where, "must be a non-empty list of absolute URLs");
    }
    (uris as unknown[]).forEach((uri, i) => {
        if (typeof uri !== "string" || !URL.canParse(uri)) {
            fail(`${where}[${i}]`, `'${String(uri)}' is not an absolute URL`);
        }
    });
}

/** Registers each OAuth client, and lists it among the org's apps as Okta does. */
function applyOAuthSeed(store: OrgStore, seed: OAuthSeed): void {
    const register = (client: OAuthClientRecord) => {
        store.oauthClients.set(client.clientId, client);
        listOAuthClientAsApp(store, client);
    };
    for (const app of seed.serviceApps ?? []) {
        register({
            clientId: app.clientId,
            name: app.name ?? app.clientId,
            kind: "service",
            scopes: [...app.scopes],
            jwks: app.keys.map((key) => ({ ...key })),
            redirectUris: [],
            requireDpop: app.dpop ?? true,
            refreshTokenRotation: "STATIC",
            rotationLeewaySeconds: 0,
        });
    }
    for (const app of seed.webApps ?? []) {
        register({
            clientId: app.clientId,
            name: app.name ?? app.clientId,
            kind: "web",
            scopes: [...app.scopes],
            jwks: [],
            clientSecret: app.clientSecret,
            redirectUris: [...app.redirectUris],
            requireDpop: app.dpop ?? false,
            refreshTokenRotation: app.refreshTokenRotation ?? "STATIC",
            rotationLeewaySeconds: app.rotationLeewaySeconds ?? 30,
            user: signedInUser(store, app.user),
        });
    }
}

/**
 * The user `/authorize` signs in: the org's user with the seeded login, by default the super administrator
 * (`admin@example.com` when the org has none).
 */
function signedInUser(store: OrgStore, login: string | undefined): { id: string; login: string } {
    const admin = login === undefined ? store.users.get(store.superAdminId() ?? "") : undefined;
    if (admin) {
        return { id: admin.id, login: admin.profile.login };
    }
    const named = login ?? "admin@example.com";
    return { id: store.userLogins.idOfLogin(named) ?? newOktaId("00u"), login: named };
}
