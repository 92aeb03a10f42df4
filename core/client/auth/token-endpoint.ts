import type { AuthChallenge, Authenticator, AuthorizationSender } from "../auth";
import { OktaApiError } from "../errors";
import type { DpopProver } from "./dpop";

/** The fields of a successful `/oauth2/v1/token` answer. */
export interface TokenResponse {
    access_token: string;
    token_type: string;
    expires_in?: number;
    scope?: string;
    refresh_token?: string;
}

/** A refusal from `/oauth2/v1/token`: OAuth's `{error, error_description}`. */
export class TokenEndpointError extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        readonly description: string,
    ) {
        super(`HTTP ${status} ${error}: ${description}`);
    }
}

/** One token request: the form and the authorization of each attempt. */
export interface TokenRequest {
    /** Called for every attempt: a client assertion's `jti` may be used only once. */
    form(): Promise<Record<string, string>>;
    /** Headers authorizing the client on every attempt (Basic auth for a client secret). */
    headers?(): Record<string, string>;
    /** Prove possession of this DPoP key: a fresh proof for every attempt, and Okta's nonce challenge answered. */
    dpop?: DpopProver;
}

/**
 * The org authorization server's token endpoint, `https://{org}/oauth2/v1/token`
 * (docs/okta/oauth.md#org-authorization-server). Requests go through the OktaClient the authenticator was given to
 * (`attach`), so they are paced by the same governor, in the token endpoint's bucket, and retried on 429, 5xx and
 * network errors like any call.
 */
export class TokenEndpoint {
    readonly url: URL;
    private send?: AuthorizationSender;

    constructor(orgUrl: URL) {
        this.url = new URL("/oauth2/v1/token", orgUrl);
    }

    attach(send: AuthorizationSender): void {
        this.send = send;
    }

    /** Posts the request's form; resolves with the token answer, or throws TokenEndpointError for an OAuth refusal. */
    async post(request: TokenRequest): Promise<TokenResponse> {
        if (!this.send) {
            throw new Error("the authenticator is not used by any client yet: pass it to `new OktaClient({ authenticator })`");
        }
        let response;
        try {
            response = await this.send({ url: this.url, form: () => request.form(), authenticator: this.attemptAuthenticator(request) });
        } catch (err) {
            throw asRefusal(err);
        }
        const nonce = header(response.headers["dpop-nonce"]);
        if (request.dpop && nonce) {
            request.dpop.tokenNonce = nonce;
        }
        const body = response.body as Partial<TokenResponse> | undefined;
        if (typeof body?.access_token !== "string") {
            throw new TokenEndpointError(response.status, "unexpected_response", "no access token in the answer");
        }
        return body as TokenResponse;
    }

    /**
     * Authorizes each attempt of one token request, and answers `use_dpop_nonce` (docs/okta/oauth.md#dpop-nonce) with
     * the nonce.
     */
    private attemptAuthenticator(request: TokenRequest): Authenticator {
        const { dpop } = request;
        return {
            headers: async () => ({
                ...request.headers?.(),
                ...(dpop ? { DPoP: await dpop.proof({ method: "POST", url: this.url, nonce: dpop.tokenNonce }) } : {}),
            }),
            recoverFromChallenge: async ({ status, headers, body }: AuthChallenge) => {
                const nonce = header(headers["dpop-nonce"]);
                if (!dpop || status !== 400 || !nonce || oauthError(body) !== "use_dpop_nonce") {
                    return false;
                }
                dpop.tokenNonce = nonce;
                return true;
            },
        };
    }
}

/** An answer of the authorization server that refuses the request (4xx but 429) is an OAuth refusal; anything else stays. */
function asRefusal(err: unknown): unknown {
    if (err instanceof OktaApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        return new TokenEndpointError(err.status, err.errorCode ?? "unexpected_response", err.errorSummary ?? "no error description");
    }
    return err;
}

function oauthError(body: unknown): unknown {
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>).error : undefined;
}

function header(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}
