import type { EmulatorOptions, SeedDocument } from "../../emulator";
import { startTestOrg, type TestOrg } from "./emulator";

/** One request the emulator answered, from its log line `METHOD /path?query STATUS requestId`. */
export interface LoggedRequest {
    method: string;
    path: string;
    status: number;
}

/** A test org that keeps a journal of every request it answers, to count API calls and to prove that none wrote. */
export interface RecordingOrg extends TestOrg {
    requests: LoggedRequest[];
    /** Requests since the last `clearRequests()`, optionally only those matching. */
    count(match?: (request: LoggedRequest) => boolean): number;
    /** POST, PUT and DELETE requests under /api/. */
    writes(): LoggedRequest[];
    clearRequests(): void;
    /** Empties the journal and zeroes the emulator's own request counters (control API). */
    resetCounts(): Promise<void>;
}

export async function startRecordingOrg(options: Omit<EmulatorOptions, "seed" | "log"> & { seed?: SeedDocument } = {}): Promise<RecordingOrg> {
    const requests: LoggedRequest[] = [];
    const org = await startTestOrg({
        // These orgs count calls; pacing is the rate limiter's and the client's own tests' subject.
        rateLimits: { otherLimit: 1_000_000 },
        ...options,
        log: (line) => {
            const match = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (\S+) (\d{3}) /.exec(line);
            if (match) {
                requests.push({ method: match[1], path: match[2], status: Number(match[3]) });
            }
        },
    });
    return Object.assign(org, {
        requests,
        count: (match: (request: LoggedRequest) => boolean = () => true) => requests.filter(match).length,
        writes: () => requests.filter((r) => r.method !== "GET" && r.path.startsWith("/api/")),
        clearRequests: () => {
            requests.length = 0;
        },
        resetCounts: async () => {
            requests.length = 0;
            await org.control.resetStats();
        },
    });
}
