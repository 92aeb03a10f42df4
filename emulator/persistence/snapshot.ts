import { Collection } from "../collection";
import type { OrgStore } from "../store";
import { TRANSIENT_STORE_PARTS } from "../store";

/**
 * The org as plain JSON and back. Every own property of OrgStore is a "part" and is saved unless it is listed in
 * TRANSIENT_STORE_PARTS, so collections added to the store are persisted without any code of their own:
 * - objects with `snapshot()`/`restore(data)` (Collection, Memberships, SystemLog) save through them;
 * - Maps, Sets, arrays and plain objects are encoded structurally (Map and Set values tagged with `$type`);
 * - anything else (a class with state but no snapshot protocol) is refused with the part's name, so a new kind of
 *   state cannot be silently dropped.
 */

export interface Snapshottable {
    snapshot(): unknown;
    restore(data: unknown): void;
}

/** Classes that may appear inside a Map or Set part and must be re-created on restore (e.g. app id -> assignments). */
const NESTED_CLASSES: Record<string, () => Snapshottable> = {
    Collection: () => new Collection<{ id: string }>(),
};

export const STATE_FORMAT = "okta-emulator-state";
export const STATE_VERSION = 1;

export interface StateDocument {
    format: typeof STATE_FORMAT;
    version: number;
    savedAt: string;
    parts: Record<string, unknown>;
}

type Tagged = { $type: string; value: unknown };

export function snapshotStore(store: OrgStore): StateDocument {
    const parts: Record<string, unknown> = {};
    for (const [name, value] of persistedParts(store)) {
        parts[name] = encode(value, `OrgStore.${name}`);
    }
    return { format: STATE_FORMAT, version: STATE_VERSION, savedAt: new Date().toISOString(), parts };
}

/**
 * Puts a saved state into `store`, part by part. Parts the file lacks keep their initial state (a file written
 * before a collection existed still loads); a part the store does not have is an error.
 */
export function restoreStore(store: OrgStore, document: unknown): void {
    const state = checkDocument(document);
    const parts = new Map(persistedParts(store));
    for (const [name, encoded] of Object.entries(state.parts)) {
        if (!parts.has(name)) {
            throw new Error(`part '${name}' is not part of this emulator's org`);
        }
        try {
            restorePart(store, name, parts.get(name), encoded);
        } catch (err) {
            throw new Error(`part '${name}': ${(err as Error).message}`);
        }
    }
}

function persistedParts(store: OrgStore): [string, unknown][] {
    return Object.entries(store).filter(([name]) => !TRANSIENT_STORE_PARTS.has(name));
}

function restorePart(store: OrgStore, name: string, target: unknown, encoded: unknown): void {
    if (isSnapshottable(target)) {
        target.restore(decode(untag(encoded, target.constructor.name)));
    } else if (target instanceof Map) {
        const decoded = decode(encoded);
        if (!(decoded instanceof Map)) {
            throw new Error("expected a Map");
        }
        target.clear();
        decoded.forEach((v, k) => target.set(k, v));
    } else if (target instanceof Set) {
        const decoded = decode(encoded);
        if (!(decoded instanceof Set)) {
            throw new Error("expected a Set");
        }
        target.clear();
        decoded.forEach((v) => target.add(v));
    } else {
        (store as unknown as Record<string, unknown>)[name] = decode(encoded);
    }
}

function encode(value: unknown, where: string): unknown {
    if (value === null || typeof value !== "object") {
        if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
            throw new Error(`${where}: cannot save a ${typeof value}`);
        }
        return value;
    }
    if (isSnapshottable(value)) {
        return tag(value.constructor.name, encode(value.snapshot(), where));
    }
    if (value instanceof Map) {
        return tag("Map", [...value].map(([k, v], i) => [encode(k, `${where}[key ${i}]`), encode(v, `${where}[${String(k)}]`)]));
    }
    if (value instanceof Set) {
        return tag("Set", [...value].map((v, i) => encode(v, `${where}[${i}]`)));
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => encode(v, `${where}[${i}]`));
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
        throw new Error(
            `${where}: cannot save a ${proto?.constructor?.name ?? "class instance"}; give it snapshot()/restore() ` +
                `or list the part in TRANSIENT_STORE_PARTS`,
        );
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) {
            out[k] = encode(v, `${where}.${k}`);
        }
    }
    // A plain object that happens to have a `$type` key must not be mistaken for a tag.
    return "$type" in out ? tag("Object", out) : out;
}

function decode(value: unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(decode);
    }
    if (!isTagged(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    switch (value.$type) {
        case "Map":
            return new Map(asArray(value.value).map((e) => asArray(e)).map(([k, v]) => [decode(k), decode(v)]));
        case "Set":
            return new Set(asArray(value.value).map(decode));
        case "Object":
            return Object.fromEntries(Object.entries(value.value as object).map(([k, v]) => [k, decode(v)]));
    }
    const create = NESTED_CLASSES[value.$type];
    if (!create) {
        throw new Error(`unknown saved type '${value.$type}'`);
    }
    const instance = create();
    instance.restore(decode(value.value));
    return instance;
}

function checkDocument(document: unknown): StateDocument {
    const d = document as Partial<StateDocument>;
    if (typeof d !== "object" || d === null || d.format !== STATE_FORMAT) {
        throw new Error(`not an emulator state file (expected "format": "${STATE_FORMAT}")`);
    }
    if (d.version !== STATE_VERSION) {
        throw new Error(`state version ${String(d.version)} is not supported (this emulator reads version ${STATE_VERSION})`);
    }
    if (typeof d.parts !== "object" || d.parts === null || Array.isArray(d.parts)) {
        throw new Error(`"parts" must be an object`);
    }
    return d as StateDocument;
}

function isSnapshottable(value: unknown): value is Snapshottable {
    return (
        typeof value === "object" && value !== null &&
        typeof (value as Snapshottable).snapshot === "function" &&
        typeof (value as Snapshottable).restore === "function"
    );
}

const tag = ($type: string, value: unknown): Tagged => ({ $type, value });

function isTagged(value: object): value is Tagged {
    return typeof (value as Tagged).$type === "string" && Object.keys(value).length === 2 && "value" in value;
}

function untag(encoded: unknown, expected: string): unknown {
    if (typeof encoded !== "object" || encoded === null || !isTagged(encoded) || encoded.$type !== expected) {
        throw new Error(`expected a saved ${expected}`);
    }
    return encoded.value;
}

function asArray(value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        throw new Error("expected a list");
    }
    return value;
}
