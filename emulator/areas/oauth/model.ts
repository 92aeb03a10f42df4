import type { JWK } from "jose";

/** An OAuth 2.0 client (an Okta app) that may get access tokens for the Management API from the org authorization server. */
export interface OAuthClientRecord {
    clientId: string;
    name: string;
    /** `service`: API Services app (client credentials + private_key_jwt); `web`: web app (authorization code + secret). */
    kind: "service" | "web";
    /** The `okta.*` scopes granted to the app. */
    scopes: string[];
    /** Public keys for private_key_jwt (service apps). */
    jwks: JWK[];
    /** Client secret (web apps). */
    clientSecret?: string;
    redirectUris: string[];
    /** `dpop_bound_access_tokens`: token requests must carry a DPoP proof. */
    requireDpop: boolean;
    refreshTokenRotation: "ROTATE" | "STATIC";
    /** How long a rotated refresh token keeps working, in seconds (Okta: 0-60, default 30). */
    rotationLeewaySeconds: number;
    /** Web apps: the user the emulated `/authorize` signs in (no browser session is emulated). */
    user?: { id: string; login: string };
}
