import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request an event hook receiver got. */
export interface ReceivedRequest {
    method: string;
    path: string;
    headers: IncomingHttpHeaders;
    body: string;
    json?: any;
}

/** How the receiver answers one request; the default echoes verification challenges and answers POSTs with 200. */
export type ReceiverReply = (request: ReceivedRequest, res: ServerResponse) => void;

export const echoChallenge: ReceiverReply = (request, res) => {
    if (request.method === "GET") {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ verification: request.headers["x-okta-verification-challenge"] }));
    } else {
        res.end();
    }
};

export const replyStatus =
    (status: number): ReceiverReply =>
    (_request, res) => {
        res.statusCode = status;
        res.end();
    };

/** Holds the request open until the test releases it. */
export function holdUntil(release: Promise<void>, then: ReceiverReply = echoChallenge): ReceiverReply {
    return (request, res) => {
        release.then(() => then(request, res));
    };
}

/**
 * A real HTTP server on 127.0.0.1 standing in for an event hook endpoint. It records every request; replies come
 * from a queue of one-shot behaviours, then from the default.
 */
export class HookReceiver {
    readonly requests: ReceivedRequest[] = [];
    private readonly queue: ReceiverReply[] = [];
    private readonly waiters: { count: number; resolve: () => void }[] = [];
    private server?: Server;
    url = "";

    constructor(private fallback: ReceiverReply = echoChallenge) {}

    async start(pathname = "/okta/events"): Promise<this> {
        const server = createServer((req, res) => this.handle(req, res));
        this.server = server;
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathname}`;
        return this;
    }

    /** The next requests get these replies, in order. */
    replyNext(...replies: ReceiverReply[]): void {
        this.queue.push(...replies);
    }

    replyAlways(reply: ReceiverReply): void {
        this.fallback = reply;
    }

    /** Resolves once `count` requests have arrived in total. */
    received(count: number): Promise<void> {
        if (this.requests.length >= count) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.waiters.push({ count, resolve }));
    }

    posts(): ReceivedRequest[] {
        return this.requests.filter((r) => r.method === "POST");
    }

    async close(): Promise<void> {
        const server = this.server;
        if (server) {
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
        }
    }

    private handle(req: IncomingMessage, res: ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            const request: ReceivedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
            try {
                request.json = body ? JSON.parse(body) : undefined;
            } catch {
                request.json = undefined;
            }
            this.requests.push(request);
            for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve();
            }
            (this.queue.shift() ?? this.fallback)(request, res);
        });
    }
}
