import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";

/** One recorded request and response of a cassette (go-vcr v2). */
export interface RecordedInteraction {
    request: { method: string; url: string; body: string };
    response: { code: number; headers: Record<string, string[]>; body: string };
}

/** The shared facts directory: `../shared` next to the repo, or `/work/shared`. */
export function sharedDir(): string {
    const beside = resolve(__dirname, "..", "..", "..", "..", "shared");
    return existsSync(beside) ? beside : "/work/shared";
}

/** The interactions of `cassettes/<test>/<org>.yaml` that match `method` and a URL pattern. */
export function recorded(test: string, method: string, url: RegExp, org = "oie-00"): RecordedInteraction[] {
    const file = resolve(sharedDir(), "okta", "cassettes", test, `${org}.yaml`);
    const cassette = parse(readFileSync(file, "utf8")) as { interactions: RecordedInteraction[] };
    return cassette.interactions.filter((i) => i.request.method === method && url.test(i.request.url));
}
