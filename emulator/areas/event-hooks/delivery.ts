import { randomUUID } from "node:crypto";
import { eventHookHeaders, eventHookWants, isDeliverable, type EventHookRecord } from "./model";
import type { OrgStore } from "../../org/store";
import { logTarget, type LogEvent } from "../logs/system-log";
import { HookHttpClient, type OutboundResult } from "./outbound";
import { verifyEndpoint } from "./verification";

/**
 * Event hook delivery (docs/okta/event-hooks.md#delivery): every System Log event an ACTIVE and VERIFIED hook
 * subscribes to (and that passes the hook's filter) is POSTed to the hook's URI in Okta's envelope, after the API
 * response that caused it. Events queue per hook and leave in batches; a failed POST is retried once (timeouts, network
 * errors and 5xx, not 4xx) with the same `eventId`, and a delivery that still fails is recorded as an
 * `event_hook.delivery` System Log event. The queue is bounded: events beyond it are dropped and the drop is recorded
 * the same way.
 */

export interface EventHookOptions {
    /** Deadline of one outbound request; Okta's is 3 s. */
    timeoutMs?: number;
    /** Pause before the single retry. */
    retryDelayMs?: number;
    /** Events waiting for delivery across all hooks. */
    maxQueuedEvents?: number;
    /** Events per delivery request. */
    maxBatchSize?: number;
}

/** Counters for tests and benchmarks. */
export interface DeliveryStats {
    /** Delivery requests answered with 2xx. */
    delivered: number;
    /** Deliveries that failed after the retry. */
    failed: number;
    /** Retries made. */
    retried: number;
    /** Events dropped because the queue was full. */
    dropped: number;
}

const DEFAULTS: Required<EventHookOptions> = { timeoutMs: 3000, retryDelayMs: 100, maxQueuedEvents: 10_000, maxBatchSize: 50 };

export class EventHookDelivery {
    readonly stats: DeliveryStats = { delivered: 0, failed: 0, retried: 0, dropped: 0 };
    private readonly options: Required<EventHookOptions>;
    private readonly client: HookHttpClient;
    private readonly queues = new Map<string, LogEvent[]>();
    private readonly draining = new Set<string>();
    /** Pending timers and what they run, so closing can run them at once instead of leaving waiters hanging. */
    private readonly timers = new Map<NodeJS.Timeout, () => void>();
    private queued = 0;
    private idleWaiters: (() => void)[] = [];
    private unsubscribe?: () => void;
    private closed = false;

    constructor(
        private readonly store: OrgStore,
        private readonly orgUrl: () => string,
        options: EventHookOptions = {},
    ) {
        this.options = { ...DEFAULTS, ...options };
        this.client = new HookHttpClient(this.options.timeoutMs);
    }

    /** Starts following the System Log. */
    start(): void {
        this.unsubscribe ??= this.store.log.subscribe((event) => this.offer(event));
    }

    /** Resolves once every queued event has been delivered or given up on (retries included). */
    idle(): Promise<void> {
        if (this.isIdle()) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    /** The one-time verification call for a hook. */
    verify(hook: EventHookRecord): Promise<{ ok: true } | { ok: false; reason: string }> {
        return verifyEndpoint(this.client, hook);
    }

    async close(): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.unsubscribe?.();
        await this.client.close();
        for (const [timer, run] of this.timers) {
            clearTimeout(timer);
            this.timers.delete(timer);
            run();
        }
        this.settle();
    }

    /** Called synchronously for every appended event: only queues, never blocks the request that appended it. */
    private offer(event: LogEvent): void {
        if (this.closed) {
            return;
        }
        for (const hook of this.store.eventHooks.values()) {
            if (!isDeliverable(hook) || !eventHookWants(hook, event)) {
                continue;
            }
            if (this.queued >= this.options.maxQueuedEvents) {
                this.stats.dropped++;
                this.later(0, () => this.recordFailure(hook, [event], "The delivery queue is full; the event was dropped"));
                continue;
            }
            let queue = this.queues.get(hook.id);
            if (!queue) {
                queue = [];
                this.queues.set(hook.id, queue);
            }
            queue.push(event);
            this.queued++;
            if (!this.draining.has(hook.id)) {
                this.draining.add(hook.id);
                setImmediate(() => void this.drain(hook.id));
            }
        }
    }

    /** Sends a hook's queued events batch by batch; one request in flight per hook keeps deliveries mostly ordered. */
    private async drain(hookId: string): Promise<void> {
        try {
            const queue = this.queues.get(hookId) ?? [];
            while (queue.length > 0) {
                if (this.closed) {
                    this.queued -= queue.length;
                    queue.length = 0;
                    break;
                }
                const batch = queue.splice(0, this.options.maxBatchSize);
                const hook = this.store.eventHooks.get(hookId);
                // A hook deactivated, unverified or deleted since the events were queued no longer receives them.
                if (hook && isDeliverable(hook)) {
                    await this.deliver(hook, batch);
                }
                this.queued -= batch.length;
            }
            this.queues.delete(hookId);
        } finally {
            this.draining.delete(hookId);
            this.settle();
        }
    }

    private async deliver(hook: EventHookRecord, events: LogEvent[]): Promise<void> {
        const outbound = {
            method: "POST" as const,
            uri: hook.channel.config.uri,
            headers: { ...eventHookHeaders(hook), Accept: "application/json", "Content-Type": "application/json" },
            body: JSON.stringify(this.envelope(hook, events)),
        };
        let result: OutboundResult = await this.client.send(outbound);
        if (!result.ok && result.retryable && !this.closed) {
            this.stats.retried++;
            await new Promise<void>((resolve) => this.later(this.options.retryDelayMs, resolve));
            result = await this.client.send(outbound);
        }
        if (result.ok) {
            this.stats.delivered++;
        } else if (!this.closed) {
            this.stats.failed++;
            this.recordFailure(hook, events, result.reason, result.status);
        }
    }

    /** Okta's delivery envelope (docs/okta/event-hooks.md#delivery-envelope). */
    private envelope(hook: EventHookRecord, events: LogEvent[]): Record<string, unknown> {
        return {
            eventType: "com.okta.event_hook",
            eventTypeVersion: "1.0",
            cloudEventsVersion: "0.1",
            source: `${this.orgUrl()}/api/v1/eventHooks/${hook.id}`,
            eventId: randomUUID(),
            eventTime: new Date().toISOString(),
            contentType: "application/json",
            data: { events },
        };
    }

    private recordFailure(hook: EventHookRecord, events: LogEvent[], reason: string, status?: number): void {
        if (this.closed) {
            return;
        }
        this.store.log.append({
            eventType: "event_hook.delivery",
            displayMessage: "Event hook delivery failed",
            severity: "WARN",
            outcome: { result: "FAILURE", reason },
            target: [logTarget("EventHook", hook.id, hook.channel.config.uri, hook.name)],
            debugData: {
                eventHookId: hook.id,
                eventIds: events.map((e) => e.uuid).join(","),
                ...(status !== undefined ? { responseStatusCode: status } : {}),
            },
        });
    }

    private later(ms: number, run: () => void): void {
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            run();
            this.settle();
        }, ms);
        this.timers.set(timer, run);
    }

    private isIdle(): boolean {
        return this.queued === 0 && this.draining.size === 0 && this.timers.size === 0;
    }

    private settle(): void {
        if (this.isIdle() && this.idleWaiters.length > 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) {
                resolve();
            }
        }
    }
}
