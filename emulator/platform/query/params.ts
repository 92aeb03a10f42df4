import { invalidRequest } from "../errors";
import type { RequestContext } from "../http";

/** Reads a `true`/`false` query parameter (any case); anything else is a 400 naming the parameter. */
export function booleanParam(ctx: RequestContext, name: string, fallback: boolean): boolean {
    const raw = ctx.query.get(name);
    if (raw === null || raw === "") {
        return fallback;
    }
    const value = raw.toLowerCase();
    if (value !== "true" && value !== "false") {
        throw invalidRequest(`${name}: '${raw}' is not true or false`);
    }
    return value === "true";
}
