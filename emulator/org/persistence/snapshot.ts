import { Collection } from "../../platform/collection";
import type { OrgStore } from "../store";
import { TRANSIENT_STORE_PARTS } from "../store";

/**
 * The org as plain JSON and back. Every own property of OrgStore is a "part" and is saved unless it is listed in
 * TRANSIENT_STORE_PARTS, so state added to the store is persisted without code of its own:
 * - objects with `snapshot()`/`restore(data)` (Collection, Memberships, SystemLog) save through them;
 * - Maps, Sets, arrays and plain objects are encoded structurally;
 * - other class instances (LoginIndex, UserTypes, ...) are saved field by field and restored INTO the store's own
 *   instances, so their methods and constructor-made wiring stay;
 * - an object reachable twice (UserTypes.defaultType is also an item of UserTypes.all) is saved once and restored as
 *   the same object, so such aliases survive a restart;
 * - functions and symbols are refused with the path to them: a part holding callbacks must implement the snapshot
 *   protocol or be listed as transient, rather than be silently dropped.
 */

export interface Snapshottable {
    snapshot(): unknown;
    restore(data: unknown): void;
}

/** Classes that may appear where no instance exists yet (inside a Map, e.g. app id -> assignments) and are re-created. */
const CONSTRUCTORS: Record<string, () => object> = {
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

/** Encoded non-JSON values are `{ "$type": kind, "value": ... }`; nothing else in the file has a `$type` key. */
type Tagged = { $type: string; value: any };

export function snapshotStore(store: OrgStore): StateDocument {
    const parts = persistedParts(store);
    const encoder = new Encoder(parts.map(([, value]) => value));
    return {
        format: STATE_FORMAT,
        version: STATE_VERSION,
        savedAt: new Date().toISOString(),
        parts: Object.fromEntries(parts.map(([name, value]) => [name, encoder.encode(value, `OrgStore.${name}`)])),
    };
}

/**
 * Puts a saved state into `store`, part by part. Parts the file lacks keep their initial state (a file written
 * before a collection existed still loads); a part the store does not have is an error.
 */
export function restoreStore(store: OrgStore, document: unknown): void {
    const state = checkDocument(document);
    const parts = new Map(persistedParts(store));
    const decoder = new Decoder();
    for (const [name, encoded] of Object.entries(state.parts)) {
        if (!parts.has(name)) {
            throw new Error(`part '${name}' is not part of this emulator's org`);
        }
        try {
            const replacement = decoder.restoreInto(parts.get(name), encoded);
            if (replacement !== KEPT) {
                (store as unknown as Record<string, unknown>)[name] = replacement;
            }
        } catch (err) {
            throw new Error(`part '${name}': ${(err as Error).message}`);
        }
    }
}

function persistedParts(store: OrgStore): [string, unknown][] {
    return Object.entries(store).filter(([name]) => !TRANSIENT_STORE_PARTS.has(name));
}

class Encoder {
    /** Objects reachable more than once, and the anchor ids of those already written. */
    private readonly shared = new Set<object>();
    private readonly anchors = new Map<object, number>();

    constructor(roots: unknown[]) {
        const seen = new Set<object>();
        const visit = (value: unknown): void => {
            if (typeof value !== "object" || value === null) {
                return;
            }
            if (seen.has(value)) {
                this.shared.add(value);
                return;
            }
            seen.add(value);
            children(value).forEach(visit);
        };
        roots.forEach(visit);
    }

    encode(value: unknown, where: string): unknown {
        if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
            throw new Error(
                `${where}: cannot save a ${typeof value}; give its owner snapshot()/restore() or list the part in TRANSIENT_STORE_PARTS`,
            );
        }
        if (typeof value !== "object" || value === null) {
            return value;
        }
        const anchor = this.anchors.get(value);
        if (anchor !== undefined) {
            return tag("Ref", anchor);
        }
        if (!this.shared.has(value)) {
            return this.encodeObject(value, where);
        }
        const id = this.anchors.size;
        this.anchors.set(value, id);
        return tag("Anchor", [id, this.encodeObject(value, where)]);
    }

    private encodeObject(value: object, where: string): unknown {
        if (isSnapshottable(value)) {
            return tag("Snapshot", { class: value.constructor.name, data: this.encode(value.snapshot(), where) });
        }
        if (value instanceof Map) {
            return tag("Map", [...value].map(([k, v]) => [this.encode(k, `${where} key`), this.encode(v, `${where}[${String(k)}]`)]));
        }
        if (value instanceof Set) {
            return tag("Set", [...value].map((v, i) => this.encode(v, `${where}[${i}]`)));
        }
        if (Array.isArray(value)) {
            return value.map((v, i) => this.encode(v, `${where}[${i}]`));
        }
        const fields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (v !== undefined) {
                fields[k] = this.encode(v, `${where}.${k}`);
            }
        }
        if (!isPlainObject(value)) {
            return tag("Instance", { class: value.constructor.name, fields });
        }
        return "$type" in fields ? tag("Object", fields) : fields;
    }
}

/** Returned by `restoreInto` when the target instance itself now holds the saved state. */
const KEPT = Symbol("kept");

class Decoder {
    private readonly anchors = new Map<number, unknown>();

    /**
     * Restores into an existing value where it can (snapshottables, Maps, Sets, class instances keep their identity);
     * otherwise returns the decoded value for the caller to assign.
     */
    restoreInto(target: unknown, encoded: unknown): unknown {
        if (isTagged(encoded) && encoded.$type === "Anchor") {
            const [id, inner] = pair(encoded.value);
            const result = this.restoreInto(target, inner);
            this.anchors.set(id as number, result === KEPT ? target : result);
            return result;
        }
        if (typeof target !== "object" || target === null || Array.isArray(target) || isPlainObject(target)) {
            return this.decode(encoded);
        }
        if (isSnapshottable(target)) {
            target.restore(this.decode(expectTag(encoded, "Snapshot", target.constructor.name).data));
        } else if (target instanceof Map) {
            const decoded = this.decode(encoded);
            if (!(decoded instanceof Map)) {
                throw new Error("expected a saved Map");
            }
            target.clear();
            decoded.forEach((v, k) => target.set(k, v));
        } else if (target instanceof Set) {
            const decoded = this.decode(encoded);
            if (!(decoded instanceof Set)) {
                throw new Error("expected a saved Set");
            }
            target.clear();
            decoded.forEach((v) => target.add(v));
        } else {
            this.restoreFields(target, expectTag(encoded, "Instance", target.constructor.name).fields);
        }
        return KEPT;
    }

    private restoreFields(target: object, fields: unknown): void {
        if (typeof fields !== "object" || fields === null) {
            throw new Error("expected saved fields");
        }
        const object = target as Record<string, unknown>;
        for (const [name, encoded] of Object.entries(fields)) {
            try {
                const replacement = this.restoreInto(object[name], encoded);
                if (replacement !== KEPT) {
                    object[name] = replacement;
                }
            } catch (err) {
                throw new Error(`${name}: ${(err as Error).message}`);
            }
        }
    }

    decode(value: unknown): unknown {
        if (value === null || typeof value !== "object") {
            return value;
        }
        if (Array.isArray(value)) {
            return value.map((v) => this.decode(v));
        }
        if (!isTagged(value)) {
            return this.decodeFields(value);
        }
        switch (value.$type) {
            case "Object":
                return this.decodeFields(value.value);
            case "Map":
                return new Map(asList(value.value).map((entry) => pair(entry)).map(([k, v]) => [this.decode(k), this.decode(v)]));
            case "Set":
                return new Set(asList(value.value).map((v) => this.decode(v)));
            case "Anchor": {
                const [id, inner] = pair(value.value);
                const decoded = this.decode(inner);
                this.anchors.set(id as number, decoded);
                return decoded;
            }
            case "Ref":
                if (!this.anchors.has(value.value)) {
                    throw new Error(`reference to unknown object ${String(value.value)}`);
                }
                return this.anchors.get(value.value);
            case "Snapshot":
            case "Instance": {
                const create = CONSTRUCTORS[value.value?.class];
                if (!create) {
                    throw new Error(`cannot re-create a saved '${String(value.value?.class)}'`);
                }
                const instance = create();
                this.restoreInto(instance, value);
                return instance;
            }
        }
        throw new Error(`unknown saved type '${value.$type}'`);
    }

    private decodeFields(fields: object): Record<string, unknown> {
        return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, this.decode(v)]));
    }
}

/** What the encoder walks into, to find objects reachable more than once. */
function children(value: object): unknown[] {
    if (isSnapshottable(value)) {
        return [value.snapshot()];
    }
    if (value instanceof Map) {
        return [...value].flat();
    }
    if (value instanceof Set || Array.isArray(value)) {
        return [...value];
    }
    return Object.values(value);
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

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

const tag = ($type: string, value: unknown): Tagged => ({ $type, value });

function isTagged(value: unknown): value is Tagged {
    return (
        typeof value === "object" && value !== null && typeof (value as Tagged).$type === "string" &&
        Object.keys(value).length === 2 && "value" in value
    );
}

function expectTag(encoded: unknown, kind: string, className: string): any {
    if (!isTagged(encoded) || encoded.$type !== kind || encoded.value?.class !== className) {
        throw new Error(`expected a saved ${className}`);
    }
    return encoded.value;
}

function asList(value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        throw new Error("expected a list");
    }
    return value;
}

function pair(value: unknown): [unknown, unknown] {
    const list = asList(value);
    if (list.length !== 2) {
        throw new Error("expected a pair");
    }
    return [list[0], list[1]];
}
