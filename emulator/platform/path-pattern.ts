/**
 * Path patterns shared by the rate-limit table and fault rules:
 * - literal segments match themselves; `*` and `:name` match exactly one segment;
 * - a trailing `/**` matches the path before it and anything below it (a prefix rule).
 * Patterns match concrete request paths, so they cover routes registered later by any module.
 */
export interface PathPattern {
    readonly source: string;
    /** Segments before any trailing `/**`; `undefined` entries are one-segment wildcards. */
    readonly segments: (string | undefined)[];
    readonly prefix: boolean;
    /** Literal segments: more of them means a more specific pattern. */
    readonly literals: number;
}

export function compilePathPattern(source: string): PathPattern {
    if (!source.startsWith("/")) {
        throw new Error(`path pattern '${source}' must start with '/'`);
    }
    const parts = source.split("/").filter(Boolean);
    const prefix = parts[parts.length - 1] === "**";
    if (prefix) {
        parts.pop();
    }
    if (parts.includes("**")) {
        throw new Error(`path pattern '${source}': '**' is only allowed as the last segment`);
    }
    const segments = parts.map((part) => (part === "*" || part.startsWith(":") ? undefined : part));
    return { source, segments, prefix, literals: segments.filter((s) => s !== undefined).length };
}

/** Splits a request path into segments once, so a request can be tested against many patterns cheaply. */
export function pathSegments(pathname: string): string[] {
    return pathname.split("/").filter(Boolean);
}

export function matchesPath(pattern: PathPattern, parts: string[]): boolean {
    const { segments } = pattern;
    if (pattern.prefix ? parts.length < segments.length : parts.length !== segments.length) {
        return false;
    }
    for (let i = 0; i < segments.length; i++) {
        const expected = segments[i];
        if (expected !== undefined && expected !== parts[i]) {
            return false;
        }
    }
    return true;
}
