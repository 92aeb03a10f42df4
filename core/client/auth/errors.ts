import { OktaIacError } from "../error-base";
/**
 * Okta's authorization server refused to issue an access token. The message names the connection (client id, key id,
 * scopes), Okta's OAuth error and its description, and what to check; never a secret.
 */
export class OktaOAuthError extends OktaIacError {
    override readonly name = "OktaOAuthError";
    readonly code = "OAUTH";

    constructor(
        /** HTTP status of the /token answer. */
        readonly status: number,
        /** OAuth error code, e.g. `invalid_client`, `invalid_scope`, `invalid_grant`. */
        readonly error: string,
        readonly errorDescription: string,
        /** What was being done, e.g. "client credentials for client 0oa… (key id 'k1', scopes 'okta.users.read')". */
        readonly context: string,
    ) {
        super(`Okta refused an access token (${context}): HTTP ${status} ${error}: ${sentence(errorDescription)}${hint(error)}`);
    }
}

function hint(error: string): string {
    switch (error) {
        case "invalid_client":
            return " Check the client id, and that the app has the public key of this private key (with this key id) registered.";
        case "invalid_scope":
            return " Check that every requested scope is granted to the app (Okta API Scopes tab).";
        case "invalid_grant":
            return " The refresh token is no longer valid: run the authorization code flow again and set the new refresh token.";
        case "invalid_dpop_proof":
            return " Check whether the app requires DPoP (okta:dpop).";
        default:
            return "";
    }
}

/** Okta's descriptions mostly end with a period; some do not. */
function sentence(text: string): string {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
