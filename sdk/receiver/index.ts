import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OktaLogEvent } from "../../core/okta/types";

/**
 * The event hook trigger: a Node HTTP request handler for an Okta event hook's URL. It answers Okta's one-time
 * verification challenge, checks the hook's auth header on every delivery, and hands each System Log event of a
 * delivery to typed handlers, oldest first, once (Okta delivers at least once: repeated deliveries are recognised by
 * `eventId` and acknowledged without running the handlers again).
 *
 * ```ts
 * const receiver = createEventHookReceiver({
 *     authorization: { key: "Authorization", value: process.env.HOOK_SECRET! },
 *     on: { "user.lifecycle.create": (event) => console.log("new user", event.target?.[0]?.alternateId) },
 * });
 * http.createServer(receiver).listen(8080);
 * ```
 *
 * Usable on its own (`http.createServer(receiver)`), inside a server (`if (req.url === "/okta") return receiver(req,
 * res)`), or as Express middleware (a body already parsed by `express.json()` is used as is).
 */

/** Okta's delivery envelope (a CloudEvents 0.1 shape). */
export interface EventHookDelivery {
    eventType: "com.okta.event_hook";
    eventTypeVersion: string;
    cloudEventsVersion: string;
    /** The hook's URL on the org (docs/okta/event-hooks.md#the-delivery-envelope). */
    source: string;
    /** Unique per delivery; a retried delivery repeats it. */
    eventId: string;
    eventTime: string;
    contentType: string;
    data: { events: OktaLogEvent[] };
}

/** System Log event types commonly subscribed to; any other string is accepted too. */
export type KnownEventType =
    | "user.lifecycle.create"
    | "user.lifecycle.activate"
    | "user.lifecycle.deactivate"
    | "user.lifecycle.suspend"
    | "user.lifecycle.unsuspend"
    | "user.lifecycle.delete.initiated"
    | "user.account.update_profile"
    | "user.account.lock"
    | "user.account.unlock"
    | "user.account.reset_password"
    | "user.session.clear"
    | "group.user_membership.add"
    | "group.user_membership.remove"
    | "application.user_membership.add"
    | "application.user_membership.remove"
    | "event_hook.verified";

/** An event whose `eventType` is known to be `E`. */
export type LogEventOf<E extends string> = OktaLogEvent & { eventType: E };

export type EventHandler<E extends string = string> = (event: LogEventOf<E>, delivery: EventHookDelivery) => void | Promise<void>;

export interface EventHookReceiverOptions {
    /**
     * The hook's `authScheme`: Okta sends `<key>: <value>` with every delivery, and a delivery without the right value
     * is refused with 401. Required unless `allowUnauthenticated` is set.
     */
    authorization?: { key?: string; value: string };
    /** Accept deliveries without checking any header (for local experiments only). */
    allowUnauthenticated?: boolean;
    /** Handlers by event type. */
    on?: { [E in KnownEventType]?: EventHandler<E> } & { [eventType: string]: EventHandler<any> | undefined };
    /** Called for every event, after the handler for its type. */
    onEvent?: EventHandler;
    /** Called once per accepted (not repeated) delivery, after its events were handled. */
    onDelivery?: (delivery: EventHookDelivery) => void | Promise<void>;
    /** Told about refused requests and failed handlers (never given the auth value). */
    onError?: (error: Error) => void;
    /** Largest body accepted (default 5 MiB); larger ones get 413. */
    maxBodyBytes?: number;
    /** How many recent delivery ids are remembered to recognise Okta's retries (default 10,000). */
    rememberDeliveries?: number;
}

/** `(req, res) => Promise<void>`, usable wherever Node's request listener is. */
export type EventHookReceiver = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const CHALLENGE_HEADER = "x-okta-verification-challenge";
const DEFAULT_MAX_BODY = 5 * 1024 * 1024;

export function createEventHookReceiver(options: EventHookReceiverOptions): EventHookReceiver {
    if (!options.authorization && !options.allowUnauthenticated) {
        throw new Error("createEventHookReceiver needs `authorization` (the hook's auth header), or `allowUnauthenticated: true`");
    }
    if (options.authorization && !options.authorization.value) {
        throw new Error("createEventHookReceiver: `authorization.value` must not be empty");
    }
    const authorized = options.authorization ? headerCheck(options.authorization) : () => true;
    const recent = new RecentIds(options.rememberDeliveries ?? 10_000);
    const inFlight = new Map<string, Promise<void>>();
    const report = (error: Error) => options.onError?.(error);

    return async (req, res) => {
        try {
            if (req.method === "GET") {
                return answerChallenge(req, res);
            }
            if (req.method !== "POST") {
                return reply(res, 405, { error: "only GET (verification) and POST (delivery) are accepted" }, { Allow: "GET, POST" });
            }
            if (!authorized(req)) {
                report(new Error("event hook delivery refused: missing or wrong auth header"));
                return reply(res, 401, { error: "unauthorized" });
            }
            const body = await readJson(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
            const delivery = asDelivery(body);
            if (recent.has(delivery.eventId)) {
                return reply(res, 200);
            }
            // A retry can arrive while the first attempt is still being handled (Okta waits 3 s): share its outcome.
            let handling = inFlight.get(delivery.eventId);
            if (!handling) {
                handling = handle(delivery, options).finally(() => inFlight.delete(delivery.eventId));
                inFlight.set(delivery.eventId, handling);
                await handling;
                recent.add(delivery.eventId);
            } else {
                await handling;
            }
            return reply(res, 200);
        } catch (err) {
            const error = err as Error & { status?: number };
            report(error);
            // A handler failure answers 500 so that Okta retries; refused input answers 4xx so that it does not.
            return reply(res, error.status ?? 500, { error: error.status ? error.message : "event handler failed" });
        }
    };
}

/** Okta's verification: echo the challenge as `{"verification": ...}`. */
function answerChallenge(req: IncomingMessage, res: ServerResponse): void {
    const challenge = req.headers[CHALLENGE_HEADER];
    const value = Array.isArray(challenge) ? challenge[0] : challenge;
    if (!value) {
        return reply(res, 400, { error: `a GET must carry the ${CHALLENGE_HEADER} header` });
    }
    reply(res, 200, { verification: value });
}

async function handle(delivery: EventHookDelivery, options: EventHookReceiverOptions): Promise<void> {
    // Okta may batch several events and does not promise their order.
    const events = [...delivery.data.events].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
    for (const event of events) {
        await options.on?.[event.eventType]?.(event, delivery);
        await options.onEvent?.(event, delivery);
    }
    await options.onDelivery?.(delivery);
}

function headerCheck(auth: { key?: string; value: string }): (req: IncomingMessage) => boolean {
    const name = (auth.key ?? "Authorization").toLowerCase();
    const expected = digest(auth.value);
    return (req) => {
        const received = req.headers[name];
        const value = Array.isArray(received) ? received[0] : received;
        return value !== undefined && timingSafeEqual(digest(value), expected);
    };
}

function digest(value: string): Buffer {
    return createHash("sha256").update(value, "utf8").digest();
}

class RequestError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
    const parsed = (req as IncomingMessage & { body?: unknown }).body;
    if (parsed !== undefined && typeof parsed === "object" && !Buffer.isBuffer(parsed)) {
        return parsed;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
            throw new RequestError(413, `delivery larger than ${maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
    }
    try {
        return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
        throw new RequestError(400, "delivery body is not JSON");
    }
}

function asDelivery(body: unknown): EventHookDelivery {
    const envelope = body as Partial<EventHookDelivery> | null;
    if (typeof envelope !== "object" || envelope === null || typeof envelope.eventId !== "string") {
        throw new RequestError(400, "not an Okta event hook delivery (no eventId)");
    }
    if (envelope.eventType !== "com.okta.event_hook") {
        throw new RequestError(400, `not an Okta event hook delivery (eventType '${String(envelope.eventType)}')`);
    }
    const events = envelope.data?.events;
    if (!Array.isArray(events) || events.some((e) => typeof e !== "object" || e === null || typeof e.eventType !== "string")) {
        throw new RequestError(400, "delivery has no data.events list of System Log events");
    }
    return envelope as EventHookDelivery;
}

function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    for (const [name, value] of Object.entries(headers)) {
        res.setHeader(name, value);
    }
    res.statusCode = status;
    if (body === undefined) {
        res.end();
        return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(body));
}

/** A bounded set of the most recent delivery ids. */
class RecentIds {
    private readonly ids = new Set<string>();
    constructor(private readonly capacity: number) {}

    has(id: string): boolean {
        return this.ids.has(id);
    }

    add(id: string): void {
        this.ids.add(id);
        if (this.ids.size > this.capacity) {
            this.ids.delete(this.ids.values().next().value as string);
        }
    }
}
