import type { OktaResponse } from "./request-types";

/**
 * How requests are authorized. The API token scheme lives here; OAuth schemes implement the same interface, so the
 * transport never needs to know which one is in use.
 */
export interface Authenticator {
    /** The headers that authorize one attempt of one request (called for every attempt, so DPoP proofs are fresh). */
    headers(request: { method: string; url: URL }): Promise<Record<string, string>> | Record<string, string>;
    /**
     * Called with a 400 or 401 response before it is turned into an error. Returns true when the authenticator has
     * fixed what the server complained about (a new DPoP nonce, a refreshed access token) and the same request should
     * be sent once more with fresh `headers`. Such a resend is not a retry and does not count against retry budgets.
     */
    recoverFromChallenge?(response: AuthChallenge): Promise<boolean>;
    /** Secret values held (tokens, keys), so loggers and error messages can redact them. */
    secrets?(): string[];
    /**
     * Called by each OktaClient given this authenticator, with the way to send the authenticator's own requests (OAuth
     * token requests) through that client: its transport, rate-limit governor, retries and logging.
     */
    attach?(send: AuthorizationSender): void;
}

/** Sends an authenticator's own request (a form POST to the org's token endpoint) through a client. */
export type AuthorizationSender = (request: AuthorizationRequest) => Promise<OktaResponse<unknown>>;

export interface AuthorizationRequest {
    /** An endpoint on the org, e.g. `https://example.okta.com/oauth2/v1/token`. */
    url: URL;
    /** The form to post, made anew for every attempt (a client assertion may be used only once). */
    form(): Promise<Record<string, string>>;
    /** Authorizes every attempt of this request (a fresh DPoP proof, Basic auth) and answers its challenges. */
    authenticator: Authenticator;
}

/** What an authenticator sees of a refused request. */
export interface AuthChallenge {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
}

/** `Authorization: SSWS <api token>`. */
export class ApiTokenAuthenticator implements Authenticator {
    constructor(private readonly token: string) {
        if (!token) {
            throw new Error("an API token is required");
        }
    }

    headers(): Record<string, string> {
        return { Authorization: `SSWS ${this.token}` };
    }

    secrets(): string[] {
        return [this.token];
    }
}
