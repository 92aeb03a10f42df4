import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./auth";
import { internalError, OktaHttpError, rateLimited } from "./errors";
import { readBody, requireLength, sendJson, type RequestContext } from "./http";
import { RateLimiter, type RateLimitOptions } from "./rate-limits";
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
import { applySeed, type SeedDocument } from "./seed";
import { OrgStore } from "./store";

export interface EmulatorOptions {
    /** Interface to listen on; loopback by default. */
    host?: string;
    /** Port; 0 picks a free one. */
    port?: number;
    seed?: SeedDocument;
    rateLimits?: RateLimitOptions;
    /** The org authorization server: access token lifetime, clock, DPoP and scope policies. */
    oauth?: OAuthOptions;
    /** Event hook verification and delivery: timeouts, retry pause, queue bound. */
    eventHooks?: EventHookOptions;
    /** Receives one line per request when set. */
    log?: (line: string) => void;
}

/** Route template used for rate limiting requests that match no route. */
const UNMATCHED = "(unmatched)";

/**
 * A local server that speaks Okta's Management API wire format, over an in-memory org.
 */
export class OktaEmulator {
    readonly store = new OrgStore();
    readonly rateLimiter: RateLimiter;
    readonly authorizationServer: AuthorizationServer;
    /** Event hook delivery; `await emulator.hooks.idle()` waits until every pending delivery is done. */
    readonly hooks: EventHookDelivery;
    private readonly router = new Router();
    private server?: Server;
    private base = "";

    constructor(private readonly options: EmulatorOptions = {}) {
        this.rateLimiter = new RateLimiter(options.rateLimits);
        if (options.seed) {
            applySeed(this.store, options.seed);
        }
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

    /** Base URL of the emulated org, e.g. `http://127.0.0.1:4010`. Set once `start` resolves. */
    get url(): string {
        return this.base;
    }

    async start(): Promise<string> {
        const server = createServer((req, res) => {
            this.handle(req, res).catch((err) => {
                // Only reached when writing the response itself failed, e.g. the client went away.
                this.options.log?.(`response failed: ${(err as Error).message}`);
                res.destroy();
            });
        });
        server.keepAliveTimeout = 65_000;
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

    async close(): Promise<void> {
        await this.hooks.close();
        const server = this.server;
        if (!server) {
            return;
        }
        this.server = undefined;
        await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        });
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = randomBytes(15).toString("base64url");
        res.setHeader("X-Okta-Request-Id", requestId);
        const method = req.method ?? "GET";
        const url = new URL(req.url ?? "/", this.base);
        let status = 500;
        try {
            const result = await this.dispatch(req, res, { method, url, requestId });
            status = result.status;
            sendJson(res, result);
        } catch (err) {
            const error = err instanceof OktaHttpError ? err : this.unexpected(err);
            status = error.status;
            sendJson(res, error.toResult());
        } finally {
            this.options.log?.(`${method} ${url.pathname}${url.search} ${status} ${requestId}`);
        }
    }

    private async dispatch(req: IncomingMessage, res: ServerResponse, request: { method: string; url: URL; requestId: string }) {
        const match = this.matchRoute(request.method, request.url.pathname);
        const verdict = this.rateLimiter.take(request.method, match instanceof OktaHttpError ? UNMATCHED : match.template);
        res.setHeader("X-Rate-Limit-Limit", String(verdict.limit));
        res.setHeader("X-Rate-Limit-Remaining", String(verdict.remaining));
        res.setHeader("X-Rate-Limit-Reset", String(verdict.reset));
        if (!verdict.allowed) {
            throw rateLimited();
        }
        if (match instanceof OktaHttpError) {
            throw match;
        }
        const principal = request.url.pathname.startsWith("/api/")
            ? await authenticate({ ...request, headers: req.headers, baseUrl: this.base }, this.store, this.authorizationServer)
            : undefined;
        requireLength(req);
        const ctx: RequestContext = {
            method: request.method,
            params: match.params,
            query: request.url.searchParams,
            url: request.url,
            headers: req.headers,
            baseUrl: this.base,
            requestId: request.requestId,
            rawBody: await readBody(req),
            principal,
        };
        return match.handler(ctx);
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
