/**
 * Which OAuth scopes each Management API endpoint requires of an access token (SSWS API tokens have full access).
 * Taken from the `security` section of every in-scope operation in Okta's management spec; a test compares this table
 * with the spec, path by path.
 *
 * Rules are keyed by path prefix (`*` stands for one path segment, an id) and method: the longest matching prefix
 * wins; GET reads, every other method manages, unless the rule names its methods. `manage` implies `read`.
 */

export interface ScopeRule {
    /** e.g. `/api/v1/users/*\/roles`. */
    prefix: string;
    /** Scopes (all required) for reading and for changing. */
    read: string[];
    manage: string[];
    /** Methods that only read despite not being GET (e.g. `POST /policies/simulate`). */
    readMethods?: string[];
}

/** A rule for resources whose scopes are `okta.<resource>.read` and `okta.<resource>.manage`. */
function resource(prefix: string, ...resources: string[]): ScopeRule {
    return {
        prefix,
        read: resources.map((r) => `okta.${r}.read`),
        manage: resources.map((r) => `okta.${r}.manage`),
    };
}

/** A path the spec declares no scope for: any authenticated caller may use it. */
function open(prefix: string): ScopeRule {
    return { prefix, read: [], manage: [] };
}

export const SCOPE_RULES: readonly ScopeRule[] = [
    resource("/api/v1/users", "users"),
    resource("/api/v1/users/*/roles", "roles"),
    resource("/api/v1/users/*/risk", "userRisk"),
    open("/api/v1/users/*/factors/questions"),
    resource("/api/v1/groups", "groups"),
    resource("/api/v1/groups/*/roles", "roles"),
    resource("/api/v1/apps", "apps"),
    resource("/api/v1/apps/*/grants", "appGrants"),
    resource("/api/v1/apps/*/interclient-allowed-apps", "apps.interclientTrust"),
    resource("/api/v1/apps/*/interclient-target-apps", "apps.interclientTrust"),
    resource("/api/v1/apps/*/group-push", "apps", "groups"),
    resource("/api/v1/eventHooks", "eventHooks"),
    { prefix: "/api/v1/logs", read: ["okta.logs.read"], manage: ["okta.logs.read"] },
    resource("/api/v1/policies", "policies"),
    { ...resource("/api/v1/policies/simulate", "policies"), readMethods: ["POST"] },
    resource("/api/v1/realms", "realms"),
    resource("/api/v1/meta/types/user", "userTypes"),
];

const RULES = SCOPE_RULES.map((rule) => ({ rule, segments: rule.prefix.split("/").filter(Boolean) })).sort(
    (a, b) => b.segments.length - a.segments.length,
);

/**
 * The scopes a request needs, or `undefined` when no rule covers the path (the emulator then refuses OAuth tokens:
 * an endpoint it serves without a rule here is a gap in this table).
 */
export function requiredScopes(method: string, pathname: string): string[] | undefined {
    const parts = pathname.split("/").filter(Boolean);
    const match = RULES.find(({ segments }) =>
        segments.length <= parts.length && segments.every((segment, i) => segment === "*" || segment === parts[i]),
    );
    if (!match) {
        return undefined;
    }
    const { rule } = match;
    const reads = method === "GET" || method === "HEAD" || (rule.readMethods ?? []).includes(method);
    return reads ? rule.read : rule.manage;
}

/** The scopes of `required` that `granted` does not cover; `okta.x.manage` covers `okta.x.read`. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
    const held = new Set(granted);
    return required.filter((scope) => !held.has(scope) && !held.has(scope.replace(/\.read$/, ".manage")));
}

/** What a seed may grant: Okta's Management API scopes (`okta.<resource>.<read|manage>`). */
export const OKTA_SCOPE_PATTERN = /^okta\.[A-Za-z]+(\.[A-Za-z]+)*\.(read|manage)$/;
