import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import type { Authenticator } from "./auth";
import { OktaApiError, OktaTransportError } from "./errors";
import { parseLinkHeader } from "./links";

export type QueryValue = string | number | boolean | undefined;

export interface OktaRequest {
    method: "GET" | "POST" | "PUT" | "DELETE";
    /** Path on the org, starting with `/`, e.g. `/api/v1/groups`; or an absolute URL on the org (from a Link). */
    path: string;
    query?: Record<string, QueryValue>;
    /** Sent as JSON. POST and PUT without a body send `Content-Length: 0`, as Okta requires. */
    body?: unknown;
    headers?: Record<string, string>;
}

export interface OktaResponse<T> {
    status: number;
    body: T;
    headers: Record<string, string | string[] | undefined>;
    requestId?: string;
    links: Map<string, string>;
}

/** Receives one line per request; never given a secret. */
export interface OktaLogger {
    debug(message: string): void;
}

export interface OktaClientOptions {
    /** `https://example.okta.com`; plain http is allowed for loopback hosts only (the emulator). */
    orgUrl: string;
    authenticator: Authenticator;
    /** Per-attempt timeout for headers and body, in ms. */
    timeoutMs?: number;
    userAgent?: string;
    logger?: OktaLogger;
    /** An undici dispatcher to send through; by default one keep-alive Agent per client. */
    dispatcher?: Dispatcher;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const USER_AGENT = `pulumi-okta-iac/${require("../../../package.json").version as string}`;

/**
 * The one client every resource, function, operation and the CLI use to talk to Okta: transport, authorization,
 * JSON, errors and pagination.
 */
export class OktaClient {
    readonly orgUrl: URL;
    private readonly dispatcher: Dispatcher;
    private readonly ownsDispatcher: boolean;

    constructor(private readonly options: OktaClientOptions) {
        this.orgUrl = validateOrgUrl(options.orgUrl);
        this.ownsDispatcher = options.dispatcher === undefined;
        this.dispatcher = options.dispatcher ?? new Agent({ connections: 32, keepAliveTimeout: 30_000 });
    }

    async request<T = unknown>(req: OktaRequest): Promise<OktaResponse<T>> {
        const url = this.resolve(req.path, req.query);
        const display = url.pathname + url.search;
        const hasBody = req.body !== undefined;
        const payload = hasBody ? JSON.stringify(req.body) : req.method === "POST" || req.method === "PUT" ? "" : undefined;
        const timeout = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const send = async (): Promise<{ response: Dispatcher.ResponseData; body: unknown }> => {
            // Authorization headers are made for every attempt, so a DPoP proof is never reused.
            const headers: Record<string, string> = {
                Accept: "application/json",
                "User-Agent": this.options.userAgent ?? USER_AGENT,
                ...req.headers,
                ...(await this.options.authenticator.headers({ method: req.method, url })),
            };
            if (hasBody) {
                headers["Content-Type"] = "application/json";
            }
            let response: Dispatcher.ResponseData;
            try {
                response = await undiciRequest(url, {
                    method: req.method,
                    headers,
                    body: payload,
                    dispatcher: this.dispatcher,
                    headersTimeout: timeout,
                    bodyTimeout: timeout,
                });
            } catch (err) {
                throw new OktaTransportError(req.method, display, err as Error);
            }
            return { response, body: parseJson(await response.body.text()) };
        };

        let { response, body } = await send();
        // A challenge the authenticator can answer (DPoP nonce, expired token) earns one resend.
        if (
            (response.statusCode === 400 || response.statusCode === 401) &&
            (await this.options.authenticator.recoverFromChallenge?.({ status: response.statusCode, headers: response.headers, body }))
        ) {
            ({ response, body } = await send());
        }
        const requestId = headerValue(response.headers["x-okta-request-id"]);
        this.options.logger?.debug(`${req.method} ${display} -> ${response.statusCode} (request id ${requestId ?? "-"})`);
        if (response.statusCode >= 400) {
            throw OktaApiError.fromResponse({ method: req.method, path: display }, response.statusCode, body, requestId, response.headers);
        }
        return {
            status: response.statusCode,
            body: body as T,
            headers: response.headers,
            requestId,
            links: parseLinkHeader(response.headers.link),
        };
    }

    async get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
        return (await this.request<T>({ method: "GET", path, query })).body;
    }

    async post<T>(path: string, body?: unknown, query?: Record<string, QueryValue>): Promise<T> {
        return (await this.request<T>({ method: "POST", path, body, query })).body;
    }

    async put<T>(path: string, body?: unknown, query?: Record<string, QueryValue>): Promise<T> {
        return (await this.request<T>({ method: "PUT", path, body, query })).body;
    }

    async delete(path: string, query?: Record<string, QueryValue>): Promise<void> {
        await this.request({ method: "DELETE", path, query });
    }

    /**
     * Every item of a listing, page by page, following `Link: <...>; rel="next"` until there is none.
     * Stops after `maxItems` items when given.
     */
    async *paginate<T>(path: string, query?: Record<string, QueryValue>, options: { maxItems?: number } = {}): AsyncGenerator<T> {
        let next: string | undefined = path;
        let nextQuery = query;
        let yielded = 0;
        while (next !== undefined) {
            const page: OktaResponse<T[]> = await this.request<T[]>({ method: "GET", path: next, query: nextQuery });
            if (!Array.isArray(page.body)) {
                throw new Error(`Okta API GET ${next} returned ${typeof page.body} where a list was expected`);
            }
            for (const item of page.body) {
                if (options.maxItems !== undefined && yielded >= options.maxItems) {
                    return;
                }
                yielded++;
                yield item;
            }
            next = page.links.get("next");
            nextQuery = undefined;
        }
    }

    async close(): Promise<void> {
        if (this.ownsDispatcher) {
            await this.dispatcher.close();
        }
    }

    /** Builds the URL of a request. Absolute URLs (from Link headers) must stay on the org, so no token leaves it. */
    private resolve(path: string, query?: Record<string, QueryValue>): URL {
        const url = new URL(path, this.orgUrl);
        if (url.origin !== this.orgUrl.origin) {
            throw new Error(`refusing to send Okta credentials to ${url.origin}: it is not the org ${this.orgUrl.origin}`);
        }
        for (const [key, value] of Object.entries(query ?? {})) {
            if (value !== undefined) {
                url.searchParams.set(key, String(value));
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
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
        throw new Error(`orgUrl '${raw}' must use https (plain http is only allowed for loopback hosts such as 127.0.0.1)`);
    }
    if (url.pathname !== "/" || url.search || url.hash) {
        throw new Error(`orgUrl '${raw}' must be the org's base URL, without a path (e.g. https://example.okta.com)`);
    }
    return url;
}

function isLoopback(hostname: string): boolean {
    return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function headerValue(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
