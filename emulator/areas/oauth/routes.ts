import type { RequestContext, RouteResult } from "../../platform/http";
import type { AuthorizationServer } from "./authorization-server";
import { invalidRequest, OAuthError } from "./errors";
import type { Router } from "../../platform/router";

/**
 * The org authorization server's endpoints used for Management API access
 * (docs/okta/oauth.md#org-authorization-server).
 */
export function registerOAuthRoutes(router: Router, server: AuthorizationServer): void {
    router
        .on("POST", "/oauth2/v1/token", oauthErrors((ctx) =>
            server.token({ form: formBody(ctx), headers: ctx.headers, url: ctx.url, baseUrl: ctx.baseUrl }),
        ))
        .on("GET", "/oauth2/v1/authorize", oauthErrors((ctx) => server.authorize(ctx.query)))
        .on("GET", "/oauth2/v1/keys", async () => ({ status: 200, body: await server.tokens.jwks() }));
}

/** The authorization server answers in OAuth's `{error, error_description}` shape, not Okta's E0000xxx one. */
function oauthErrors(handler: (ctx: RequestContext) => RouteResult | Promise<RouteResult>) {
    return async (ctx: RequestContext): Promise<RouteResult> => {
        try {
            return await handler(ctx);
        } catch (err) {
            if (err instanceof OAuthError) {
                return err.toResult();
            }
            throw err;
        }
    };
}

function formBody(ctx: RequestContext): URLSearchParams {
    const contentType = String(ctx.headers["content-type"] ?? "");
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
        throw invalidRequest("The request must be form-encoded (Content-Type: application/x-www-form-urlencoded).");
    }
    return new URLSearchParams(ctx.rawBody.toString("utf8"));
}
