import { OktaHttpError } from "../../platform/errors";
import type { RequestContext } from "../../platform/http";
import type { Exchange, Reply } from "../exchange";

/** The route's handler: the last step, which answers. */
export async function handler(ex: Exchange): Promise<Reply> {
    if (ex.match instanceof OktaHttpError) {
        throw ex.match;
    }
    const ctx: RequestContext = {
        method: ex.method,
        params: ex.match.params,
        query: ex.url.searchParams,
        url: ex.url,
        headers: ex.req.headers,
        baseUrl: ex.services.baseUrl(),
        requestId: ex.requestId,
        rawBody: ex.rawBody ?? Buffer.alloc(0),
        principal: ex.principal,
    };
    ex.handled = true;
    return ex.match.handler(ctx);
}
