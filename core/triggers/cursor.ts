import { ArgumentError } from "../okta/arguments";

/**
 * Trigger cursors are opaque strings to callers (store them, pass them back): base64url JSON carrying the trigger's
 * name, so a cursor of one trigger cannot be fed to another by mistake.
 */
export function encodeCursor<T extends { trigger: string }>(state: T): string {
    return Buffer.from(JSON.stringify({ v: 1, ...state }), "utf8").toString("base64url");
}

export function decodeCursor<T extends { trigger: string }>(cursor: string, trigger: T["trigger"]): T {
    let state: unknown;
    try {
        state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
        throw new ArgumentError(`cursor is not a cursor of this package's ${trigger} trigger`);
    }
    const fields = state as { v?: unknown; trigger?: unknown } | null;
    if (typeof fields !== "object" || fields === null || fields.v !== 1) {
        throw new ArgumentError(`cursor is not a cursor of this package's ${trigger} trigger`);
    }
    if (fields.trigger !== trigger) {
        throw new ArgumentError(`cursor belongs to the ${String(fields.trigger)} trigger, not ${trigger}`);
    }
    return state as T;
}
