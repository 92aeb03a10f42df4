import { createHash } from "node:crypto";
import {
    ApiTokenAuthenticator,
    AuthorizationCodeAuthenticator,
    ClientCredentialsAuthenticator,
    OktaClient,
    type Authenticator,
    type OktaClientOptions,
} from "../client";
import type { ConnectionSettings } from "./settings";

/** Options for the connection's authenticator beyond its settings. */
export interface ConnectionOptions {
    /** Authorization code: called with the new refresh token when Okta rotates it, so it can be persisted. */
    onRefreshToken?: (refreshToken: string) => void | Promise<void>;
}

/** The authenticator of one connection (API token, authorization code, or client credentials). */
export function authenticatorFor(settings: ConnectionSettings, options: ConnectionOptions = {}): Authenticator {
    switch (settings.kind) {
        case "apiToken":
            return new ApiTokenAuthenticator(settings.apiToken);
        case "authorizationCode":
            return new AuthorizationCodeAuthenticator({ ...settings, onRefreshToken: options.onRefreshToken });
        case "clientCredentials":
            return new ClientCredentialsAuthenticator({ ...settings, keyId: settings.privateKeyId });
    }
}

/** A client for one connection. */
export function clientFor(
    settings: ConnectionSettings,
    options: ConnectionOptions & Omit<OktaClientOptions, "orgUrl" | "authenticator"> = {},
): OktaClient {
    return new OktaClient({ ...options, orgUrl: settings.orgUrl, authenticator: authenticatorFor(settings, options) });
}

/** Identifies a connection without keeping its secrets in plain sight (a digest of every setting). */
export function connectionKey(settings: ConnectionSettings): string {
    return createHash("sha256").update(JSON.stringify(settings)).digest("base64url");
}
