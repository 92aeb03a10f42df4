import { timingSafeEqual } from "node:crypto";
import type { RequestCounters, RequestStats } from "./counters";
import { invalidToken, OktaHttpError, pathNotFound, validationFailed } from "../platform/errors";
import type { FaultInjector, FaultRule, FaultSettings } from "./faults";
import { noContent, ok, type RequestContext, type RouteResult } from "../platform/http";
import { jsonBody } from "../platform/body";
import type { RequestJournal } from "./journal";
import type { RateLimiter, RateLimitOptions } from "./rate-limits";
import { Router } from "../platform/router";

/** Where the control API lives: outside `/api/v1`, so it can never be mistaken for (or rate limited as) Okta's API. */
export const CONTROL_PREFIX = "/__emulator/";

/** The parts of an emulator the control API drives. */
export interface ControlTarget {
    readonly counters: RequestCounters;
    readonly faults: FaultInjector;
    readonly rateLimiter: RateLimiter;
    readonly journal: RequestJournal;
    /** Puts the org back to its seed. */
    resetOrg(): void;
}

/** Counters as the control API reports them: requests, statuses and injected faults. */
export interface ControlStats extends RequestStats {
    faults: FaultInjector["injected"];
}

/**
 * The emulator's control API, for tests and benchmarks: request counts, resets, fault injection and rate-limit
 * settings. It needs its own token (`Authorization: Bearer <control token>`); without one configured it does not exist.
 */
export class ControlApi {
    private readonly router = new Router();

    constructor(
        private readonly target: ControlTarget,
        private readonly token: () => string | undefined,
    ) {
        const t = target;
        this.router
            .on("GET", "/__emulator/stats", () => ok(this.stats()))
            .on("POST", "/__emulator/stats/reset", () => {
                t.counters.reset();
                t.faults.resetCounts();
                return noContent();
            })
            .on("POST", "/__emulator/reset", () => {
                t.resetOrg();
                t.counters.reset();
                t.faults.clear();
                t.faults.resetCounts();
                t.rateLimiter.reset();
                t.journal.clear();
                return noContent();
            })
            .on("POST", "/__emulator/org/reset", () => {
                t.resetOrg();
                return noContent();
            })
            .on("GET", "/__emulator/faults", () => ok(t.faults.current()))
            .on("PUT", "/__emulator/faults", (ctx) => ok(configured(() => t.faults.configure(jsonBody(ctx) as unknown as FaultSettings))))
            .on("POST", "/__emulator/faults", (ctx) => ok(configured(() => t.faults.add(jsonBody(ctx) as unknown as FaultRule))))
            .on("DELETE", "/__emulator/faults", () => {
                t.faults.clear();
                return noContent();
            })
            .on("GET", "/__emulator/rate-limits", () => ok(t.rateLimiter.current()))
            .on("PUT", "/__emulator/rate-limits", (ctx) =>
                ok(configured(() => t.rateLimiter.configure(rateLimitOptions(jsonBody(ctx))))),
            )
            .on("POST", "/__emulator/rate-limits/reset", () => {
                t.rateLimiter.reset();
                return noContent();
            })
            .on("GET", "/__emulator/requests", (ctx) => ok(t.journal.list(journalLimit(ctx))))
            .on("DELETE", "/__emulator/requests", () => {
                t.journal.clear();
                return noContent();
            })
            .on("PUT", "/__emulator/requests", (ctx) => {
                const { size } = jsonBody(ctx);
                configured(() => t.journal.resize(size as number));
                return ok({ size });
            });
    }

    stats(): ControlStats {
        return { ...this.target.counters.snapshot(), faults: { ...this.target.faults.injected } };
    }

    /** Answers one control request; throws OktaHttpError for refusals. */
    handle(ctx: Omit<RequestContext, "params">): RouteResult | Promise<RouteResult> {
        const expected = this.token();
        if (expected === undefined) {
            throw pathNotFound();
        }
        const presented = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ""))?.[1];
        if (presented === undefined || !sameSecret(presented, expected)) {
            throw invalidToken();
        }
        const match = this.router.match(ctx.method, ctx.url.pathname);
        return match.handler({ ...ctx, params: match.params });
    }
}

/** Turns a settings error into Okta's 400 E0000001, so a bad control request is answered, not crashed on. */
function configured<T>(apply: () => T): T {
    try {
        return apply();
    } catch (err) {
        if (err instanceof OktaHttpError) {
            throw err;
        }
        throw validationFailed("settings", [(err as Error).message]);
    }
}

function rateLimitOptions(body: Record<string, unknown>): RateLimitOptions {
    const known = ["windowMs", "limits", "otherLimit", "concurrency", "tokenShare"];
    const unknown = Object.keys(body).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
        throw validationFailed("settings", [`unknown rate-limit setting(s) ${unknown.join(", ")} (known: ${known.join(", ")})`]);
    }
    return body as RateLimitOptions;
}

function journalLimit(ctx: RequestContext): number | undefined {
    const raw = ctx.query.get("limit");
    return raw === null ? undefined : Math.max(0, Number(raw) || 0);
}

function sameSecret(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}
