/**
 * Policies (read-only): `GET /api/v1/policies` with `type` (required), `status`, `q`, `expand=rules`, `sortBy=name`,
 * `resourceId`, `limit`, `after`, and `GET /api/v1/policies/{id}` (spec listPolicies; recorded traffic in
 * TestAccDataSourceOktaPolicy_read and TestAccDataSourceOktaDefaultPolicy_*).
 */
import { invalidRequest, notFound } from "../../platform/errors";
import { ok, type RequestContext } from "../../platform/http";
import { POLICY_TYPES, type PolicyRecord, type PolicyType } from "./model";
import { pageLimit, unknownCursor } from "../../platform/paging";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";

const LIST_MAX_LIMIT = 200;

export function registerPolicyRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/policies", (ctx) => listPolicies(ctx, store))
        .on("GET", "/api/v1/policies/:policyId", (ctx) => getPolicy(ctx, store));
}

function getPolicy(ctx: RequestContext, store: OrgStore) {
    const policy = store.policies.get(ctx.params.policyId);
    if (!policy) {
        throw notFound(ctx.params.policyId, "Policy");
    }
    return ok(policyResource(ctx, policy, expandsRules(ctx)));
}

function listPolicies(ctx: RequestContext, store: OrgStore) {
    const type = ctx.query.get("type");
    // Okta's answer to an unknown type (okta/terraform-provider-okta#64); a missing one is treated alike.
    if (type === null || !POLICY_TYPES.includes(type as PolicyType)) {
        throw invalidRequest("Invalid policy type specified");
    }
    const status = ctx.query.get("status");
    if (status !== null && status !== "ACTIVE" && status !== "INACTIVE") {
        throw invalidRequest("Invalid policy status specified");
    }
    const sortBy = ctx.query.get("sortBy");
    if (sortBy !== null && sortBy !== "name") {
        throw invalidRequest(`Policies can only be sorted by name, not '${sortBy}'`);
    }
    const needle = ctx.query.get("q")?.toLowerCase();
    const resourceId = ctx.query.get("resourceId");
    const mapped = resourceId !== null ? policiesMappedTo(store, resourceId) : undefined;
    const found = [...store.policies.values()]
        .filter(
            (p) =>
                p.type === type &&
                (status === null || p.status === status) &&
                (needle === undefined || p.name.toLowerCase().startsWith(needle)) &&
                (mapped === undefined || mapped.has(p.id)),
        )
        .sort(sortBy === "name" ? byName : byPriority);
    const { items, nextCursor } = pageOf(ctx, found);
    const rules = expandsRules(ctx);
    return ok(
        items.map((p) => policyResource(ctx, p, rules)),
        { Link: policyLinks(ctx, nextCursor) },
    );
}

/**
 * Without `limit` Okta sends every policy of the type in one response; with it, pages whose cursor is the last
 * policy's id.
 */
function pageOf(ctx: RequestContext, found: PolicyRecord[]): { items: PolicyRecord[]; nextCursor?: string } {
    let start = 0;
    const after = ctx.query.get("after");
    if (after !== null) {
        const index = found.findIndex((p) => p.id === after);
        if (index < 0) {
            throw unknownCursor();
        }
        start = index + 1;
    }
    if (ctx.query.get("limit") === null) {
        return { items: found.slice(start) };
    }
    const limit = pageLimit(ctx, LIST_MAX_LIMIT, LIST_MAX_LIMIT);
    const items = found.slice(start, start + limit);
    return start + limit < found.length ? { items, nextCursor: items[items.length - 1].id } : { items };
}

/** The self link is the request as made (recorded traffic: no `limit` added); `next` swaps in the cursor. */
function policyLinks(ctx: RequestContext, nextCursor: string | undefined): string[] {
    const base = `${ctx.baseUrl}${ctx.url.pathname}`;
    const links = [`<${base}${ctx.url.search}>; rel="self"`];
    if (nextCursor !== undefined) {
        const query = new URLSearchParams(ctx.query);
        query.set("after", nextCursor);
        links.push(`<${base}?${query.toString()}>; rel="next"`);
    }
    return links;
}

/** Policies a resource (an app) is mapped to: its app sign-in and profile enrollment policies. */
function policiesMappedTo(store: OrgStore, resourceId: string): Set<string> {
    const app = store.apps.get(resourceId);
    return new Set([app?.accessPolicyId, app?.profileEnrollmentPolicyId].filter((id): id is string => id !== undefined));
}

function byPriority(a: PolicyRecord, b: PolicyRecord): number {
    return a.priority - b.priority;
}

function byName(a: PolicyRecord, b: PolicyRecord): number {
    return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
}

function expandsRules(ctx: RequestContext): boolean {
    return (ctx.query.get("expand") ?? "").split(",").some((part) => part.trim() === "rules");
}

/**
 * The spec declares `_embedded` as a map whose every entry is an object (Policy and each subtype:
 * `additionalProperties: {type: object}`), so a list cannot sit there: the rules are embedded as an object keyed by
 * rule id (by position for a seeded rule without one). No recorded traffic shows Okta's own shape for `expand=rules`.
 */
function embeddedRules(rules: Record<string, unknown>[]): Record<string, Record<string, unknown>> {
    return Object.fromEntries(rules.map((rule, i) => [typeof rule.id === "string" ? rule.id : String(i), rule]));
}

export function policyResource(ctx: RequestContext, policy: PolicyRecord, withRules: boolean): Record<string, unknown> {
    const self = `${ctx.baseUrl}/api/v1/policies/${policy.id}`;
    const managedByOkta = policy.system || policy.selfAllows !== undefined;
    const embedded = { ...policy.embedded, ...(withRules ? { rules: embeddedRules(policy.rules) } : {}) };
    const lifecycle = policy.status === "ACTIVE" ? "deactivate" : "activate";
    return {
        id: policy.id,
        status: policy.status,
        name: policy.name,
        ...(policy.description !== undefined ? { description: policy.description } : {}),
        priority: policy.priority,
        system: policy.system,
        conditions: policy.conditions,
        created: policy.created,
        lastUpdated: policy.lastUpdated,
        ...(policy.settings !== undefined ? { settings: policy.settings } : {}),
        _links: {
            ...(policy.type === "ACCESS_POLICY" && !managedByOkta
                ? { mappings: { href: `${self}/mappings`, hints: { allow: ["GET", "POST"] } } }
                : {}),
            self: {
                href: self,
                hints: { allow: policy.selfAllows ?? (policy.system ? ["GET", "PUT"] : ["GET", "PUT", "DELETE"]) },
            },
            rules: { href: `${self}/rules`, hints: { allow: ["GET", "POST"] } },
            ...(managedByOkta ? {} : { [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ["POST"] } } }),
        },
        ...(Object.keys(embedded).length > 0 ? { _embedded: embedded } : {}),
        type: policy.type,
    };
}
