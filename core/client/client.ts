import { Agent, type Dispatcher } from "undici";
import type { AuthorizationRequest, Authenticator } from "./auth";
import { encodeBody } from "./body";
import { bucketOf } from "../okta/rate-limit-buckets";
import { execute, type ExecutorContext, type OktaLogger, type PreparedRequest } from "./executor";
import type { HttpMethod, OktaRequest, OktaResponse, Query, QueryValue } from "./request-types";
import { mergeHeaders } from "./headers";
import { governorFor, RateLimitGovernor, type GovernorOptions } from "./governor";
import { items, pages, type Page, type PaginateOptions } from "./pagination";
import { rawRequest, type RawRequestInput, type RawRequestResult } from "./raw";
import { isHttpsOrLoopback } from "./http-rules";
import { Redactor } from "./redact";
import { retryOptions, type RetryOptions } from "./retry";

/**
 * Okta's Link headers repeat the whole query (filter, search), twice (self and next): a long filter makes headers larger
 * than Node's default limit of 16 KiB, which would fail the listing.
 */
const MAX_RESPONSE_HEADER_BYTES = 256 * 1024;

export type { OktaLogger, OktaResponse, QueryValue, Query, HttpMethod, OktaRequest };


export interface OktaClientOptions {
    /** `https://example.okta.com`; plain http is allowed for loopback hosts only (the emulator). */
    orgUrl: string;
    authenticator: Authenticator;
    /** Per-attempt timeout, in ms (default 60 s). */
    timeoutMs?: number;
    /** Overall deadline of one request, retries and rate-limit waits included, in ms (default 10 min). */
    deadlineMs?: number;
    retry?: RetryOptions;
    /**
     * The rate-limit governor: by default the one shared by every client of this org in the process (created with
     * these options on first use; options given later for the same org replace its limits); pass an instance to
     * control sharing.
     */
    governor?: RateLimitGovernor | GovernorOptions;
    userAgent?: string;
    logger?: OktaLogger;
    /** An undici dispatcher to send through; by default one keep-alive Agent per client. */
    dispatcher?: Dispatcher;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_DEADLINE_MS = 10 * 60_000;
const USER_AGENT = `pulumi-okta-iac/${require("../../../package.json").version as string}`;

/**
 * The one client every resource, function, operation and the CLI use to talk to Okta. It composes the transport
 * (transport.ts), the shared rate-limit governor (governor.ts), retries (retry.ts, executor.ts), pagination
 * (pagination.ts), raw requests (raw.ts) and redacted logging (redact.ts).
 */
export class OktaClient {
    readonly orgUrl: URL;
    readonly governor: RateLimitGovernor;
    readonly redactor: Redactor;
    private readonly dispatcher: Dispatcher;
    private readonly ownsDispatcher: boolean;

    constructor(private readonly options: OktaClientOptions) {
        this.orgUrl = validateOrgUrl(options.orgUrl);
        this.ownsDispatcher = options.dispatcher === undefined;
        this.dispatcher = options.dispatcher ?? new Agent({ connections: 32, keepAliveTimeout: 30_000, maxHeaderSize: MAX_RESPONSE_HEADER_BYTES });
        this.governor = options.governor instanceof RateLimitGovernor ? options.governor : governorFor(this.orgUrl, options.governor);
        this.redactor = new Redactor(() => options.authenticator.secrets?.() ?? []);
        retryOptions(options.retry); // fail on bad settings now, not on the first request
        options.authenticator.attach?.((request) => this.sendAuthorization(request));
    }

    async request<T = unknown>(req: OktaRequest<T>): Promise<OktaResponse<T>> {
        const url = this.resolve(req.path, req.query);
        const body = await encodeBody(req.method, req);
        return execute<T>(this.context(this.options.authenticator), {
            ...this.prepare(req.method, url, req),
            headers: this.headers(body?.contentType, req.headers),
            body,
            responseType: req.responseType ?? "json",
            idempotent: req.idempotent,
            probe: req.probe,
        });
    }

    async get<T>(path: string, query?: Query): Promise<T> {
        return (await this.request<T>({ method: "GET", path, query })).body;
    }

    /** A POST; pass `probe` for creates, or `idempotent: true` for operations that are safe to repeat. */
    async post<T>(path: string, body?: unknown, query?: Query, options: Pick<OktaRequest<T>, "probe" | "idempotent"> = {}): Promise<T> {
        return (await this.request<T>({ method: "POST", path, body, query, ...options })).body;
    }

    async put<T>(path: string, body?: unknown, query?: Query): Promise<T> {
        return (await this.request<T>({ method: "PUT", path, body, query })).body;
    }

    async delete(path: string, query?: Query): Promise<void> {
        await this.request({ method: "DELETE", path, query });
    }

    /**
     * Every item of a listing, following `Link: <...>; rel="next"` (unless `fetchAll` is false), up to `maxItems`.
     */
    paginate<T>(path: string, query?: Query, options: PaginateOptions = {}): AsyncGenerator<T> {
        return items<T>(this.fetchPage, path, query, options);
    }

    /** The pages of a listing, with each page's `after` cursor (for callers that hand cursors out). */
    pages<T>(path: string, query?: Query, options: PaginateOptions = {}): AsyncGenerator<Page<T>> {
        return pages<T>(this.fetchPage, path, query, options);
    }

    /** The product's "Raw Request": any method on a Management API path (core/okta/paths.ts). */
    raw(input: RawRequestInput): Promise<RawRequestResult> {
        return rawRequest(this, input);
    }

    async close(): Promise<void> {
        if (this.ownsDispatcher) {
            await this.dispatcher.close();
        }
    }

    private readonly fetchPage = <T>(path: string, query?: Query) => this.request<T[]>({ method: "GET", path, query });

    /**
     * An authenticator's token request: through the same governor (the token endpoint's bucket) and retries as API
     * calls, with a new form and fresh authorization for every attempt. Safe to repeat: a lost answer only costs a
     * token. Not held by the concurrency cap, since the requests holding the slots may be the ones waiting for it.
     */
    private sendAuthorization(request: AuthorizationRequest): Promise<OktaResponse<unknown>> {
        if (request.url.origin !== this.orgUrl.origin) {
            throw new Error(`refusing to send Okta credentials to ${request.url.origin}: it is not the org ${this.orgUrl.origin}`);
        }
        const contentType = "application/x-www-form-urlencoded";
        return execute(this.context(request.authenticator), {
            ...this.prepare("POST", request.url, {}),
            headers: this.headers(contentType),
            bodyPerAttempt: async () => ({ payload: new URLSearchParams(await request.form()).toString(), contentType }),
            tokenRequest: true,
            responseType: "json",
            idempotent: true,
        });
    }

    private context(authenticator: Authenticator): ExecutorContext {
        const { logger } = this.options;
        return { dispatcher: this.dispatcher, governor: this.governor, authenticator, redactor: this.redactor, logger };
    }

    /** What every request shares: where it goes, its bucket, and the client's time and retry policies unless overridden. */
    private prepare(
        method: string,
        url: URL,
        req: Pick<OktaRequest, "timeoutMs" | "deadlineMs" | "retry">,
    ): Pick<PreparedRequest<unknown>, "method" | "url" | "display" | "bucket" | "timeoutMs" | "deadline" | "retry"> {
        return {
            method,
            url,
            display: this.redactor.url(url),
            bucket: bucketOf(method, url.pathname),
            timeoutMs: req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            deadline: Date.now() + (req.deadlineMs ?? this.options.deadlineMs ?? DEFAULT_DEADLINE_MS),
            retry: retryOptions(this.options.retry, req.retry),
        };
    }

    private headers(contentType: string | undefined, extra?: Record<string, string>): Record<string, string> {
        return mergeHeaders(
            { Accept: "application/json", "User-Agent": this.options.userAgent ?? USER_AGENT },
            contentType ? { "Content-Type": contentType } : undefined,
            extra,
        );
    }

    /** Builds the URL of a request. Absolute URLs (from Link headers) must stay on the org, so no token leaves it. */
    private resolve(path: string, query?: Query): URL {
        const url = new URL(path, this.orgUrl);
        if (url.origin !== this.orgUrl.origin) {
            throw new Error(`refusing to send Okta credentials to ${url.origin}: it is not the org ${this.orgUrl.origin}`);
        }
        for (const [key, value] of Object.entries(query ?? {})) {
            const values = Array.isArray(value) ? value : [value];
            if (values.some((v) => v !== undefined)) {
                url.searchParams.delete(key);
            }
            for (const v of values) {
                if (v !== undefined) {
                    url.searchParams.append(key, String(v));
                }
            }
        }
        return url;
    }
}

/** Accepts `https://…` for any host and `http://…` only for loopback hosts. */
export function validateOrgUrl(raw: string): URL {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new Error(`orgUrl '${raw}' is not a URL (expected e.g. https://example.okta.com)`);
    }
    if (!isHttpsOrLoopback(url)) {
        throw new Error(`orgUrl '${raw}' must use https (plain http is only allowed for loopback hosts such as 127.0.0.1)`);
    }
    if (url.pathname !== "/" || url.search || url.hash) {
        throw new Error(`orgUrl '${raw}' must be the org's base URL, without a path (e.g. https://example.okta.com)`);
    }
    return url;
}
