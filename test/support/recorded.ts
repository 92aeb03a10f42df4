import path from "node:path";
import { cassetteFiles, loadInteractions, type Interaction } from "./cassettes";

/** The recorded interactions of one cassette (`oie-00` by default) that match `method` and a URL pattern. */
export function recorded(test: string, method: string, url: RegExp, org = "oie-00"): Interaction[] {
    const file = cassetteFiles(test).find((f) => path.basename(f) === `${org}.yaml`);
    if (!file) {
        throw new Error(`no ${org} cassette for ${test}`);
    }
    return loadInteractions(file).filter((i) => i.request.method === method && url.test(i.request.url));
}
