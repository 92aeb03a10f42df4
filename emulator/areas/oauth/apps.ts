/**
 * Real Okta lists every OAuth 2.0 client among the org's apps (`GET /api/v1/apps`): an OIDC app (`signOnMode`
 * OPENID_CONNECT, `name` oidc_client, spec OpenIdConnectApplication) whose `credentials.oauthClient.client_id` is the
 * client id. This builds that app for a seeded service or web app, so the emulator lists them too.
 */
import type { JWK } from "jose";
import { newOktaId } from "../../platform/collection";
import { newApp } from "../apps/defaults";
import type { AppRecord } from "../apps/model";
import { defaultAppPolicies } from "../apps/seed";
import type { OrgStore } from "../../org/store";
import type { OAuthClientRecord } from "./model";
import { oktaTimestamp } from "../../platform/time";

/** Okta's app ids; a custom client id that is not one gets a generated app id, as in Okta. */
const APP_ID = /^0oa[A-Za-z0-9]{17}$/;

/** Adds the app of an OAuth client, unless the org already has it (an org restored from a data file keeps its apps). */
export function listOAuthClientAsApp(store: OrgStore, client: OAuthClientRecord): void {
    const exists = [...store.apps.values()].some((app) => oauthClientId(app) === client.clientId);
    if (!exists) {
        store.apps.insert(oauthClientApp(store, client));
    }
}

function oauthClientApp(store: OrgStore, client: OAuthClientRecord): AppRecord {
    const service = client.kind === "service";
    const policies = service ? {} : defaultAppPolicies(store);
    return newApp({
        id: APP_ID.test(client.clientId) ? client.clientId : newOktaId("0oa"),
        name: "oidc_client",
        label: client.name,
        signOnMode: "OPENID_CONNECT",
        credentials: {
            // The client secret is never shown after the app is created (spec ApplicationCredentialsOAuthClient).
            oauthClient: { client_id: client.clientId, token_endpoint_auth_method: service ? "private_key_jwt" : "client_secret_basic" },
        },
        settings: { oauthClient: service ? serviceSettings(client) : webSettings(client) },
        ...policies,
    });
}

function serviceSettings(client: OAuthClientRecord): Record<string, unknown> {
    return {
        redirect_uris: [],
        response_types: ["token"],
        grant_types: ["client_credentials"],
        application_type: "service",
        consent_method: "REQUIRED",
        dpop_bound_access_tokens: client.requireDpop,
        jwks: { keys: client.jwks.map(registeredKey) },
    };
}

function webSettings(client: OAuthClientRecord): Record<string, unknown> {
    return {
        redirect_uris: [...client.redirectUris],
        response_types: ["code"],
        grant_types: ["authorization_code", "refresh_token"],
        application_type: "web",
        dpop_bound_access_tokens: client.requireDpop,
        refresh_token: { rotation_type: client.refreshTokenRotation, leeway: client.rotationLeewaySeconds },
    };
}

/** A public key as Okta shows it on the app: the JWK's public members with the key's id, status and dates. */
function registeredKey(jwk: JWK): Record<string, unknown> {
    const now = oktaTimestamp();
    const { kty, kid, alg, e, n, crv, x, y } = jwk;
    const members = kty === "RSA" ? { e, n } : { crv, x, y };
    return { id: newOktaId("pks"), status: "ACTIVE", created: now, lastUpdated: now, kid: kid ?? null, kty, ...(alg ? { alg } : {}), use: "sig", ...members };
}

function oauthClientId(app: AppRecord): unknown {
    return (app.credentials.oauthClient as Record<string, unknown> | undefined)?.client_id;
}
