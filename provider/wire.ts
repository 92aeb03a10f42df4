/**
 * What may leave the provider for the Pulumi engine.
 *
 * Pulumi's dynamic-provider host turns every result and every partial-failure's properties into a protobuf `Struct`
 * (`Struct.fromJavaScript`), which throws on `undefined`, functions and other non-JSON values. For a failure that
 * throw happens while the host builds its error answer, outside any handler, so the gRPC call is never answered and
 * `pulumi up` waits forever (docs/pulumi-engine.md#unserialisable-responses). Everything the provider returns or
 * throws therefore passes through this module first: values are made JSON-shaped here, in one place, and a value that
 * cannot be (a cycle) turns the answer into an ordinary error the engine can report.
 */

import { PartialFailure } from "./resources/handler";

export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };
export type WireObject = { [key: string]: WireValue };

/** Raised when a value cannot be made JSON-shaped; its message names the property path. */
export class WireValueError extends Error {
    constructor(readonly path: string, reason: string) {
        super(`the provider built an answer Pulumi cannot store: ${path} ${reason}`);
    }
}

/**
 * A JSON-shaped copy of `props`, as `JSON.stringify` would see it: `undefined`, functions and symbols are left out of
 * objects (and are `null` in arrays), dates become ISO strings, non-finite numbers `null`, big integers strings.
 */
export function toWire(props: Record<string, unknown> | undefined): WireObject {
    const value = wireValue(props ?? {}, "properties", new Set());
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function wireValue(value: unknown, path: string, seen: Set<object>): WireValue | undefined {
    switch (typeof value) {
        case "string":
        case "boolean":
            return value;
        case "number":
            return Number.isFinite(value) ? value : null;
        case "bigint":
            return value.toString();
        case "undefined":
        case "function":
        case "symbol":
            return undefined;
    }
    if (value === null) {
        return null;
    }
    if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? null : value.toISOString();
    }
    const object = value as object;
    if (seen.has(object)) {
        throw new WireValueError(path, "refers to itself");
    }
    seen.add(object);
    try {
        if (Array.isArray(object)) {
            return object.map((item, index) => wireValue(item, `${path}[${index}]`, seen) ?? null);
        }
        const json = (object as { toJSON?: () => unknown }).toJSON;
        if (typeof json === "function") {
            return wireValue(json.call(object), path, seen);
        }
        const result: WireObject = {};
        for (const [key, item] of Object.entries(object)) {
            const wired = wireValue(item, `${path}.${key}`, seen);
            if (wired !== undefined) {
                result[key] = wired;
            }
        }
        return result;
    } finally {
        seen.delete(object);
    }
}

/**
 * The error handed to the engine for a failed operation. Only a partial failure carries an `id`: the engine then
 * records the object with the error's `properties` as its state, which must hold `essentials` (`__provider`: every
 * later operation needs the shim from there; `connection`). Should those properties not be storable, the id and the
 * essentials are still recorded, so the object is not orphaned, and the next refresh reads the rest back. Any other
 * error stays as it is, unless it is no Error or has an `id` of its own, which would pass for a partial failure.
 */
export function toEngineError(err: unknown, essentials: Record<string, unknown> = {}): Error {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof PartialFailure)) {
        return err instanceof Error && !("id" in err) ? err : Object.assign(new Error(message), { stack: (err as Error)?.stack });
    }
    let properties: WireObject;
    let unstorable = "";
    try {
        properties = toWire({ ...err.properties, ...essentials });
    } catch (wireErr) {
        properties = toWire(essentials);
        unstorable = ` (${(wireErr as Error).message})`;
    }
    const full = message + unstorable;
    return new PartialFailure(full, err.id, properties, reasonsFor(full, err.reasons.map(String)));
}

/**
 * For a partial failure the engine prints the `reasons`, never the message (docs/pulumi-engine.md#partial-failures):
 * they lead with the message, so the summary and any note added here reach the user, then give what it does not
 * already say (e.g. the changes beyond those a message names).
 */
function reasonsFor(message: string, reasons: string[]): string[] {
    return [message, ...reasons.filter((reason) => !message.includes(reason))];
}
