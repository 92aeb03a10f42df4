import { methodNotAllowed, pathNotFound } from "./errors";
import type { RequestContext, RouteResult } from "./http";

export type RouteHandler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

interface Route {
    template: string;
    segments: string[];
    handlers: Map<string, RouteHandler>;
}

/** The outcome of matching a request: the handler, its path parameters and the route template (for rate limits). */
export interface RouteMatch {
    handler: RouteHandler;
    params: Record<string, string>;
    template: string;
}

/**
 * A small path-template router: `/api/v1/groups/:groupId/users/:userId`. Static segments win over parameters,
 * so `/api/v1/users/me` can be routed apart from `/api/v1/users/:id`.
 */
export class Router {
    private readonly routes: Route[] = [];

    on(method: string, template: string, handler: RouteHandler): this {
        let route = this.routes.find((r) => r.template === template);
        if (!route) {
            route = { template, segments: template.split("/").filter(Boolean), handlers: new Map() };
            this.routes.push(route);
            this.routes.sort(bySpecificity);
        }
        route.handlers.set(method, handler);
        return this;
    }

    /** Every (method, template) pair served, for tools that check the routes (conformance tests). */
    list(): { method: string; template: string }[] {
        return this.routes.flatMap((r) => [...r.handlers.keys()].map((method) => ({ method, template: r.template })));
    }

    match(method: string, pathname: string): RouteMatch {
        const parts = pathname.split("/").filter(Boolean);
        for (const route of this.routes) {
            const params = matchSegments(route.segments, parts);
            if (!params) {
                continue;
            }
            const handler = route.handlers.get(method);
            if (!handler) {
                throw methodNotAllowed(method);
            }
            return { handler, params, template: route.template };
        }
        throw pathNotFound();
    }
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
    if (template.length !== parts.length) {
        return undefined;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < template.length; i++) {
        const expected = template[i];
        if (expected.startsWith(":")) {
            try {
                params[expected.slice(1)] = decodeURIComponent(parts[i]);
            } catch {
                return undefined;
            }
        } else if (expected !== parts[i]) {
            return undefined;
        }
    }
    return params;
}

/** Routes with more static segments first, so literal paths shadow parameters. */
function bySpecificity(a: Route, b: Route): number {
    const staticCount = (r: Route) => r.segments.filter((s) => !s.startsWith(":")).length;
    return staticCount(b) - staticCount(a) || b.segments.length - a.segments.length;
}
