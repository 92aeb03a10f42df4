import type { RequestContext } from "../../platform/http";
import type { OrgStore } from "../../org/store";
import type { GroupRecord } from "./model";

/** What `expand` can add under `_embedded` (spec: `stats` and `app`). */
export type GroupExpansion = "stats" | "app";

/** The wire form of a group, with the `_links` Okta adds and the `_embedded` parts asked for. */
export function groupResource(
    ctx: RequestContext,
    group: GroupRecord,
    embedded?: Record<string, unknown>,
): Record<string, unknown> {
    const self = `${ctx.baseUrl}/api/v1/groups/${group.id}`;
    return {
        id: group.id,
        created: group.created,
        lastUpdated: group.lastUpdated,
        lastMembershipUpdated: group.lastMembershipUpdated,
        objectClass: group.objectClass,
        type: group.type,
        profile: group.profile,
        ...(embedded && Object.keys(embedded).length > 0 ? { _embedded: embedded } : {}),
        _links: {
            logo: [
                { name: "medium", href: `${ctx.baseUrl}/assets/img/logos/groups/okta-medium.png`, type: "image/png" },
                { name: "large", href: `${ctx.baseUrl}/assets/img/logos/groups/okta-large.png`, type: "image/png" },
            ],
            ...(group.source ? { source: { href: `${ctx.baseUrl}/api/v1/apps/${group.source.id}` } } : {}),
            users: { href: `${self}/users` },
            apps: { href: `${self}/apps` },
        },
    };
}

/** Reads `expand` (a comma-separated list); values Okta does not define are ignored, as Okta ignores them. */
export function groupExpansions(ctx: RequestContext): Set<GroupExpansion> {
    const requested = (ctx.query.get("expand") ?? "").split(",").map((part) => part.trim());
    return new Set(requested.filter((part): part is GroupExpansion => part === "stats" || part === "app"));
}

/** The `_embedded` object for the expansions asked for. */
export function groupEmbedded(store: OrgStore, group: GroupRecord, expansions: Set<GroupExpansion>): Record<string, unknown> {
    const embedded: Record<string, unknown> = {};
    if (expansions.has("stats")) {
        embedded.stats = {
            usersCount: store.memberships.countOf(group.id),
            // The emulator has no group-to-app assignments, group push mappings or group role assignments.
            appsCount: 0,
            groupPushMappingsCount: 0,
            hasAdminPrivilege: false,
        };
    }
    const sourceApp = group.source ? store.apps.get(group.source.id) : undefined;
    if (expansions.has("app") && sourceApp) {
        embedded.app = { id: sourceApp.id, name: sourceApp.name, label: sourceApp.label, signOnMode: sourceApp.signOnMode };
    }
    return embedded;
}
