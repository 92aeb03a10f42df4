import type { ControlStats, FaultRule, FaultSettings, JournalEntry, RateLimitOptions, RateLimitSettings } from "../../emulator";

/**
 * A typed client of the emulator's control API (`/__emulator/...`), over real HTTP like any other caller.
 */
export class EmulatorControl {
    constructor(
        private readonly baseUrl: string,
        private readonly token: string,
    ) {}

    stats(): Promise<ControlStats> {
        return this.call("GET", "stats");
    }

    /** Requests counted for one route, e.g. `count("POST", "/api/v1/groups")`. */
    async count(method: string, template: string): Promise<number> {
        return (await this.stats()).byRoute[`${method} ${template}`] ?? 0;
    }

    resetStats(): Promise<void> {
        return this.call("POST", "stats/reset");
    }

    /** Org back to its seed, counters zeroed, faults cleared, rate-limit windows restarted, journal emptied. */
    reset(): Promise<void> {
        return this.call("POST", "reset");
    }

    resetOrg(): Promise<void> {
        return this.call("POST", "org/reset");
    }

    faults(): Promise<FaultSettings> {
        return this.call("GET", "faults");
    }

    setFaults(settings: FaultSettings): Promise<FaultSettings> {
        return this.call("PUT", "faults", settings);
    }

    addFault(rule: FaultRule): Promise<FaultSettings> {
        return this.call("POST", "faults", rule);
    }

    clearFaults(): Promise<void> {
        return this.call("DELETE", "faults");
    }

    rateLimits(): Promise<RateLimitSettings> {
        return this.call("GET", "rate-limits");
    }

    setRateLimits(options: Omit<RateLimitOptions, "buckets">): Promise<RateLimitSettings> {
        return this.call("PUT", "rate-limits", options);
    }

    resetRateLimitWindows(): Promise<void> {
        return this.call("POST", "rate-limits/reset");
    }

    /** Keeps the last `size` requests for `requests()`; 0 turns the journal off. */
    recordRequests(size: number): Promise<void> {
        return this.call("PUT", "requests", { size });
    }

    requests(limit?: number): Promise<JournalEntry[]> {
        return this.call("GET", limit === undefined ? "requests" : `requests?limit=${limit}`);
    }

    /** Sends one control request; a non-2xx answer becomes an Error with the emulator's summary and causes. */
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const response = await fetch(new URL(`/__emulator/${path}`, this.baseUrl), {
            method,
            headers: {
                Authorization: `Bearer ${this.token}`,
                ...(body === undefined ? {} : { "Content-Type": "application/json" }),
            },
            body: body === undefined ? (method === "POST" || method === "PUT" ? "" : undefined) : JSON.stringify(body),
        });
        const text = await response.text();
        const parsed = text ? JSON.parse(text) : undefined;
        if (!response.ok) {
            const causes = (parsed?.errorCauses ?? []).map((c: { errorSummary: string }) => c.errorSummary).join("; ");
            throw new Error(`control ${method} ${path}: HTTP ${response.status} ${parsed?.errorSummary ?? text}${causes ? ` (${causes})` : ""}`);
        }
        return parsed as T;
    }
}
