import { createServer, maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { authenticate } from "./auth";
import { answerAndClose, rawErrorResponse, refusalOf, type ClientError } from "./bad-http";
import { ControlApi, CONTROL_PREFIX } from "./control";
import { RequestCounters, type RequestOutcome } from "./counters";
import { internalError, OktaHttpError, rateLimited } from "./errors";
import { FaultInjector, type FaultKind, type FaultSettings } from "./faults";
import { readBody, RequestAborted, sendJson, type RequestContext, type RouteResult } from "./http";
import { RequestJournal, type JournalEntry } from "./journal";
import { pathSegments } from "./path-pattern";
import { newRequestId } from "./request-id";
import { RateLimiter, type RateLimitOptions, type RateLimitVerdict } from "./rate-limits";
import { DataFile } from "./persistence/data-file";
import { restoreStore, snapshotStore } from "./persistence/snapshot";
import { AuthorizationServer, type OAuthOptions } from "./oauth/authorization-server";
import { Router, type RouteMatch } from "./router";
import { registerAppRoutes } from "./routes/apps";
import { EventHookDelivery, type EventHookOptions } from "./hooks/delivery";
import { registerEventHookRoutes } from "./routes/event-hooks";
import { registerGroupRoutes } from "./routes/groups";
import { registerPolicyRoutes } from "./routes/policies";
import { registerOAuthRoutes } from "./routes/oauth";
import { registerLogRoutes } from "./routes/logs";
import { registerUserAreaRoutes } from "./routes/user-area";
import { applySeed, seedCredentials, type SeedDocument } from "./seed";
import { OrgStore } from "./store";

export interface EmulatorOptions {
    /** Interface to listen on; loopback by default. */
    host?: string;
    /** Port; 0 picks a free one. */
    port?: number;
    seed?: SeedDocument;
    rateLimits?: RateLimitOptions;
    /** Faults to inject from the start (see faults.ts); also settable through the control API. */
    faults?: FaultSettings;
    /** Token of the control API under `/__emulator/`; the control API is off without one. */
    controlToken?: string;
    /**
     * Shifts the emulator's clock (rate-limit windows, `X-Rate-Limit-Reset` and `Date`) by this many ms, to test that
     * clients read the reset time by the server's clock rather than their own.
     */
    clockSkewMs?: number;
    /** The org authorization server: access token lifetime, clock, DPoP and scope policies. */
    oauth?: OAuthOptions;
    /** Event hook verification and delivery: timeouts, retry pause, queue bound. */
    eventHooks?: EventHookOptions;
    /** Receives one line per request when set. */
    log?: (line: string) => void;
    /**
     * Keeps the org in this JSON file across restarts (`--data-file`): loaded at start when it exists (then the
     * seed only contributes its tokens), written atomically before a change is answered, and on close. In memory only
     * when unset.
     */
    dataFile?: string;
    /**
     * How long a save of the data file waits for more changes to share it, in ms (default 0: it starts as soon as the
     * current event-loop turn ends). Answers always wait for the save that covers their change.
     */
    saveDelayMs?: number;
}

/** Methods that never change the org, so their answers do not wait for a save of the data file. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What a request gets: a response, or no answer at all (connection dropped by a fault, or the client left). */
type Reply = RouteResult | "dropped" | "aborted";

/** A request to the Management API as the pipeline knows it before reading its body. */
interface RouteRequest {
    method: string;
    url: URL;
    requestId: string;
    parts: string[];
    match: RouteMatch | OktaHttpError;
    entry?: JournalEntry;
}

/** What is learnt about a request while it is handled. */
interface Progress {
    fault?: FaultKind;
    /** A route handler ran, so a mutating request may have changed the org. */
    handled: boolean;
}

/** Route template used for rate limiting requests that match no route. */
const UNMATCHED = "(unmatched)";

/**
 * A local server that speaks Okta's Management API wire format, over an in-memory org.
 */
export class OktaEmulator {
    readonly store = new OrgStore();
    readonly rateLimiter: RateLimiter;
    readonly faults: FaultInjector;
    readonly counters = new RequestCounters();
    readonly journal = new RequestJournal();
    /** Token of the control API; `undefined` turns it off. */
    controlToken?: string;
    private readonly control: ControlApi;
    readonly authorizationServer: AuthorizationServer;
    /** Event hook delivery; `await emulator.hooks.idle()` waits until every pending delivery is done. */
    readonly hooks: EventHookDelivery;
    private readonly router = new Router();
    private server?: Server;
    private base = "";
    private readonly dataFile?: DataFile;
    /** The request each connection is on (the latest one), for answering what the HTTP parser refuses. */
    private readonly current = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
    /** Requests whose broken body the HTTP parser refused (answered on the socket): their status, for the counters. */
    private readonly refusedByParser = new WeakMap<IncomingMessage, number>();

    /** Throws DataFileError when `dataFile` exists but cannot be loaded. */
    constructor(private readonly options: EmulatorOptions = {}) {
        const skew = options.clockSkewMs ?? 0;
        this.rateLimiter = new RateLimiter(options.rateLimits, skew === 0 ? Date.now : () => Date.now() + skew);
        this.faults = new FaultInjector(options.faults);
        this.controlToken = options.controlToken;
        this.control = new ControlApi(this, () => this.controlToken);
        if (options.dataFile) {
            this.dataFile = new DataFile(options.dataFile, this.store, { delayMs: options.saveDelayMs, log: options.log });
        }
        const restored = this.dataFile?.load() ?? false;
        // Even without a seed the org has its super administrator (emulator/seed-admin.ts).
        const seed = options.seed ?? {};
        applySeed(this.store, restored ? seedCredentials(seed) : seed);
        // Background changes (event hook deliveries, ...) show up in the System Log.
        this.store.log.subscribe(() => this.dataFile?.changed());
        this.authorizationServer = new AuthorizationServer(this.store, options.oauth);
        registerGroupRoutes(this.router, this.store);
        registerAppRoutes(this.router, this.store);
        registerPolicyRoutes(this.router, this.store);
        registerOAuthRoutes(this.router, this.authorizationServer);
        this.hooks = new EventHookDelivery(this.store, () => this.base, options.eventHooks);
        this.hooks.start();
        registerEventHookRoutes(this.router, this.store, this.hooks);
        registerLogRoutes(this.router, this.store);
        registerUserAreaRoutes(this.router, this.store);
    }

    /**
     * Puts the org back to its seed. The store object stays the same (routes hold it); its contents are replaced by
     * those of a freshly seeded store, whatever collections other modules have added to it.
     */
    resetOrg(): void {
        const fresh = new OrgStore();
        applySeed(fresh, this.options.seed ?? {});
        // Into the live store's own objects (not new ones), so what listens to them keeps working: event hook
        // delivery and the data file subscribe to the System Log.
        restoreStore(this.store, snapshotStore(fresh));
        // Tokens are not part of the snapshot: the ones the seed gives an owner follow that owner's new id.
        for (const [token, record] of fresh.apiTokens) {
            const live = this.store.apiTokens.get(token);
            if (live) {
                live.ownerId = record.ownerId;
            }
        }
        this.dataFile?.changed();
    }

    /** Base URL of the emulated org, e.g. `http://127.0.0.1:4010`. Set once `start` resolves. */
    get url(): string {
        return this.base;
    }

    /** Every (method, route template) the emulator serves. */
    routes(): { method: string; template: string }[] {
        return this.router.list();
    }

    async start(): Promise<string> {
        const server = createServer((req, res) => {
            this.current.set(req.socket, { req, res });
            this.handle(req, res).catch((err) => {
                // Only reached when writing the response itself failed, e.g. the client went away.
                this.options.log?.(`response failed: ${(err as Error).message}`);
                res.destroy();
            });
        });
        server.keepAliveTimeout = 65_000;
        server.on("clientError", (err: ClientError, socket: Socket) => this.refuse(err, socket, maxHeaderSize));
        this.server = server;
        const host = this.options.host ?? "127.0.0.1";
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(this.options.port ?? 0, host, () => resolve());
        });
        const { port } = server.address() as AddressInfo;
        this.base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
        return this.base;
    }

    /** Stops listening, then writes any unsaved change to the data file. */
    async close(): Promise<void> {
        await this.hooks.close();
        const server = this.server;
        this.server = undefined;
        if (server) {
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
        }
        await this.dataFile?.flush();
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = newRequestId();
        res.setHeader("X-Okta-Request-Id", requestId);
        if (this.options.clockSkewMs) {
            res.setHeader("Date", new Date(Date.now() + this.options.clockSkewMs).toUTCString());
        }
        const method = req.method ?? "GET";
        const url = new URL(req.url ?? "/", this.base);
        if (url.pathname.startsWith(CONTROL_PREFIX)) {
            return this.handleControl(req, res, { method, url, requestId });
        }
        const parts = pathSegments(url.pathname);
        const match = this.matchRoute(method, url.pathname);
        const template = match instanceof OktaHttpError ? UNMATCHED : match.template;
        this.counters.countRequest(method, template);
        const entry = this.journal.record({ requestId, method, path: url.pathname + url.search, template }, req.headers);
        let outcome: RequestOutcome = 500;
        const progress: Progress = { handled: false };
        const busy = this.rateLimiter.enter();
        try {
            let reply = await this.reply(req, res, { method, url, requestId, parts, match, entry }, busy, progress);
            if (progress.handled && !SAFE_METHODS.has(method)) {
                reply = await this.whenSaved(reply);
            }
            outcome = deliver(req, res, reply, progress.fault);
        } finally {
            if (!busy) {
                this.rateLimiter.leave();
            }
            outcome = this.refusedByParser.get(req) ?? outcome;
            this.counters.countOutcome(outcome);
            if (entry) {
                entry.outcome = outcome;
            }
            this.options.log?.(`${method} ${url.pathname}${url.search} ${outcome} ${requestId}`);
        }
    }

    /** The answer to a request, errors included; nothing is sent yet. */
    private async reply(
        req: IncomingMessage,
        res: ServerResponse,
        request: RouteRequest,
        busy: RateLimitVerdict | undefined,
        progress: Progress,
    ): Promise<Reply> {
        try {
            if (busy) {
                setRateLimitHeaders(res, busy);
                throw rateLimited();
            }
            const decision = this.faults.decide(request.method, request.parts);
            progress.fault = decision.kind;
            if (request.entry && decision.kind) {
                request.entry.fault = decision.kind;
            }
            if (decision.latencyMs > 0) {
                await delay(decision.latencyMs);
            }
            if (decision.kind === "drop") {
                return "dropped";
            }
            return await this.dispatch(req, res, { ...request, fault: decision.kind }, progress);
        } catch (err) {
            if (err instanceof RequestAborted) {
                return "aborted";
            }
            const error = err instanceof OktaHttpError ? err : this.unexpected(err);
            if (request.entry && request.entry.body === undefined) {
                await journalBody(req, request.entry);
            }
            return error.toResult();
        }
    }

    /**
     * The reply once the org, with this request's change, is on disk (docs/emulator.md#durable-writes). When the
     * save fails the change is only in memory, so the client gets a 500 rather than an acknowledgement.
     */
    private async whenSaved(reply: Reply): Promise<Reply> {
        if (!this.dataFile) {
            return reply;
        }
        try {
            await this.dataFile.commit();
            return reply;
        } catch {
            return reply === "aborted" || reply === "dropped" ? reply : internalError().toResult();
        }
    }

    /**
     * Answers what Node's HTTP parser refused with Okta's error body, where the connection still allows an answer
     * (docs/emulator.md#requests-the-http-parser-refuses).
     */
    private refuse(err: ClientError, socket: Socket, maxHeaderSize: number): void {
        const refusal = refusalOf(err, maxHeaderSize);
        if (!refusal || !socket.writable || refused.has(socket)) {
            socket.destroy();
            return;
        }
        refused.add(socket);
        const response = rawErrorResponse(refusal);
        this.options.log?.(`refused by the HTTP parser: ${err.code} ${refusal.status}`);
        const current = this.current.get(socket);
        if (current && !current.req.complete) {
            // The broken part is the body of the request being handled; its handler will find the client gone.
            if (current.res.headersSent) {
                socket.destroy();
                return;
            }
            this.refusedByParser.set(current.req, refusal.status);
            answerAndClose(socket, response);
            return;
        }
        this.counters.countUnparsed(refusal.status);
        if (current && !current.res.writableFinished) {
            // A later request on this connection is broken; the one being answered goes first.
            current.res.once("finish", () => answerAndClose(socket, response));
            current.res.once("close", () => socket.destroySoon());
            return;
        }
        answerAndClose(socket, response);
    }

    private async dispatch(
        req: IncomingMessage,
        res: ServerResponse,
        request: RouteRequest & { fault?: FaultKind },
        progress: Progress,
    ): Promise<RouteResult> {
        const { match, fault } = request;
        const bucket = this.rateLimiter.bucketFor(request.method, request.parts);
        const limited = bucket && bucket.limit !== null ? { name: bucket.name, limit: bucket.limit } : undefined;
        const token = credentialOf(req);
        if (fault && fault !== "drop" && fault !== "lose") {
            // An injected error never reached the bucket; its headers say how the bucket stands.
            if (limited) {
                const verdict = this.rateLimiter.peek(limited, token);
                setRateLimitHeaders(res, fault === "429" ? { ...verdict, remaining: 0 } : verdict);
            }
            return injectedError(fault);
        }
        if (limited) {
            const verdict = this.rateLimiter.take(limited, token);
            setRateLimitHeaders(res, verdict);
            if (!verdict.allowed) {
                throw rateLimited();
            }
        }
        if (match instanceof OktaHttpError) {
            throw match;
        }
        const principal = request.url.pathname.startsWith("/api/")
            ? await authenticate(
                  { method: request.method, url: request.url, headers: req.headers, baseUrl: this.base },
                  this.store,
                  this.authorizationServer,
              )
            : undefined;
        // No 411 for a POST or PUT without a length: Okta accepts body-less calls (docs/okta/http.md#length-required).
        const rawBody = await readBody(req);
        if (request.entry && rawBody.length > 0) {
            request.entry.body = rawBody.toString("base64");
        }
        const ctx: RequestContext = {
            method: request.method,
            params: match.params,
            query: request.url.searchParams,
            url: request.url,
            headers: req.headers,
            baseUrl: this.base,
            requestId: request.requestId,
            rawBody,
            principal,
        };
        progress.handled = true;
        return match.handler(ctx);
    }

    private async handleControl(req: IncomingMessage, res: ServerResponse, request: { method: string; url: URL; requestId: string }) {
        let reply: Reply;
        try {
            reply = await this.control.handle({
                method: request.method,
                query: request.url.searchParams,
                url: request.url,
                headers: req.headers,
                baseUrl: this.base,
                requestId: request.requestId,
                rawBody: await readBody(req),
            });
        } catch (err) {
            if (err instanceof RequestAborted) {
                return;
            }
            reply = (err instanceof OktaHttpError ? err : this.unexpected(err)).toResult();
        }
        // An org reset is answered once the reset org is on disk, like any change.
        deliver(req, res, SAFE_METHODS.has(request.method) ? reply : await this.whenSaved(reply));
    }

    /** The route, or the 404/405 to answer with (after the request has been counted against a bucket). */
    private matchRoute(method: string, pathname: string): RouteMatch | OktaHttpError {
        try {
            return this.router.match(method, pathname);
        } catch (err) {
            if (err instanceof OktaHttpError) {
                return err;
            }
            throw err;
        }
    }

    private unexpected(err: unknown): OktaHttpError {
        this.options.log?.(`internal error: ${(err as Error).stack ?? String(err)}`);
        return internalError();
    }
}

function setRateLimitHeaders(res: ServerResponse, verdict: RateLimitVerdict): void {
    res.setHeader("X-Rate-Limit-Limit", String(verdict.limit));
    res.setHeader("X-Rate-Limit-Remaining", String(verdict.remaining));
    res.setHeader("X-Rate-Limit-Reset", String(verdict.reset));
}

/** The credential a request presents (scheme removed), to count it against its token's share of a bucket. */
function credentialOf(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (!header) {
        return undefined;
    }
    const space = header.indexOf(" ");
    return space < 0 ? header : header.slice(space + 1).trim();
}

/** A refused request's body was never read; the journal still shows what the client sent. */
async function journalBody(req: IncomingMessage, entry: JournalEntry): Promise<void> {
    try {
        const body = await readBody(req);
        if (body.length > 0) {
            entry.body = body.toString("base64");
        }
    } catch {
        // Too large or the connection broke: the entry keeps no body.
    }
}

/** Connections already answered after a parser error (Node may report more errors for the bytes that follow). */
const refused = new WeakSet<Socket>();

/** Sends a reply, or closes the connection without one (a dropped or lost response); returns the outcome. */
function deliver(req: IncomingMessage, res: ServerResponse, reply: Reply, fault?: FaultKind): RequestOutcome {
    if (reply === "aborted") {
        return "aborted";
    }
    if (reply === "dropped" || fault === "lose") {
        // A lost response: the request was handled (the change is applied), the answer never arrives.
        req.socket.destroy();
        return "dropped";
    }
    sendResult(res, reply);
    return reply.status;
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

/** Sends a route result: JSON, or a text body when the route gave a string with its own Content-Type. */
function sendResult(res: ServerResponse, result: RouteResult): void {
    if (typeof result.body === "string" && result.headers?.["Content-Type"]) {
        for (const [name, value] of Object.entries(result.headers)) {
            res.setHeader(name, value);
        }
        res.statusCode = result.status;
        res.setHeader("Content-Length", Buffer.byteLength(result.body));
        res.end(result.body);
        return;
    }
    sendJson(res, result);
}
