/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings the emulator stores must be text: well-formed Unicode (no lone surrogates, which JSON's `\ud800` escapes can
 * produce and UTF-8 cannot encode) and no NUL character (docs/emulator.md#text-in-bodies).
 */
export function isStorableText(value: string): boolean {
    return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** The cause of a field validation error for a string that is not storable text. */
export function notTextCause(field: string): string {
    return `${field}: The field must be valid UTF-8 text without NUL characters`;
}
