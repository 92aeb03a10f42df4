import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizationServer } from "../areas/oauth/authorization-server";
import type { DataFile } from "../org/persistence/data-file";
import type { OrgStore } from "../org/store";
import type { OktaHttpError } from "../platform/errors";
import type { RouteResult } from "../platform/http";
import type { Principal } from "../platform/principal";
import type { RouteMatch } from "../platform/router";
import type { ControlApi } from "./control";
import type { RequestCounters, RequestOutcome } from "./counters";
import type { FaultInjector, FaultKind } from "./faults";
import type { JournalEntry, RequestJournal } from "./journal";
import type { RateLimiter } from "./rate-limits";

/** What a request gets: a response, or no answer at all (connection dropped by a fault, or the client left). */
export type Reply = RouteResult | "dropped" | "aborted";

/** The parts of the emulator the steps use; the server owns them. */
export interface PipelineServices {
    readonly store: OrgStore;
    readonly counters: RequestCounters;
    readonly journal: RequestJournal;
    readonly faults: FaultInjector;
    readonly rateLimiter: RateLimiter;
    readonly authorizationServer: AuthorizationServer;
    readonly control: ControlApi;
    readonly dataFile?: DataFile;
    /** Base URL of the emulated org, known once the server listens. */
    baseUrl(): string;
    /** The status the HTTP parser answered for this request's broken body, when it did (platform/bad-http.ts). */
    refusedStatus(req: IncomingMessage): number | undefined;
    log?(line: string): void;
}

/** One request on its way through the pipeline: what is known of it, and what the steps learn. */
export interface Exchange {
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly services: PipelineServices;
    readonly method: string;
    readonly url: URL;
    readonly requestId: string;
    /** The path's segments, for fault rules and rate-limit buckets. */
    readonly parts: string[];
    /** The route, or the 404/405 to answer with (after the request has counted against its bucket). */
    readonly match: RouteMatch | OktaHttpError;
    /** Route template, for counters, the journal and rate limits; `(unmatched)` when no route matches. */
    readonly template: string;
    entry?: JournalEntry;
    fault?: FaultKind;
    principal?: Principal;
    rawBody?: Buffer;
    /** A route handler ran, so a mutating request may have changed the org. */
    handled: boolean;
    /** How the request ended, for the counters, the journal and the log; 500 until it is answered. */
    outcome: RequestOutcome;
}

/** The rest of the pipeline, after the current step. */
export type Next = () => Promise<Reply>;

/** One concern of request handling: it may answer by itself, or call `next` and work on what comes back. */
export type Step = (exchange: Exchange, next: Next) => Promise<Reply>;

/** Runs the steps in order, each wrapping the ones after it; the last step must answer. */
export function runSteps(steps: readonly Step[], exchange: Exchange): Promise<Reply> {
    const at = (index: number): Promise<Reply> => {
        const step = steps[index];
        if (!step) {
            throw new Error("the request pipeline ended without an answer");
        }
        return step(exchange, () => at(index + 1));
    };
    return at(0);
}

/** Methods that never change the org, so their answers do not wait for a save of the data file. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);
