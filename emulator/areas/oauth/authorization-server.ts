import type { IncomingHttpHeaders } from "node:http";
import type { RouteResult } from "../../platform/http";
import type { OrgStore } from "../../org/store";
import type { OAuthClientRecord } from "./model";
import { authenticateClient } from "./client-auth";
import { DpopVerifier } from "./dpop";
import { invalidClient, invalidRequest, unsupportedGrantType } from "./errors";
import {
    authorizableScopes,
    authorizationCodeGrant,
    checkGrantAllowed,
    clientCredentialsGrant,
    refreshTokenGrant,
    splitScopes,
    type GrantContext,
    type GrantOutcome,
} from "./grants";
import { ReplayCache } from "./replay";
import { TokenStore } from "./tokens";

export interface OAuthOptions {
    /** Access token lifetime in seconds; Okta's is fixed at 3600. */
    accessTokenLifetimeSeconds?: number;
    /** The authorization server's clock (ms since the epoch); tests move it forward to expire tokens without waiting. */
    now?: () => number;
    /**
     * Okta's resource server does not ask for DPoP nonces (docs/okta/oauth.md#dpop-api-calls). Set this to make API
     * calls demand one (RFC 9449 §9: 401 `use_dpop_nonce` with a `DPoP-Nonce` header), to exercise clients against
     * servers that do.
     */
    requireResourceDpopNonce?: boolean;
    /**
     * A client-credentials request for scopes not granted to the app: `refuse` answers 400 invalid_scope (default);
     * `drop` issues a token without them, as observed in okta/terraform-provider-okta#2375.
     */
    ungrantedScopes?: "refuse" | "drop";
}

export const DEFAULT_ACCESS_TOKEN_LIFETIME_S = 3600;

const GRANTS: Record<string, (ctx: GrantContext) => GrantOutcome> = {
    client_credentials: clientCredentialsGrant,
    authorization_code: authorizationCodeGrant,
    refresh_token: refreshTokenGrant,
};

/** What `/token` is given of a request. */
export interface TokenRequest {
    form: URLSearchParams;
    headers: IncomingHttpHeaders;
    /** The request's URL, for the DPoP `htu` and the client assertion's `aud`. */
    url: URL;
    baseUrl: string;
}

/**
 * The org authorization server (`/oauth2/v1/*`): issues access tokens for the Management API and checks them on API
 * calls. Holds the issued tokens, the DPoP nonces and the used `jti`s.
 */
export class AuthorizationServer {
    readonly tokens: TokenStore;
    readonly dpop: DpopVerifier;
    /** Mutable so a test or a control endpoint can shorten it on a running emulator. */
    accessTokenLifetimeSeconds: number;
    requireResourceDpopNonce: boolean;
    private readonly usedAssertions: ReplayCache;

    constructor(
        private readonly store: OrgStore,
        private readonly options: OAuthOptions = {},
    ) {
        this.accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_S;
        this.requireResourceDpopNonce = options.requireResourceDpopNonce ?? false;
        this.tokens = new TokenStore(this.now);
        this.dpop = new DpopVerifier(this.now);
        this.usedAssertions = new ReplayCache(this.now);
    }

    readonly now = (): number => (this.options.now ?? Date.now)();

    /** `POST /oauth2/v1/token`. */
    async token(request: TokenRequest): Promise<RouteResult> {
        const grantType = request.form.get("grant_type") ?? "";
        const grant = GRANTS[grantType];
        if (!grant) {
            throw grantType === "" ? invalidRequest("The `grant_type` parameter is required.") : unsupportedGrantType();
        }
        const client = await authenticateClient(request.form, request.headers.authorization, {
            store: this.store,
            tokenUrl: `${request.baseUrl}/oauth2/v1/token`,
            now: this.now,
            usedAssertions: this.usedAssertions,
        });
        checkGrantAllowed(client, grantType);
        const jkt = await this.dpopBinding(client, request);
        const outcome = grant({
            client,
            form: request.form,
            tokens: this.tokens,
            jkt,
            ungrantedScopes: this.options.ungrantedScopes ?? "refuse",
        });
        const lifetime = this.accessTokenLifetimeSeconds;
        const accessToken = await this.tokens.issueAccessToken(request.baseUrl, outcome.subject, lifetime);
        return {
            status: 200,
            headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
            body: {
                token_type: outcome.subject.jkt ? "DPoP" : "Bearer",
                expires_in: lifetime,
                access_token: accessToken,
                scope: outcome.subject.scopes.join(" "),
                ...(outcome.refreshToken ? { refresh_token: outcome.refreshToken } : {}),
            },
        };
    }

    /**
     * The DPoP key a token request binds its tokens to. Required for apps with `dpop_bound_access_tokens`; a proof
     * sent to any other app binds too (RFC 9449). Proofs at /token must carry the server's nonce
     * (docs/okta/oauth.md#dpop-nonce).
     */
    private async dpopBinding(client: OAuthClientRecord, request: TokenRequest): Promise<string | undefined> {
        const proof = singleHeader(request.headers.dpop);
        if (proof === undefined && !client.requireDpop) {
            return undefined;
        }
        const { jkt } = await this.dpop.verify(proof, { method: "POST", url: request.url, requireNonce: true });
        return jkt;
    }

    /**
     * `GET /oauth2/v1/authorize` for the authorization code flow. No browser is involved: the web app's seeded user is
     * taken as signed in and consenting, and the answer is the 302 to the redirect URI with `code` and `state`.
     * Errors about the client or redirect URI are answered directly (Okta shows an error page); the others are
     * redirected as `error` and `error_description`, as Okta does.
     */
    authorize(query: URLSearchParams): RouteResult {
        const client = this.store.oauthClients.get(query.get("client_id") ?? "");
        if (!client || client.kind !== "web") {
            throw invalidClient("Invalid value for the `client_id` parameter");
        }
        const redirectUri = query.get("redirect_uri") ?? "";
        if (!client.redirectUris.includes(redirectUri)) {
            throw invalidRequest("The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
        }
        const state = query.get("state") ?? undefined;
        const redirect = (params: Record<string, string>): RouteResult => {
            const location = new URL(redirectUri);
            for (const [key, value] of Object.entries({ ...params, ...(state !== undefined ? { state } : {}) })) {
                location.searchParams.set(key, value);
            }
            return { status: 302, headers: { Location: location.toString(), "Referrer-Policy": "no-referrer" } };
        };
        const refuse = (error: string, description: string) => redirect({ error, error_description: description });

        if (query.get("response_type") !== "code") {
            return refuse("unsupported_response_type", "The response type contained in the request isn't supported.");
        }
        if (state === undefined || state === "") {
            return refuse("invalid_request", "The 'state' parameter is required.");
        }
        const scopes = splitScopes(query.get("scope"));
        if (scopes.length === 0) {
            return refuse("invalid_scope", "The 'scope' parameter is required.");
        }
        const allowed = authorizableScopes(client);
        if (scopes.some((scope) => !allowed.includes(scope))) {
            return refuse("invalid_scope", "One or more scopes are not configured for the authorization server resource.");
        }
        const challenge = query.get("code_challenge") ?? undefined;
        if (challenge !== undefined && query.get("code_challenge_method") !== "S256") {
            return refuse("invalid_request", "The 'code_challenge_method' parameter must be 'S256'.");
        }
        const user = client.user!;
        const code = this.tokens.issueCode(
            { clientId: client.clientId, subject: user.login, userId: user.id, scopes },
            redirectUri,
            challenge,
        );
        return redirect({ code });
    }
}

export function singleHeader(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}
