import { packageSchema, UNKNOWN } from "./schema";

/**
 * Lists whose order Okta ignores (schema.json `language.x-okta-iac.unorderedLists`), such as a group's members.
 *
 * The Node.js dynamic-provider host sends no detailed diff, so the engine shows a change by diffing the recorded
 * inputs itself: an array index by index (one removal shifts every later member), an object key by key. `check`
 * therefore records each such list as an object keyed by member, and every other call turns it back into the list
 * the handlers and the outputs use. Why and what it looks like: docs/pulumi-engine.md#unordered-lists.
 */

type Props = Record<string, any>;

/** An object keyed by member: `true` for each member, or the unknown value under a placeholder key (see keyedList). */
export type KeyedList = Record<string, unknown>;

export function unorderedListsOf(token: string): string[] {
    return packageSchema().language?.["x-okta-iac"]?.unorderedLists?.[token] ?? [];
}

/** `inputs` with each unordered list of `token` keyed by member, as `check` records them. */
export function keyUnorderedLists(token: string, inputs: Props): Props {
    const result = { ...inputs };
    for (const name of unorderedListsOf(token)) {
        if (isListOfStrings(result[name])) {
            result[name] = keyedList(result[name]);
        }
    }
    return result;
}

/** `props` with each unordered list of `token` as a plain list; lists recorded by an older release stay as they are. */
export function plainUnorderedLists(token: string, props: Props): Props {
    const result = { ...props };
    for (const name of unorderedListsOf(token)) {
        if (isKeyedList(result[name])) {
            result[name] = Object.entries(result[name] as KeyedList).map(([key, value]) => (value === true ? key : value));
        }
    }
    return result;
}

/**
 * Members in sorted order, duplicates merged. A member still unknown during preview has no id to key it by: it gets a
 * placeholder key and keeps the unknown value, so the preview shows it as one member to add.
 */
export function keyedList(members: readonly string[]): KeyedList {
    const keyed: KeyedList = {};
    let unknown = 0;
    for (const member of [...new Set(members)].sort()) {
        if (member === UNKNOWN) {
            continue;
        }
        keyed[member] = true;
    }
    for (const member of members) {
        if (member === UNKNOWN) {
            keyed[`(known after apply ${++unknown})`] = UNKNOWN;
        }
    }
    return keyed;
}

function isListOfStrings(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isKeyedList(value: unknown): value is KeyedList {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
