import type { IncomingHttpHeaders } from "node:http";
import type { RequestOutcome } from "./counters";

/** One request as the emulator received it: what tests inspect to see what a client really sent. */
export interface JournalEntry {
    requestId: string;
    /** ISO time of arrival. */
    at: string;
    method: string;
    /** Path and query as sent. */
    path: string;
    /** The route template matched, or `(unmatched)`. */
    template: string;
    /** Header names in lower case; credentials keep their scheme only (`SSWS [redacted]`). */
    headers: Record<string, string | string[]>;
    /** The body, base64-encoded, when there was one. */
    body?: string;
    /** The status answered, `dropped` when the connection was closed without an answer, `aborted` when the client left. */
    outcome?: RequestOutcome;
    /** The injected fault, if any. */
    fault?: string;
}

const CREDENTIAL_HEADERS = new Set(["authorization", "dpop", "cookie", "proxy-authorization"]);

/**
 * The last `size` requests, newest last. Off (size 0) until a test turns it on, so the hot path pays nothing for it.
 */
export class RequestJournal {
    private entries: JournalEntry[] = [];

    constructor(private size = 0) {}

    get capacity(): number {
        return this.size;
    }

    resize(size: number): void {
        if (!Number.isInteger(size) || size < 0 || size > 10_000) {
            throw new Error("journal size must be a whole number between 0 and 10000");
        }
        this.size = size;
        this.entries = size === 0 ? [] : this.entries.slice(-size);
    }

    /** Starts an entry for a request, or returns undefined when the journal is off. */
    record(entry: Omit<JournalEntry, "headers" | "at">, headers: IncomingHttpHeaders): JournalEntry | undefined {
        if (this.size === 0) {
            return undefined;
        }
        const recorded: JournalEntry = { ...entry, at: new Date().toISOString(), headers: redactCredentials(headers) };
        this.entries.push(recorded);
        if (this.entries.length > this.size) {
            this.entries.shift();
        }
        return recorded;
    }

    list(limit = this.size): JournalEntry[] {
        return this.entries.slice(-limit);
    }

    clear(): void {
        this.entries = [];
    }
}

function redactCredentials(headers: IncomingHttpHeaders): Record<string, string | string[]> {
    const copy: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) {
            continue;
        }
        copy[name] = CREDENTIAL_HEADERS.has(name) ? redactValue(value) : value;
    }
    return copy;
}

function redactValue(value: string | string[]): string | string[] {
    const one = (v: string) => {
        const scheme = /^(SSWS|Bearer|DPoP|Basic)\s/i.exec(v);
        return scheme ? `${scheme[1]} [redacted]` : "[redacted]";
    };
    return Array.isArray(value) ? value.map(one) : one(value);
}
