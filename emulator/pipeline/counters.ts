/**
 * How a request ended: the status answered, `dropped` (an injected fault closed the connection without an answer) or
 * `aborted` (the client went away before its whole body arrived, docs/emulator.md#aborted-requests).
 */
export type RequestOutcome = number | "dropped" | "aborted";

/** Where requests that Node's HTTP parser refused (no method or path to count them by) are counted. */
export const UNPARSED = "(unparsed)";

/** Requests counted per method and route template, for tests and benchmarks (read through the control API). */
export interface RequestStats {
    total: number;
    /**
     * `"GET /api/v1/groups/:groupId": 3`; requests that matched no route count under `(unmatched)`, requests the HTTP
     * parser refused under `(unparsed)`.
     */
    byRoute: Record<string, number>;
    /** Responses by status code; `dropped` and `aborted` for connections closed without one. */
    byStatus: Record<string, number>;
}

export class RequestCounters {
    private total = 0;
    private readonly byRoute = new Map<string, number>();
    private readonly byStatus = new Map<string, number>();

    countRequest(method: string, template: string): void {
        this.total++;
        const key = `${method} ${template}`;
        this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    }

    /** A request the HTTP parser refused before it had a method and path, answered with `status`. */
    countUnparsed(status: number): void {
        this.total++;
        this.byRoute.set(UNPARSED, (this.byRoute.get(UNPARSED) ?? 0) + 1);
        this.countOutcome(status);
    }

    countOutcome(status: RequestOutcome): void {
        const key = String(status);
        this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    }

    snapshot(): RequestStats {
        return { total: this.total, byRoute: Object.fromEntries(this.byRoute), byStatus: Object.fromEntries(this.byStatus) };
    }

    reset(): void {
        this.total = 0;
        this.byRoute.clear();
        this.byStatus.clear();
    }
}
