/**
 * What "the same response" means for a replayed interaction: the same status, the same top-level body keys (values
 * such as ids and timestamps are expected to differ), the same lifecycle state of a single object (`status`,
 * `verificationStatus`: the replay drives the same transitions) and, for errors, the same Okta error code.
 */

/** Top-level values that record where an object is in its lifecycle. */
const STATE_KEYS = ["status", "verificationStatus"];

export interface ComparedResponse {
    status: number;
    body: unknown;
}

/** A description of how the emulator's response differs from the recorded one; undefined when they agree. */
export function compareResponses(recorded: ComparedResponse, actual: ComparedResponse): string | undefined {
    if (recorded.status !== actual.status) {
        return `status ${recorded.status} -> ${actual.status}${errorSuffix(actual.body)}`;
    }
    const expected = topLevelShape(recorded.body);
    const got = topLevelShape(actual.body);
    if (expected.kind !== got.kind) {
        return `body ${expected.kind} -> ${got.kind}`;
    }
    const missing = [...expected.keys].filter((k) => !got.keys.has(k));
    const extra = [...got.keys].filter((k) => !expected.keys.has(k));
    if (missing.length || extra.length) {
        return [missing.length ? `missing keys ${missing.join(",")}` : "", extra.length ? `extra keys ${extra.join(",")}` : ""]
            .filter(Boolean)
            .join("; ");
    }
    const state = stateDifference(recorded.body, actual.body);
    if (state) {
        return state;
    }
    const recordedCode = errorCode(recorded.body);
    if (recordedCode !== errorCode(actual.body)) {
        return `errorCode ${recordedCode} -> ${errorCode(actual.body)}`;
    }
    return undefined;
}

interface Shape {
    /** "empty", "object", "array of N" is too strict (org contents differ), so arrays are "array" or "empty array". */
    kind: string;
    keys: Set<string>;
}

/** An object's keys; for a listing, the union of its items' keys. */
function topLevelShape(body: unknown): Shape {
    if (body === undefined || body === "") {
        return { kind: "empty", keys: new Set() };
    }
    if (Array.isArray(body)) {
        const keys = new Set(body.flatMap((item) => (isObject(item) ? Object.keys(item) : [])));
        return { kind: body.length === 0 ? "empty array" : "array", keys };
    }
    if (isObject(body)) {
        return { kind: "object", keys: new Set(Object.keys(body)) };
    }
    return { kind: typeof body, keys: new Set() };
}

function stateDifference(recorded: unknown, actual: unknown): string | undefined {
    if (!isObject(recorded) || !isObject(actual)) {
        return undefined;
    }
    const differs = STATE_KEYS.filter((k) => k in recorded && recorded[k] !== actual[k]);
    return differs.length ? differs.map((k) => `${k} ${String(recorded[k])} -> ${String(actual[k])}`).join("; ") : undefined;
}

function errorCode(body: unknown): string | undefined {
    return isObject(body) && typeof body.errorCode === "string" ? body.errorCode : undefined;
}

function errorSuffix(body: unknown): string {
    if (!isObject(body)) {
        return "";
    }
    const summary = typeof body.errorSummary === "string" ? ` ${body.errorSummary.slice(0, 80)}` : "";
    return body.errorCode ? ` (${body.errorCode}${summary})` : "";
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
