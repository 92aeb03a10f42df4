import type { LogEvent } from "./system-log";

/**
 * The System Log's `q` (docs/okta/system-log.md#keywords): up to 10 keywords of up to 40 characters; an event matches
 * when every keyword equals, case-insensitively, one of the words of its values. Hyphenated words also count as their
 * parts, so `XOxBw-2JIRn` is found by `XOxBw`, `2JIRn` or the whole word.
 */

export const MAX_KEYWORDS = 10;
export const MAX_KEYWORD_LENGTH = 40;

export function splitKeywords(q: string): string[] {
    return q.split(/\s+/).filter(Boolean);
}

export function keywordMatcher(keywords: string[]): (event: LogEvent) => boolean {
    const wanted = keywords.map((k) => k.toLowerCase());
    return (event) => {
        const words = wordsOf(event);
        return wanted.every((k) => words.has(k));
    };
}

/** Events never change once logged, so their words are computed once. */
const cache = new WeakMap<LogEvent, Set<string>>();

function wordsOf(event: LogEvent): Set<string> {
    let words = cache.get(event);
    if (!words) {
        words = new Set();
        collect(event, words);
        cache.set(event, words);
    }
    return words;
}

/** Separators inside values: whitespace and the punctuation of URLs and paths (not `.`, `@`, `-` or `_`). */
const SEPARATORS = /[\s/\\?&=:;,"'()[\]{}<>|#]+/;

function collect(value: unknown, words: Set<string>): void {
    if (typeof value === "string") {
        const text = value.toLowerCase();
        words.add(text);
        for (const word of text.split(SEPARATORS)) {
            if (!word) {
                continue;
            }
            words.add(word);
            if (word.includes("-")) {
                for (const part of word.split("-")) {
                    if (part) {
                        words.add(part);
                    }
                }
            }
        }
    } else if (typeof value === "number" || typeof value === "boolean") {
        words.add(String(value));
    } else if (Array.isArray(value)) {
        value.forEach((item) => collect(item, words));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => collect(item, words));
    }
}
