import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import type { Authenticator } from "./auth";
import type { OktaResponse, ResponseType } from "./request-types";
import type { EncodedBody } from "./body";
import { OktaApiError, OktaDeadlineError, OktaTransportError } from "./errors";
import type { Permit, RateLimitGovernor } from "./governor";
import { mergeHeaders } from "./headers";
import { parseLinkHeader } from "./links";
import type { Redactor } from "./redact";
import { backoffDelay, certainlyNotApplied, isIdempotent, isRetryable, type AttemptFailure, type RetryOptions } from "./retry";
import { AttemptFailedError, sendAttempt, type AttemptResponse } from "./transport";


/** Receives debug lines; never given a secret (every line passes the redactor). */
export interface OktaLogger {
    debug(message: string): void;
}

/** What the executor needs from the client: where to send and who to ask. */
export interface ExecutorContext {
    dispatcher: Dispatcher;
    governor: RateLimitGovernor;
    authenticator: Authenticator;
    redactor: Redactor;
    logger?: OktaLogger;
    random?: () => number;
}

/** A request ready to send: URL resolved, body encoded, policies settled. */
export interface PreparedRequest<T> {
    method: string;
    url: URL;
    /** Path and query for messages, secrets redacted. */
    display: string;
    bucket: string;
    headers: Record<string, string>;
    body?: EncodedBody;
    /** A body made anew for every attempt instead of `body` (a token request's client assertion may be used once). */
    bodyPerAttempt?: () => Promise<EncodedBody>;
    /** A token request: paced by its bucket but not held by the concurrency cap (see AcquireOptions). */
    tokenRequest?: boolean;
    responseType: ResponseType;
    /** Declared idempotent (lifecycle POSTs); by default GET, PUT and DELETE are. */
    idempotent?: boolean;
    /** Looks for the object a creating POST makes, to recover a response lost after the change was applied. */
    probe?: () => Promise<T | undefined>;
    timeoutMs: number;
    /** Local epoch ms by which the request must be done, waits and retries included. */
    deadline: number;
    retry: Required<RetryOptions>;
}

/** Authorization headers older than this when a request slot is granted are made again. */
const FRESH_AUTH_MS = 1000;

/** The failure of one attempt, in both forms: for the retry policy, and for the caller. */
interface Failed {
    failure: AttemptFailure;
    error: Error;
    /** Okta's request id of the failed response, to name in X-Okta-Retry-For. */
    requestId?: string;
    /** A 429 that carried a reset time: the governor holds the bucket until then, no backoff needed. */
    windowKnown: boolean;
}

/**
 * Sends one request to completion: paced by the governor, authorized afresh for every attempt, retried by the
 * policy, with a probe before re-sending a create, and one resend after an authentication challenge.
 */
export function execute<T>(ctx: ExecutorContext, req: PreparedRequest<T>): Promise<OktaResponse<T>> {
    return new RequestRun(ctx, req).complete();
}

/** The state of one request across its attempts. */
class RequestRun<T> {
    private attempts = 0;
    /** Attempts after the first that were retries (a resend after an auth challenge is not one). */
    private retries = 0;
    private errorRetries = 0;
    private rateLimitWaits = 0;
    private challenged = false;
    private retryFor?: string;
    private previous?: Failed;
    /** The request's deadline: `req.deadline`, moved later by waits in a moving line (RateLimitGovernor.acquire). */
    private deadline: number;

    constructor(
        private readonly ctx: ExecutorContext,
        private readonly req: PreparedRequest<T>,
    ) {
        this.deadline = req.deadline;
    }

    async complete(): Promise<OktaResponse<T>> {
        const { req } = this;
        if (req.body && req.body.payload.length > 0) {
            this.log(`${req.method} ${req.display} body ${describeBody(this.ctx, req.body)}`);
        }
        for (;;) {
            const found = await this.probe();
            if (found) {
                return found;
            }
            const outcome = await this.attempt();
            if (!("failure" in outcome)) {
                if (outcome.status < 400) {
                    return successOf<T>(outcome, req.responseType, this.attempts);
                }
                const body = parseJson(outcome.body);
                if (await this.answeredChallenge(outcome, body)) {
                    this.previous = undefined; // refused before processing: nothing to probe for
                    continue;
                }
                this.previous = failedResponse(this.ctx, req, outcome, body, this.attempts);
                this.log(`${req.method} ${req.display}: ${this.previous.error.message}`);
            } else {
                this.previous = outcome;
            }
            this.retryFor ??= this.previous.requestId;
            const delay = this.delayBeforeRetry(this.previous);
            this.retries++;
            if (delay > 0) {
                this.log(`${req.method} ${req.display}: retry ${this.retries} in ${Math.round(delay)} ms`);
                await sleep(delay);
            }
        }
    }

    /** After a failure that may have created the object, asks the caller's probe whether it exists. */
    private async probe(): Promise<OktaResponse<T> | undefined> {
        const { req, previous } = this;
        if (!previous || !req.probe || certainlyNotApplied(previous.failure)) {
            return undefined;
        }
        const found = await req.probe();
        if (found === undefined) {
            return undefined;
        }
        this.log(`${req.method} ${req.display}: the probe found the object the lost attempt created; not sending again`);
        return { status: 200, body: found, headers: {}, links: new Map(), attempts: this.attempts, probed: true };
    }

    /** One attempt: authorization, a request slot, the exchange. */
    private async attempt(): Promise<AttemptResponse | Failed> {
        const { ctx, req } = this;
        // Authorization is obtained before taking a request slot, so that an authenticator fetching a token never
        // waits for a slot held by requests that wait for it; after a long wait it is obtained again, fresh (DPoP
        // proofs carry their issue time).
        let auth = await ctx.authenticator.headers({ method: req.method, url: req.url });
        const queued = Date.now();
        const permit = await acquire(ctx, req, this.deadline, this.previous);
        this.deadline = permit.deadline ?? this.deadline;
        this.attempts++;
        let body = req.body;
        try {
            if (Date.now() - queued >= FRESH_AUTH_MS) {
                auth = await ctx.authenticator.headers({ method: req.method, url: req.url });
            }
            body = req.bodyPerAttempt ? await req.bodyPerAttempt() : body;
        } catch (err) {
            permit.release();
            throw err;
        }
        const headers = mergeHeaders(req.headers, auth, this.retryHeaders());
        const retry = this.retries > 0 ? ` (retry ${this.retries}${this.retryFor ? ` for ${this.retryFor}` : ""})` : "";
        this.log(`→ ${req.method} ${req.display}${retry} headers ${JSON.stringify(ctx.redactor.headers(headers))}`);
        const started = Date.now();
        const outcome = await send(ctx, req, this.deadline, headers, body, permit, this.attempts);
        const took = `${Date.now() - started} ms`;
        this.log(
            "failure" in outcome
                ? `✗ ${req.method} ${req.display} after ${took}: ${outcome.error.message}`
                : `← ${outcome.status} ${req.method} ${req.display} in ${took}${describeResponse(ctx, req.bucket, outcome)}`,
        );
        return outcome;
    }

    /**
     * `X-Okta-Retry-Count` on every retry, and `X-Okta-Retry-For` naming the first failed request
     * (docs/okta/rate-limits.md#retry-headers).
     */
    private retryHeaders(): Record<string, string> {
        if (this.retries === 0) {
            return {};
        }
        return { "X-Okta-Retry-Count": String(this.retries), ...(this.retryFor ? { "X-Okta-Retry-For": this.retryFor } : {}) };
    }

    /** Hands a 400/401 to the authenticator once; true when it fixed the cause and the request should go again. */
    private async answeredChallenge(response: AttemptResponse, body: unknown): Promise<boolean> {
        const { authenticator } = this.ctx;
        if ((response.status !== 400 && response.status !== 401) || this.challenged || !authenticator.recoverFromChallenge) {
            return false;
        }
        this.challenged = true;
        const recovered = await authenticator.recoverFromChallenge({ status: response.status, headers: response.headers, body });
        if (recovered) {
            this.log(`${this.req.method} ${this.req.display}: the authenticator answered the ${response.status} challenge; sending once more`);
        }
        return recovered;
    }

    /** How long to wait before trying again; throws the failure when it must not be retried (any more). */
    private delayBeforeRetry({ failure, error, windowKnown }: Failed): number {
        const { req } = this;
        if (!isRetryable(failure, req.retry) || req.retry.maxRetries === 0) {
            throw error;
        }
        if (!isIdempotent(req.method, req.idempotent) && !req.probe && !certainlyNotApplied(failure)) {
            throw annotate(error, "not retried: a POST that may have been applied is only retried when the caller gives a probe");
        }
        let delay: number;
        if (failure.kind === "status" && failure.status === 429 && !failure.concurrency && windowKnown) {
            if (++this.rateLimitWaits > req.retry.maxRateLimitWaits) {
                throw annotate(error, `gave up after ${this.rateLimitWaits - 1} waits for the rate limit to reset`);
            }
            delay = 0; // The governor holds the request until the bucket's window resets.
        } else {
            if (++this.errorRetries > req.retry.maxRetries) {
                throw this.attempts > 1 ? annotate(error, `gave up after ${this.attempts} attempts`) : error;
            }
            delay = backoffDelay(this.errorRetries, req.retry, this.ctx.random);
        }
        if (Date.now() + delay >= this.deadline) {
            throw new OktaDeadlineError(`Okta API ${req.method} ${req.display}: deadline reached after ${this.attempts} attempts`, error);
        }
        return delay;
    }

    private log(line: string): void {
        this.ctx.logger?.debug(this.ctx.redactor.text(line));
    }
}

async function acquire<T>(ctx: ExecutorContext, req: PreparedRequest<T>, deadline: number, previous: Failed | undefined): Promise<Permit> {
    const queued = Date.now();
    try {
        const permit = await ctx.governor.acquire(req.bucket, deadline, { outsideConcurrencyCap: req.tokenRequest });
        const waited = Date.now() - queued;
        if (waited >= 50) {
            ctx.logger?.debug(ctx.redactor.text(`${req.method} ${req.display}: waited ${waited} ms for rate-limit bucket '${req.bucket}'`));
        }
        return permit;
    } catch (err) {
        if (err instanceof OktaDeadlineError) {
            throw new OktaDeadlineError(`Okta API ${req.method} ${req.display}: ${err.message}`, previous?.error, err.rateLimited);
        }
        throw err;
    }
}

/** One attempt through the transport; the permit is released with whatever Okta said. */
async function send<T>(
    ctx: ExecutorContext,
    req: PreparedRequest<T>,
    deadline: number,
    headers: Record<string, string>,
    body: EncodedBody | undefined,
    permit: Permit,
    attempts: number,
): Promise<AttemptResponse | Failed> {
    try {
        const response = await sendAttempt(ctx.dispatcher, {
            url: req.url,
            method: req.method,
            headers,
            body: body?.payload,
            timeoutMs: req.timeoutMs,
            deadline,
        });
        permit.release({ status: response.status, headers: response.headers });
        return response;
    } catch (err) {
        permit.release();
        if (!(err instanceof AttemptFailedError)) {
            throw err;
        }
        const reason = err.timedOut ? new Error(`no complete response within ${req.timeoutMs} ms`) : err.cause;
        return {
            failure: { kind: "network", timedOut: err.timedOut, beforeSending: err.beforeSending, permanent: err.permanent },
            error: redactMessage(ctx, new OktaTransportError(req.method, req.display, reason, err.timedOut, attempts)),
            windowKnown: false,
        };
    }
}

function failedResponse<T>(ctx: ExecutorContext, req: PreparedRequest<T>, response: AttemptResponse, body: unknown, attempts: number): Failed {
    const requestId = headerValue(response.headers["x-okta-request-id"]);
    const limit = headerValue(response.headers["x-rate-limit-limit"]);
    const error = OktaApiError.fromResponse({ method: req.method, path: req.display }, response.status, body, requestId, response.headers, attempts);
    return {
        failure: { kind: "status", status: response.status, concurrency: response.status === 429 && limit === "0" },
        error: redactMessage(ctx, error),
        requestId,
        windowKnown: response.headers["x-rate-limit-reset"] !== undefined && limit !== undefined && limit !== "0",
    };
}

function successOf<T>(response: AttemptResponse, type: ResponseType, attempts: number): OktaResponse<T> {
    const body = type === "binary" ? response.body : type === "text" ? response.body.toString("utf8") : parseJson(response.body);
    return {
        status: response.status,
        body: body as T,
        headers: response.headers,
        requestId: headerValue(response.headers["x-okta-request-id"]),
        links: parseLinkHeader(response.headers.link),
        attempts,
    };
}

function describeResponse(ctx: ExecutorContext, bucket: string, response: AttemptResponse): string {
    const id = headerValue(response.headers["x-okta-request-id"]);
    const limit = headerValue(response.headers["x-rate-limit-limit"]);
    const remaining = headerValue(response.headers["x-rate-limit-remaining"]);
    const rate = limit === undefined ? "" : `, bucket '${bucket}' ${remaining}/${limit}`;
    const error = response.status >= 400 ? `, body ${truncate(JSON.stringify(ctx.redactor.value(parseJson(response.body))))}` : "";
    return `${id ? `, request id ${id}` : ""}${rate}${error}`;
}

function describeBody(ctx: ExecutorContext, body: EncodedBody): string {
    const parsed = body.contentType === "application/json" ? parseJson(Buffer.from(body.payload)) : undefined;
    if (parsed !== null && typeof parsed === "object") {
        return truncate(JSON.stringify(ctx.redactor.value(parsed)));
    }
    return `<${body.contentType ?? "no content type"}, ${Buffer.byteLength(body.payload)} bytes>`;
}

/** Secrets can reach a message through Okta's own summaries (echoed input) or a network error; scrub them. */
function redactMessage<E extends Error>(ctx: ExecutorContext, error: E): E {
    error.message = ctx.redactor.text(error.message);
    return error;
}

function annotate(error: Error, note: string): Error {
    error.message = `${error.message} (${note})`;
    return error;
}

function parseJson(body: Buffer): unknown {
    if (body.length === 0) {
        return undefined;
    }
    const text = body.toString("utf8");
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function headerValue(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function truncate(text: string | undefined, max = 2000): string {
    return text === undefined ? "" : text.length > max ? `${text.slice(0, max)}…` : text;
}

export type { OktaResponse, ResponseType };
