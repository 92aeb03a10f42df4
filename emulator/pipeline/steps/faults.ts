import { setTimeout as delay } from "node:timers/promises";
import { internalError, rateLimited } from "../../platform/errors";
import type { RouteResult } from "../../platform/http";
import type { Exchange, Next, Reply } from "../exchange";
import type { FaultKind } from "../faults";
import { bucketVerdict, setRateLimitHeaders } from "./rate-limits";

/**
 * Injects the fault the rules pick for this request (docs/emulator.md; emulator/pipeline/faults.ts): a latency, a
 * dropped connection, an error answer instead of the handler's, or a lost response (the change is applied, the answer
 * never sent: see respond.ts).
 */
export async function faults(ex: Exchange, next: Next): Promise<Reply> {
    const decision = ex.services.faults.decide(ex.method, ex.parts);
    ex.fault = decision.kind;
    if (ex.entry && decision.kind) {
        ex.entry.fault = decision.kind;
    }
    if (decision.latencyMs > 0) {
        await delay(decision.latencyMs);
    }
    if (decision.kind === "drop") {
        return "dropped";
    }
    if (decision.kind && decision.kind !== "lose") {
        // An injected error never reached the bucket; its headers say how the bucket stands.
        const verdict = bucketVerdict(ex, "peek");
        if (verdict) {
            setRateLimitHeaders(ex.res, decision.kind === "429" ? { ...verdict, remaining: 0 } : verdict);
        }
        return injectedError(decision.kind);
    }
    return next();
}

/** Text bodies for the statuses a proxy in front of Okta answers with; 500 and 429 are Okta's own JSON errors. */
const GATEWAY_PAGES: Partial<Record<FaultKind, string>> = {
    "501": "<html><head><title>501 Not Implemented</title></head><body><h1>501 Not Implemented</h1></body></html>",
    "502": "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
    "503": "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>",
};

function injectedError(kind: FaultKind): RouteResult {
    if (kind === "429") {
        throw rateLimited();
    }
    if (kind === "500") {
        throw internalError();
    }
    return { status: Number(kind), body: GATEWAY_PAGES[kind], headers: { "Content-Type": "text/html" } };
}
