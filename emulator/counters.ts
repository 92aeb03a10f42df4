/** Requests counted per method and route template, for tests and benchmarks (read through the control API). */
export interface RequestStats {
    total: number;
    /** `"GET /api/v1/groups/:groupId": 3`; requests that matched no route count under `(unmatched)`. */
    byRoute: Record<string, number>;
    /** Responses by status code; `dropped` for connections closed without one. */
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

    countOutcome(status: number | "dropped"): void {
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
