import { request, type Dispatcher } from "undici";

/** The fields of a successful `/oauth2/v1/token` answer. */
export interface TokenResponse {
    access_token: string;
    token_type: string;
    expires_in?: number;
    scope?: string;
    refresh_token?: string;
}

/** A refusal from `/oauth2/v1/token`: OAuth's `{error, error_description}` (or Okta's E0000047 body on a 429). */
export class TokenEndpointError extends Error {
    constructor(
        readonly status: number,
        readonly error: string,
        readonly description: string,
        /** The `DPoP-Nonce` header, sent with `use_dpop_nonce`. */
        readonly dpopNonce?: string,
    ) {
        super(`HTTP ${status} ${error}: ${description}`);
    }
}

const TIMEOUT_MS = 30_000;

/** The org authorization server's token endpoint, `https://{org}/oauth2/v1/token` (notes §12). */
export class TokenEndpoint {
    readonly url: URL;

    constructor(orgUrl: URL, private readonly dispatcher?: Dispatcher) {
        this.url = new URL("/oauth2/v1/token", orgUrl);
    }

    /** Posts one form; resolves with the answer and the nonce the server sent along, if any. */
    async post(form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ body: TokenResponse; dpopNonce?: string }> {
        const response = await request(this.url, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...headers },
            body: new URLSearchParams(form).toString(),
            dispatcher: this.dispatcher,
            headersTimeout: TIMEOUT_MS,
            bodyTimeout: TIMEOUT_MS,
        });
        const text = await response.body.text();
        const dpopNonce = header(response.headers["dpop-nonce"]);
        let body: Record<string, unknown> = {};
        try {
            body = text ? JSON.parse(text) : {};
        } catch {
            // Not JSON (a proxy's error page): reported by status below.
        }
        if (response.statusCode !== 200 || typeof body.access_token !== "string") {
            const error = String(body.error ?? body.errorCode ?? "unexpected_response");
            const description = String(body.error_description ?? body.errorSummary ?? `no access token in the answer`);
            throw new TokenEndpointError(response.statusCode, error, description, dpopNonce);
        }
        return { body: body as unknown as TokenResponse, dpopNonce };
    }
}

function header(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}
