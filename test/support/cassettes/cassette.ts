import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { referencePath } from "../reference-data";

/** One recorded request/response pair of a go-vcr v2 cassette (the reference data's `cassettes/`, test/support/reference-data.ts). */
export interface Interaction {
    id: number;
    method: string;
    url: URL;
    requestHeaders: Record<string, string[]>;
    /** Request body as recorded ("" when none). */
    requestBody: string;
    status: number;
    responseHeaders: Record<string, string[]>;
    /** Response body as recorded ("" when none). */
    responseBody: string;
}

export interface Cassette {
    /** `<Test>/<file>.yaml`, relative to the cassettes directory. */
    name: string;
    interactions: Interaction[];
}

export const cassettesDir = (): string => referencePath("cassettes");

/** Every cassette file, as `<Test>/<file>.yaml`, sorted. */
export function listCassettes(): string[] {
    const root = cassettesDir();
    return readdirSync(root)
        .flatMap((test) => readdirSync(path.join(root, test)).filter((f) => f.endsWith(".yaml")).map((f) => `${test}/${f}`))
        .sort();
}

export function loadCassette(name: string): Cassette {
    const doc = parse(readFileSync(path.join(cassettesDir(), name), "utf8")) ?? {};
    const interactions = (doc.interactions ?? []).map(
        (raw: any): Interaction => ({
            id: raw.id,
            method: raw.request.method,
            url: new URL(raw.request.url),
            requestHeaders: raw.request.headers ?? {},
            requestBody: raw.request.body ?? "",
            status: raw.response.code,
            responseHeaders: raw.response.headers ?? {},
            responseBody: raw.response.body ?? "",
        }),
    );
    return { name, interactions };
}

/** The response body parsed as JSON; undefined when empty, the raw text when it is not JSON. */
export function recordedJson(interaction: Interaction): unknown {
    const text = interaction.responseBody.trim();
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
