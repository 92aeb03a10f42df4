import type { OktaEmulator } from "../../../emulator";
import { CONTROL_PREFIX } from "../../../emulator/pipeline/control";
import { Router } from "../../../emulator/platform/router";
import { TEST_TOKEN, type RawResponse, type TestOrg } from "../emulator";
import type { SpecOperation } from "./operations";
import type { OktaSpec, ValidationProblem } from "./spec";

/**
 * Drives an emulator over real HTTP and checks every response body against the operation the spec declares for the
 * route that served it. Keeps per-route coverage so a test can fail when a route the emulator serves was never shown
 * to conform.
 */


export interface Exchange {
    method: string;
    path: string;
    template: string;
    status: number;
    operation: SpecOperation;
}

export interface RouteCoverage {
    method: string;
    template: string;
    operation?: SpecOperation;
    /** Statuses whose bodies validated. */
    statuses: Set<number>;
}

export interface CallOptions {
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as it is (with `Content-Type: application/json` unless `headers` say otherwise). */
    rawBody?: string;
    /** Sent as `application/x-www-form-urlencoded` (the OAuth endpoints). */
    form?: Record<string, string>;
    /** Replace the defaults (`Accept`, `Authorization: SSWS <test token>`); an empty value removes one. */
    headers?: Record<string, string>;
    /** The status the exercise means to produce; anything else fails the call. */
    expect: number;
}

export class ConformanceError extends Error {}

export class Conformance {
    private readonly router = new Router();
    private readonly coverage = new Map<string, RouteCoverage>();
    readonly exchanges: Exchange[] = [];

    constructor(
        private readonly spec: OktaSpec,
        private readonly org: TestOrg,
    ) {
        this.learnRoutes(org.emulator);
    }

    /** Learns the emulator's route table (the real Router, so matching follows the emulator's own rules). */
    private learnRoutes(emulator: OktaEmulator): void {
        for (const { method, template } of emulator.routes()) {
            // The emulator's own control API is not Okta's, so the spec cannot describe it. Any other route without a
            // spec operation fails its calls as unmapped.
            if (template.startsWith(CONTROL_PREFIX)) {
                continue;
            }
            this.router.on(method, template, () => ({ status: 500 }));
            this.coverage.set(`${method} ${template}`, {
                method,
                template,
                operation: this.spec.find(method, template),
                statuses: new Set(),
            });
        }
    }

    /**
     * Sends one request, asserts its status, and validates the body against the spec; throws with every problem
     * when it does not conform. Returns the response for the exercise to use.
     */
    async call(method: string, path: string, options: CallOptions): Promise<RawResponse> {
        const response = await send(this.org.url, method, path, options);
        const where = `${method} ${path}`;
        if (response.status !== options.expect) {
            throw new ConformanceError(`${where}: expected ${options.expect}, got ${response.status} ${JSON.stringify(response.body)}`);
        }
        const template = this.router.match(method, new URL(path, this.org.url).pathname).template;
        const route = this.coverage.get(`${method} ${template}`)!;
        if (!route.operation) {
            throw new ConformanceError(`${where}: route ${method} ${template} maps to no operation of the spec`);
        }
        const check = this.spec.check(route.operation, response.status, response.body);
        if (check.errors.length > 0) {
            throw new ConformanceError(
                `${where} -> ${response.status} does not conform to ${route.operation.operationId}:\n` +
                    check.errors.map(describeProblem).join("\n") +
                    `\nbody: ${JSON.stringify(response.body)?.slice(0, 2000)}`,
            );
        }
        route.statuses.add(response.status);
        this.exchanges.push({ method, path, template, status: response.status, operation: route.operation });
        return response;
    }

    routes(): RouteCoverage[] {
        return [...this.coverage.values()].sort((a, b) => a.template.localeCompare(b.template) || a.method.localeCompare(b.method));
    }

    /** Routes that never returned a validated success (2xx, or the 3xx of a redirecting endpoint). */
    uncovered(): RouteCoverage[] {
        return this.routes().filter((r) => ![...r.statuses].some((s) => s >= 200 && s < 400));
    }

    /** A printable summary: one line per route with the operation and the statuses validated. */
    report(): string {
        const routes = this.routes();
        const covered = routes.filter((r) => !this.uncovered().includes(r));
        const responses = routes.reduce((n, r) => n + r.statuses.size, 0);
        const lines = routes.map(
            (r) =>
                `  ${r.method.padEnd(6)} ${r.template.padEnd(58)} ${(r.operation?.operationId ?? "(no spec operation)").padEnd(34)} ` +
                `${[...r.statuses].sort().join(",") || "-"}`,
        );
        return [
            `OpenAPI conformance: ${covered.length} of ${routes.length} implemented operations covered, ` +
                `${responses} (operation, status) responses validated over ${this.exchanges.length} exchanges`,
            ...lines,
        ].join("\n");
    }
}

/** One request over real HTTP, redirects not followed (an endpoint's own answer is what is checked). */
async function send(base: string, method: string, path: string, options: CallOptions): Promise<RawResponse> {
    const headers: Record<string, string> = { Accept: "application/json", Authorization: `SSWS ${TEST_TOKEN}` };
    let body: string | undefined;
    if (options.form) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(options.form).toString();
    } else if (options.body !== undefined || options.rawBody !== undefined) {
        headers["Content-Type"] = "application/json";
        body = options.rawBody ?? JSON.stringify(options.body);
    } else if (method === "POST" || method === "PUT") {
        body = ""; // Clients send Content-Length: 0 on body-less POSTs.
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value === "") {
            delete headers[name];
        } else {
            headers[name] = value;
        }
    }
    const response = await fetch(new URL(path, base), { method, headers, body, redirect: "manual" });
    const text = await response.text();
    let parsed: unknown;
    try {
        parsed = text ? JSON.parse(text) : undefined;
    } catch {
        throw new ConformanceError(`${method} ${path}: the body is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: response.status, headers: response.headers, body: parsed };
}

function describeProblem(p: ValidationProblem): string {
    return `  at ${p.instancePath || "(body)"}: ${p.keyword}: ${p.message}`;
}
