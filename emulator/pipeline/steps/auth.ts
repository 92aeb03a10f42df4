import { OktaHttpError } from "../../platform/errors";
import { authenticate } from "../auth";
import type { Exchange, Next, Reply } from "../exchange";

/**
 * Answers a request that matches no route with its 404/405 (once it has counted against its bucket), then
 * authenticates Management API requests and checks their scopes (emulator/pipeline/auth.ts).
 */
export async function auth(ex: Exchange, next: Next): Promise<Reply> {
    if (ex.match instanceof OktaHttpError) {
        throw ex.match;
    }
    if (ex.url.pathname.startsWith("/api/")) {
        const { method, url } = ex;
        const request = { method, url, headers: ex.req.headers, baseUrl: ex.services.baseUrl() };
        ex.principal = await authenticate(request, ex.services.store, ex.services.authorizationServer);
    }
    return next();
}
