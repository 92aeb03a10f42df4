import { loadCassette, type Interaction } from "./cassettes/cassette";

/** The recorded interactions of one cassette (`oie-00` by default) that match `method` and a URL pattern. */
export function recorded(test: string, method: string, url: RegExp, org = "oie-00"): Interaction[] {
    return loadCassette(`${test}/${org}.yaml`).interactions.filter((i) => i.method === method && url.test(i.url.href));
}
