/**
 * Merges header sets case-insensitively: a later set replaces an earlier header of the same name whatever its case,
 * so that, say, a caller's `authorization` can never ride along next to the authenticator's `Authorization`.
 */
export function mergeHeaders(...sets: (Record<string, string> | undefined)[]): Record<string, string> {
    const byName = new Map<string, [string, string]>();
    for (const set of sets) {
        for (const [name, value] of Object.entries(set ?? {})) {
            byName.set(name.toLowerCase(), [name, value]);
        }
    }
    return Object.fromEntries(byName.values());
}
