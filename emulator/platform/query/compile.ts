import { invalidSearch } from "../errors";
import { compileFilter, FilterSyntaxError, type FilterRules } from "./filter";

/** Compiles a `filter` or `search` parameter, answering Okta's 400 E0000031 for what the endpoint refuses. */
export function compileQueryParameter(name: string, source: string, rules: FilterRules): (item: unknown) => boolean {
    try {
        return compileFilter(source, rules);
    } catch (err) {
        if (err instanceof FilterSyntaxError) {
            throw invalidSearch(`${name}: ${err.message}`);
        }
        throw err;
    }
}
