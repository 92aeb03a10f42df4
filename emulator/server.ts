import { createServer, maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { EventHookDelivery, type EventHookOptions } from "./areas/event-hooks/delivery";
import { AuthorizationServer, type OAuthOptions } from "./areas/oauth/authorization-server";
import { DataFile } from "./org/persistence/data-file";
import { restoreStore, snapshotStore } from "./org/persistence/snapshot";
import { registerAreaRoutes } from "./org/routes";
import { applySeed, seedCredentials, type SeedDocument } from "./org/seed";
import { OrgStore } from "./org/store";
import { ControlApi } from "./pipeline/control";
import { RequestCounters } from "./pipeline/counters";
import { runSteps, type Exchange, type PipelineServices } from "./pipeline/exchange";
import { FaultInjector, type FaultSettings } from "./pipeline/faults";
import { RequestJournal } from "./pipeline/journal";
import { RateLimiter, type RateLimitOptions } from "./pipeline/rate-limits";
import { PIPELINE } from "./pipeline/steps";
import { answerAndClose, rawErrorResponse, refusalOf, type ClientError } from "./platform/bad-http";
import { OktaHttpError } from "./platform/errors";
import { pathSegments } from "./platform/path-pattern";
import { newRequestId } from "./platform/request-id";
import { Router, type RouteMatch } from "./platform/router";

export interface EmulatorOptions {
    /** Interface to listen on; loopback by default. */
    host?: string;
    /** Port; 0 picks a free one. */
    port?: number;
    seed?: SeedDocument;
    rateLimits?: RateLimitOptions;
    /** Faults to inject from the start (see pipeline/faults.ts); also settable through the control API. */
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
    /** What the request pipeline's steps use of this emulator. */
    private readonly services: PipelineServices;

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
        // Even without a seed the org has its super administrator (emulator/areas/users/seed-admin.ts).
        const seed = options.seed ?? {};
        applySeed(this.store, restored ? seedCredentials(seed) : seed);
        // Background changes (event hook deliveries, ...) show up in the System Log.
        this.store.log.subscribe(() => this.dataFile?.changed());
        this.authorizationServer = new AuthorizationServer(this.store, options.oauth);
        this.hooks = new EventHookDelivery(this.store, () => this.base, options.eventHooks);
        this.hooks.start();
        registerAreaRoutes(this.router, this.store, { authorizationServer: this.authorizationServer, hooks: this.hooks });
        this.services = this.pipelineServices();
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

    private pipelineServices(): PipelineServices {
        return {
            store: this.store,
            counters: this.counters,
            journal: this.journal,
            faults: this.faults,
            rateLimiter: this.rateLimiter,
            authorizationServer: this.authorizationServer,
            control: this.control,
            dataFile: this.dataFile,
            baseUrl: () => this.base,
            refusedStatus: (req) => this.refusedByParser.get(req),
            log: this.options.log,
        };
    }

    /** Runs the request through the pipeline (pipeline/steps/index.ts), which answers it. */
    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = newRequestId();
        res.setHeader("X-Okta-Request-Id", requestId);
        if (this.options.clockSkewMs) {
            res.setHeader("Date", new Date(Date.now() + this.options.clockSkewMs).toUTCString());
        }
        const method = req.method ?? "GET";
        const url = new URL(req.url ?? "/", this.base);
        const match = this.matchRoute(method, url.pathname);
        const exchange: Exchange = {
            req,
            res,
            services: this.services,
            method,
            url,
            requestId,
            parts: pathSegments(url.pathname),
            match,
            template: match instanceof OktaHttpError ? UNMATCHED : match.template,
            handled: false,
            outcome: 500,
        };
        await runSteps(PIPELINE, exchange);
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
}

/** Connections already answered after a parser error (Node may report more errors for the bytes that follow). */
const refused = new WeakSet<Socket>();
