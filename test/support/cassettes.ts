import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { TEST_TOKEN } from "./emulator";
import { sharedDir } from "./shared";

/**
 * Replays recorded real Okta traffic (../shared/okta/cassettes, go-vcr YAML) against an emulator and compares what
 * Okta answered with what the emulator answers: status code and top-level body keys, ids and timestamps aside.
 * Ids the recording learned (created objects, default realm and user type) are mapped to the emulator's as the
 * replay goes, so later requests address the same objects.
 */

export interface Interaction {
    request: { method: string; url: string; body?: string };
    response: { code: number; body?: string };
}

export interface ReplayResult {
    index: number;
    method: string;
    /** Path and query as recorded. */
    path: string;
    recordedStatus: number;
    status: number;
    matched: boolean;
    /** Why it did not match (status or keys). */
    difference?: string;
    /** Whether the request named an id the replay never learned (an object that existed before the recording). */
    unknownIds: boolean;
}

export function cassetteDir(): string {
    return path.join(sharedDir(), "okta", "cassettes");
}

/** The cassette files of one recorded test (one per org flavour). */
export function cassetteFiles(test: string): string[] {
    const dir = path.join(cassetteDir(), test);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => path.join(dir, f)) : [];
}

export function loadInteractions(file: string): Interaction[] {
    const document = parse(readFileSync(file, "utf8")) as { interactions: Interaction[] };
    return document.interactions;
}

/** Top-level keys that some recorded orgs have and others lack (feature-dependent), ignored when comparing. */
const OPTIONAL_KEYS = new Set(["realmId"]);
const ID_PATTERN = /\b(?:00u|00g|oty|guo|0oa|rul|00T)[0-9A-Za-z]{17}\b/g;

export async function replay(baseUrl: string, interactions: Interaction[]): Promise<ReplayResult[]> {
    const ids = new Map<string, string>();
    const results: ReplayResult[] = [];
    for (const [index, interaction] of interactions.entries()) {
        const recordedUrl = new URL(interaction.request.url);
        const recordedPath = recordedUrl.pathname + recordedUrl.search;
        const translate = (text: string) => text.replace(ID_PATTERN, (id) => ids.get(id) ?? id);
        const requestIds = [...recordedPath.matchAll(ID_PATTERN), ...(interaction.request.body ?? "").matchAll(ID_PATTERN)].map((m) => m[0]);
        const unknownIds = requestIds.some((id) => !ids.has(id));
        const method = interaction.request.method;
        const body = interaction.request.body ? translate(interaction.request.body) : method === "POST" || method === "PUT" ? "" : undefined;
        const res = await fetch(baseUrl + translate(recordedPath), {
            method,
            headers: { Accept: "application/json", Authorization: `SSWS ${TEST_TOKEN}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
            body,
        });
        const text = await res.text();
        const ours = text ? JSON.parse(text) : undefined;
        const recorded = interaction.response.body ? safeJson(interaction.response.body) : undefined;
        learnIds(recorded, ours, ids);
        const difference = res.status !== interaction.response.code ? `status ${res.status} instead of ${interaction.response.code}` : keyDifference(recorded, ours);
        results.push({
            index,
            method,
            path: recordedPath,
            recordedStatus: interaction.response.code,
            status: res.status,
            matched: difference === undefined,
            difference,
            unknownIds,
        });
    }
    return results;
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Maps ids found in the same places of the recorded and the emulator's single-object bodies. Lists are not used: their
 * order may differ, and pairing by position would map ids of objects the emulator does not have.
 */
function learnIds(recorded: unknown, ours: unknown, ids: Map<string, string>): void {
    if (!isObject(recorded) || !isObject(ours)) {
        return;
    }
    for (const key of ["id", "realmId"]) {
        const from = recorded[key];
        const to = ours[key];
        if (typeof from === "string" && typeof to === "string" && !ids.has(from)) {
            ids.set(from, to);
        }
    }
    if (isObject(recorded.type) && isObject(ours.type)) {
        learnIds(recorded.type, ours.type, ids);
    }
}

function keyDifference(recorded: unknown, ours: unknown): string | undefined {
    if (Array.isArray(recorded) || Array.isArray(ours)) {
        if (!Array.isArray(recorded) || !Array.isArray(ours)) {
            return "one body is a list, the other is not";
        }
        if (recorded.length === 0 || ours.length === 0) {
            return recorded.length === ours.length ? undefined : `${ours.length} items instead of ${recorded.length}`;
        }
        return keyDifference(recorded[0], ours[0]);
    }
    if (!isObject(recorded) || !isObject(ours)) {
        return (recorded === undefined) === (ours === undefined) ? undefined : "one response has a body, the other has none";
    }
    if (typeof recorded.errorCode === "string" && recorded.errorCode !== ours.errorCode) {
        return `errorCode ${String(ours.errorCode)} instead of ${recorded.errorCode}`;
    }
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !OPTIONAL_KEYS.has(k)).sort();
    const missing = keys(recorded).filter((k) => !(k in ours));
    const extra = keys(ours).filter((k) => !(k in recorded));
    return missing.length === 0 && extra.length === 0 ? undefined : `keys missing [${missing.join(", ")}], extra [${extra.join(", ")}]`;
}

function isObject(value: unknown): value is Record<string, any> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
