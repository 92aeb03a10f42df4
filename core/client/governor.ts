import { UNLIMITED } from "../okta/rate-limit-buckets";
import { OktaDeadlineError } from "./errors";
import { ServerClock } from "./server-clock";

export interface GovernorOptions {
    /**
     * Most requests in flight at once, across every bucket. Okta allows 75 simultaneous requests per org (35 on
     * Integrator Free), shared by every integration; 16 leaves room for the others.
     */
    maxConcurrency?: number;
    /** Percent (1–100) of each bucket's limit this process may use, leaving the rest to other integrations. */
    capacityPercent?: number;
    /** Most random delay added when waking at a window reset, so that waiting clients do not all fire at once. */
    jitterMs?: number;
    now?: () => number;
    random?: () => number;
}

export const DEFAULT_MAX_CONCURRENCY = 16;
export const DEFAULT_CAPACITY_PERCENT = 100;
const DEFAULT_JITTER_MS = 250;

/** What the governor learns from one response. */
export interface RateLimitObservation {
    status: number;
    headers: Record<string, string | string[] | undefined>;
}

/** The right to send one request; `release` must be called once, with the response when there was one. */
export interface Permit {
    readonly bucket: string;
    /**
     * The request's deadline from here on: the one it asked with, or later when it waited in a line that kept moving
     * (see `acquire`).
     */
    readonly deadline?: number;
    release(observation?: RateLimitObservation): void;
}

/** What the governor knows of one bucket. */
export interface BucketView {
    limit?: number;
    remaining?: number;
    /** Server epoch seconds at which the window ends. */
    reset?: number;
    inFlight: number;
}

export interface GovernorStats {
    /** Requests that had to wait for a window to reset or for a concurrency slot. */
    waited: number;
    rateLimited429: number;
    concurrency429: number;
    /** The concurrency cap now in force (halved on concurrency 429s, regrown on successes). */
    concurrency: number;
}

interface BucketState {
    limit?: number;
    /** Requests we may still send in the current window (estimate; in-flight requests already deducted). */
    remaining?: number;
    /** The lowest X-Rate-Limit-Remaining reported in the current window. */
    lowest?: number;
    /** X-Rate-Limit-Reset of the current window, server epoch seconds. */
    reset?: number;
    jitterMs: number;
    /** True once the local clock says the window is over and no response of the next one has arrived yet. */
    rolled: boolean;
    inFlight: number;
    /** Some response for this bucket has arrived (with or without rate-limit headers). */
    answered: boolean;
}

/** How one request asks for a permit. */
export interface AcquireOptions {
    /**
     * For token requests: not held back by the concurrency cap, only by their bucket. Requests that hold slots may be
     * waiting for the token (an authenticator renews it when a request is sent), so a token request that waited for a
     * slot could wait forever. At most one per connection is in flight (the token cache fetches once for all).
     */
    outsideConcurrencyCap?: boolean;
}

interface Waiter {
    bucket: string;
    deadline?: number;
    outsideConcurrencyCap: boolean;
    queuedAt: number;
    /** The last move of any line the waiter stood in since it was queued (a waiter changes lines as slots free up). */
    lineMovedAt?: number;
    resolve(permit: Permit): void;
    reject(err: Error): void;
}

/** The line a waiter stands in: its bucket's, or, when no request slot is free, the line for slots. */
const SLOT_LINE = "\0slots";

/** Admission: send now, or not before this local time (Infinity: until some response arrives). */
const NOW = 0;

/**
 * Paces every request of a process to one Okta org so that it stays inside Okta's rate limits instead of bouncing
 * off them: it learns each bucket's limit, remaining count and reset from the X-Rate-Limit-* headers, holds requests
 * back when a bucket's window is used up (up to `capacityPercent`) until the window resets by Okta's clock, and caps
 * the requests in flight. Share one per org (see `governorFor`).
 */
export class RateLimitGovernor {
    readonly clock: ServerClock;
    private limits: { maxConcurrency: number; capacityPercent: number };
    private readonly jitterMs: number;
    private readonly now: () => number;
    private readonly random: () => number;
    private readonly buckets = new Map<string, BucketState>();
    /** When each line last moved: a permit granted to one of its waiters (SLOT_LINE: to any waiter). */
    private readonly lineMoved = new Map<string, number>();
    private waiters: Waiter[] = [];
    private inFlight = 0;
    private concurrency: number;
    private successStreak = 0;
    private timer?: NodeJS.Timeout;
    private timerAt = Infinity;
    private readonly counts = { waited: 0, rateLimited429: 0, concurrency429: 0 };

    constructor(options: GovernorOptions = {}) {
        this.limits = validLimits(options);
        this.jitterMs = options.jitterMs ?? DEFAULT_JITTER_MS;
        this.now = options.now ?? Date.now;
        this.random = options.random ?? Math.random;
        this.clock = new ServerClock(this.now);
        this.concurrency = this.maxConcurrency;
    }

    /** Most requests in flight at once (before halving on concurrency 429s). */
    get maxConcurrency(): number {
        return this.limits.maxConcurrency;
    }

    /** Percent of each bucket this process may use. */
    get capacityPercent(): number {
        return this.limits.capacityPercent;
    }

    /** Takes new limits (a client configured anew for the same org); options not given keep their current value. */
    reconfigure(options: Pick<GovernorOptions, "maxConcurrency" | "capacityPercent">): void {
        const before = this.limits.maxConcurrency;
        this.limits = validLimits({ ...this.limits, ...definedOnly(options) });
        // Not reduced by concurrency 429s: take the new cap at once. Reduced: stay reduced, and regrow up to it.
        this.concurrency = this.concurrency === before ? this.maxConcurrency : Math.min(this.concurrency, this.maxConcurrency);
        this.pump();
    }

    /**
     * Waits until a request to `bucket` may be sent. Rejects with OktaDeadlineError when that would pass `deadline`.
     *
     * Waiting in a line that moves does not use the deadline up (docs/okta/rate-limits.md#deadline): a request queued
     * behind this process's own earlier requests to the same bucket (or for a request slot) has, while its line keeps
     * moving, its whole budget (`deadline` less the time it was queued) counted from the line's last move: the last of
     * 10,000 user creates started at once waits about 34 minutes at 300 a minute, and a 10-minute deadline counted from
     * its start would fail it. A line that does not move for a whole budget fails every request in it, as soon as the
     * wait is known to be too long.
     */
    acquire(bucket: string, deadline?: number, options: AcquireOptions = {}): Promise<Permit> {
        return new Promise((resolve, reject) => {
            const outsideConcurrencyCap = options.outsideConcurrencyCap ?? false;
            this.waiters.push({ bucket, deadline, outsideConcurrencyCap, queuedAt: this.now(), resolve, reject });
            this.pump();
        });
    }

    bucket(name: string): BucketView {
        const b = this.buckets.get(name);
        return { limit: b?.limit, remaining: b?.remaining, reset: b?.reset, inFlight: b?.inFlight ?? 0 };
    }

    stats(): GovernorStats {
        return { ...this.counts, concurrency: this.concurrency };
    }

    /** Hands out permits to waiters in arrival order, skipping those whose bucket must wait; arms a timer for the rest. */
    private pump(): void {
        const now = this.now();
        let wake = Infinity;
        const still: Waiter[] = [];
        for (const waiter of this.waiters) {
            const capped = this.inFlight >= this.concurrency && !waiter.outsideConcurrencyCap;
            const at = capped ? Infinity : this.admission(waiter.bucket, now);
            const line = capped ? SLOT_LINE : waiter.bucket;
            const deadline = this.deadlineInLine(waiter, line);
            if (at === NOW) {
                this.grant(waiter, now, deadline);
                continue;
            }
            // A known wake-up after the deadline fails now; an unknown one (Infinity: until a response) may still come.
            if (deadline !== undefined && (now >= deadline || (at !== Infinity && at > deadline))) {
                const bucketUsedUp = at !== Infinity && at > deadline;
                waiter.reject(new OktaDeadlineError(
                    bucketUsedUp
                        ? `rate-limit bucket '${waiter.bucket}' is used up until ${new Date(at).toISOString()}, after the deadline`
                        : `no request slot became free before the deadline`,
                    undefined,
                    bucketUsedUp,
                ));
                continue;
            }
            wake = Math.min(wake, at, deadline ?? Infinity);
            still.push(waiter);
        }
        this.waiters = still;
        if (still.length === 0 && this.timer) {
            // Nothing waits: a pending wake-up must not keep the process alive.
            clearTimeout(this.timer);
            this.timer = undefined;
            this.timerAt = Infinity;
        }
        this.arm(wake, now);
    }

    /** The waiter's deadline, or its whole budget counted from its lines' last move when that is later. */
    private deadlineInLine(waiter: Waiter, line: string): number | undefined {
        const moved = this.lineMoved.get(line);
        if (moved !== undefined && moved > waiter.queuedAt) {
            waiter.lineMovedAt = Math.max(waiter.lineMovedAt ?? moved, moved);
        }
        if (waiter.deadline === undefined || waiter.lineMovedAt === undefined) {
            return waiter.deadline;
        }
        return Math.max(waiter.deadline, waiter.lineMovedAt + (waiter.deadline - waiter.queuedAt));
    }

    private grant(waiter: Waiter, now: number, deadline: number | undefined): void {
        this.lineMoved.set(waiter.bucket, now);
        this.lineMoved.set(SLOT_LINE, now);
        const state = this.state(waiter.bucket);
        state.inFlight++;
        this.inFlight++;
        if (state.remaining !== undefined) {
            state.remaining--;
        }
        if (now > waiter.queuedAt) {
            this.counts.waited++;
        }
        let released = false;
        waiter.resolve({
            bucket: waiter.bucket,
            deadline,
            release: (observation) => {
                if (!released) {
                    released = true;
                    this.release(state, observation);
                }
            },
        });
    }

    /** When a request to this bucket may go: NOW, a local time, or Infinity (when a response tells more). */
    private admission(name: string, now: number): number {
        if (name === UNLIMITED) {
            return NOW;
        }
        const b = this.state(name);
        if (b.limit === undefined || b.remaining === undefined) {
            // Unknown yet: one request goes first to learn the bucket, so a burst cannot overrun a small one.
            // A bucket whose responses carry no rate-limit headers is not held back after that.
            return b.answered || b.inFlight === 0 ? NOW : Infinity;
        }
        const wakeAt = b.reset === undefined ? undefined : this.clock.toLocal(b.reset * 1000) + b.jitterMs;
        if (!b.rolled && wakeAt !== undefined && now >= wakeAt) {
            // The window is over by Okta's clock: assume a full one, less what is still on its way.
            b.rolled = true;
            b.remaining = b.limit - b.inFlight;
        }
        const reserve = b.limit - Math.floor((b.limit * this.capacityPercent) / 100);
        if (b.remaining > reserve) {
            return NOW;
        }
        if (!b.rolled && wakeAt !== undefined) {
            return wakeAt;
        }
        // The next window's numbers are unknown: wait for a response in flight, or send one request to learn them.
        return b.inFlight > 0 ? Infinity : NOW;
    }

    private release(b: BucketState, observation: RateLimitObservation | undefined): void {
        b.inFlight--;
        this.inFlight--;
        if (observation) {
            b.answered = true;
            this.learn(b, observation);
        }
        this.pump();
    }

    private learn(b: BucketState, { status, headers }: RateLimitObservation): void {
        this.clock.observe(header(headers, "date"));
        const limit = integerHeader(headers, "x-rate-limit-limit");
        const remaining = integerHeader(headers, "x-rate-limit-remaining");
        const reset = integerHeader(headers, "x-rate-limit-reset");
        if (status === 429 && limit === 0) {
            // Too many simultaneous requests org-wide (docs/okta/rate-limits.md#concurrency): halve our share; it
            // regrows with successes.
            this.counts.concurrency429++;
            this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
            this.successStreak = 0;
            return;
        }
        if (status < 400 && this.concurrency < this.maxConcurrency && ++this.successStreak >= this.concurrency) {
            this.concurrency++;
            this.successStreak = 0;
        }
        if (status === 429) {
            this.counts.rateLimited429++;
        }
        if (limit === undefined || remaining === undefined || reset === undefined || limit <= 0) {
            return;
        }
        const reported = status === 429 ? 0 : remaining;
        if (b.reset === undefined || reset > b.reset) {
            // A new window.
            b.reset = reset;
            b.limit = limit;
            b.lowest = reported;
            b.rolled = false;
            b.jitterMs = this.random() * this.jitterMs;
        } else if (reset === b.reset && !b.rolled) {
            // The same window: responses overtake each other, so the lowest count seen is the latest.
            b.limit = limit;
            b.lowest = Math.min(b.lowest ?? reported, reported);
        } else if (reset === b.reset && status === 429) {
            // We assumed the window was over, but Okta says it is not (clock estimate off): wait for it again.
            b.rolled = false;
            b.lowest = 0;
        } else {
            return; // The response belongs to an older window than the one we know: nothing to learn.
        }
        // Requests still in flight may not have been counted yet: deduct them all (exact once none is in flight).
        b.remaining = b.lowest - b.inFlight;
    }

    private state(name: string): BucketState {
        let b = this.buckets.get(name);
        if (!b) {
            b = { jitterMs: 0, rolled: false, inFlight: 0, answered: false };
            this.buckets.set(name, b);
        }
        return b;
    }

    private arm(wake: number, now: number): void {
        if (wake === Infinity || wake >= this.timerAt) {
            return;
        }
        clearTimeout(this.timer);
        this.timerAt = wake;
        this.timer = setTimeout(() => {
            this.timerAt = Infinity;
            this.pump();
        }, Math.max(0, wake - now));
    }
}

/** One governor per org in this process, so every client, resource and function shares Okta's budget. */
const byOrg = new Map<string, RateLimitGovernor>();

/** Created with `options` on first use; later options for the same org replace its limits (the latest settings win). */
export function governorFor(orgUrl: URL, options?: GovernorOptions): RateLimitGovernor {
    let governor = byOrg.get(orgUrl.origin);
    if (!governor) {
        governor = new RateLimitGovernor(options);
        byOrg.set(orgUrl.origin, governor);
    } else if (options) {
        governor.reconfigure(options);
    }
    return governor;
}

function validLimits(options: GovernorOptions): { maxConcurrency: number; capacityPercent: number } {
    const maxConcurrency = positiveInteger("maxConcurrency", options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
    const capacityPercent = options.capacityPercent ?? DEFAULT_CAPACITY_PERCENT;
    if (!(capacityPercent > 0 && capacityPercent <= 100)) {
        throw new Error(`capacityPercent must be between 1 and 100, got ${options.capacityPercent}`);
    }
    return { maxConcurrency, capacityPercent };
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function header(headers: RateLimitObservation["headers"], name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

/** A header holding one whole number; anything else (absent, duplicated as `1, 2`, garbage) is unknown. */
function integerHeader(headers: RateLimitObservation["headers"], name: string): number | undefined {
    const raw = header(headers, name);
    return raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}

function positiveInteger(name: string, value: number): number {
    if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${name} must be a whole number of at least 1, got ${value}`);
    }
    return value;
}
