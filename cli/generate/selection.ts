import { UsageError } from "../exit-codes";

/**
 * What `okta-iac generate` reads: the areas (`--include`), a filter or search per area, and how memberships are
 * declared (docs/generate.md#options).
 */

export const AREAS = ["users", "groups", "members", "app-assignments", "event-hooks"] as const;
export type Area = (typeof AREAS)[number];

/** Areas whose entries refer to another area's: members name users and groups, assignments name users. */
const NEEDS: Partial<Record<Area, Area[]>> = { members: ["users", "groups"], "app-assignments": ["users"] };

/** Areas whose Okta listing takes `filter` and `search` (assignments: the listing of applications takes `filter`). */
const QUERYABLE: Record<string, readonly ("filter" | "search")[]> = { users: ["filter", "search"], groups: ["filter", "search"], "app-assignments": ["filter"] };

export interface AreaQuery {
    filter?: string;
    search?: string;
}

export interface Selection {
    include: ReadonlySet<Area>;
    queries: Partial<Record<Area, AreaQuery>>;
    /** Group members declared authoritatively (members not listed are removed) instead of additively. */
    authoritative: boolean;
}

export function parseSelection(
    include: string | undefined,
    filters: Record<string, string> | undefined,
    searches: Record<string, string> | undefined,
    authoritative: boolean,
): Selection {
    const areas = include === undefined ? [...AREAS] : include.split(",").map((word) => word.trim()).filter(Boolean);
    for (const area of areas) {
        if (!(AREAS as readonly string[]).includes(area)) {
            throw new UsageError(`--include: unknown area '${area}' (expected a comma-separated list of ${AREAS.join(", ")})`);
        }
    }
    const chosen = new Set(areas as Area[]);
    for (const area of chosen) {
        const missing = (NEEDS[area] ?? []).filter((needed) => !chosen.has(needed));
        if (missing.length > 0) {
            throw new UsageError(`--include: ${area} needs ${missing.join(" and ")} too (its entries name them)`);
        }
    }
    const queries: Partial<Record<Area, AreaQuery>> = {};
    for (const [kind, given] of [["filter", filters], ["search", searches]] as const) {
        for (const [area, expression] of Object.entries(given ?? {})) {
            if (!QUERYABLE[area]?.includes(kind)) {
                const takers = Object.keys(QUERYABLE).filter((name) => QUERYABLE[name].includes(kind));
                throw new UsageError(`--${kind} ${area}=…: only ${takers.join(", ")} take a ${kind}`);
            }
            if (!chosen.has(area as Area)) {
                throw new UsageError(`--${kind} ${area}=…: ${area} is not included`);
            }
            queries[area as Area] = { ...queries[area as Area], [kind]: expression };
        }
    }
    if (authoritative && (queries.users || !chosen.has("members"))) {
        // Authoritative member lists remove every member not declared: users left out by a filter would be removed.
        throw new UsageError("--authoritative declares every member of each group: it needs members included and no --filter/--search on users");
    }
    return { include: chosen, queries, authoritative };
}
