import { compilePathPattern, matchesPath, type PathPattern } from "../platform/path-pattern";

/**
 * Fault injection, to test clients against the failures real networks and real Okta produce:
 * - `500`, `501`, `502`, `503`, `429`: an error response instead of handling the request (nothing changes);
 * - `drop`: the connection is destroyed without a response, before the request is handled (nothing changes);
 * - `lose`: the request is handled (the change is applied), then the connection is destroyed without a response;
 * - `latencyMs`: the answer is delayed.
 */
export const FAULT_KINDS = ["drop", "lose", "500", "501", "502", "503", "429"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
    /** Method to match; every method when omitted or `*`. */
    method?: string;
    /** Path pattern: `*` or `:name` for one segment, a trailing `/**` for everything below (path-pattern.ts). */
    path: string;
    /** Probability (0 to 1) of each fault; they are exclusive and their sum must not exceed 1. */
    probabilities?: Partial<Record<FaultKind, number>>;
    /** Delay added before the request is handled, in ms. */
    latencyMs?: number;
    /** The rule affects at most this many requests, then stops matching (deterministic tests). */
    times?: number;
}

export interface FaultSettings {
    /** Seed of the random source; the same seed and the same request sequence inject the same faults. */
    seed?: number;
    rules: FaultRule[];
}

/** What to do to one request. */
export interface FaultDecision {
    kind?: FaultKind;
    latencyMs: number;
}

interface CompiledFault {
    rule: FaultRule;
    method?: string;
    pattern: PathPattern;
    remaining: number;
}

const NO_FAULT: FaultDecision = { latencyMs: 0 };

export class FaultInjector {
    private rules: CompiledFault[] = [];
    private seed = 0;
    private random: () => number = Math.random;
    /** Faults injected so far, by kind. */
    readonly injected: Record<FaultKind, number> = emptyCounts();

    constructor(settings?: FaultSettings) {
        this.configure(settings ?? { rules: [] });
    }

    /** Replaces every rule; restarts the random sequence from `seed` (a fresh random seed when omitted). */
    configure(settings: FaultSettings): FaultSettings {
        if (!Array.isArray(settings.rules)) {
            throw new Error("faults: 'rules' must be a list");
        }
        const compiled = settings.rules.map((rule, i) => compileRule(rule, `rules[${i}]`));
        const seed = settings.seed ?? Math.floor(Math.random() * 2 ** 32);
        assertSeed(seed);
        this.seed = seed;
        this.random = mulberry32(seed);
        this.rules = compiled;
        return this.current();
    }

    add(rule: FaultRule): FaultSettings {
        this.rules.push(compileRule(rule, "rule"));
        return this.current();
    }

    current(): FaultSettings {
        return { seed: this.seed, rules: this.rules.map((r) => ({ ...r.rule, times: Number.isFinite(r.remaining) ? r.remaining : undefined })) };
    }

    clear(): void {
        this.rules = [];
    }

    resetCounts(): void {
        Object.assign(this.injected, emptyCounts());
    }

    /**
     * Decides the fate of one request. Every matching rule adds its latency; the first matching rule with
     * probabilities draws the fault, so a specific rule listed before a catch-all replaces it rather than adding to it
     * (first match wins, as in a firewall).
     */
    decide(method: string, parts: string[]): FaultDecision {
        if (this.rules.length === 0) {
            return NO_FAULT;
        }
        let latencyMs = 0;
        let kind: FaultKind | undefined;
        let drew = false;
        for (const fault of this.rules) {
            if (fault.remaining <= 0 || (fault.method !== undefined && fault.method !== method) || !matchesPath(fault.pattern, parts)) {
                continue;
            }
            const drawn = drew || !fault.rule.probabilities ? undefined : this.draw(fault.rule);
            drew ||= fault.rule.probabilities !== undefined;
            const latency = fault.rule.latencyMs ?? 0;
            if (drawn === undefined && latency === 0) {
                continue;
            }
            fault.remaining--;
            latencyMs += latency;
            kind ??= drawn;
        }
        if (kind !== undefined) {
            this.injected[kind]++;
        }
        return { kind, latencyMs };
    }

    private draw(rule: FaultRule): FaultKind | undefined {
        const probabilities = rule.probabilities;
        if (!probabilities) {
            return undefined;
        }
        let r = this.random();
        for (const kind of FAULT_KINDS) {
            const p = probabilities[kind] ?? 0;
            if (r < p) {
                return kind;
            }
            r -= p;
        }
        return undefined;
    }
}

function compileRule(rule: FaultRule, where: string): CompiledFault {
    if (typeof rule !== "object" || rule === null || typeof rule.path !== "string") {
        throw new Error(`faults: ${where}: needs a 'path' pattern`);
    }
    let pattern: PathPattern;
    try {
        pattern = compilePathPattern(rule.path);
    } catch (err) {
        throw new Error(`faults: ${where}: ${(err as Error).message}`);
    }
    let sum = 0;
    for (const [kind, p] of Object.entries(rule.probabilities ?? {})) {
        if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
            throw new Error(`faults: ${where}: unknown fault '${kind}' (known: ${FAULT_KINDS.join(", ")})`);
        }
        if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
            throw new Error(`faults: ${where}: probability of ${kind} must be between 0 and 1`);
        }
        sum += p;
    }
    if (sum > 1 + 1e-9) {
        throw new Error(`faults: ${where}: probabilities add up to ${sum}, more than 1`);
    }
    if (rule.latencyMs !== undefined && !(Number.isFinite(rule.latencyMs) && rule.latencyMs >= 0)) {
        throw new Error(`faults: ${where}: latencyMs must be a number of at least 0`);
    }
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
        throw new Error(`faults: ${where}: times must be a whole number`);
    }
    const method = rule.method === undefined || rule.method === "*" ? undefined : rule.method.toUpperCase();
    return { rule: { ...rule, method }, method, pattern, remaining: rule.times ?? Infinity };
}

/**
 * Parses the CLI form of a rule: `[METHOD] PATH [name=value,...]`, e.g.
 * `POST /api/v1/groups 500=0.1,lose=0.05,latency=20,times=3`.
 */
export function parseFaultRule(text: string): FaultRule {
    const words = text.trim().split(/\s+/);
    const method = words[0] && !words[0].startsWith("/") ? words.shift() : undefined;
    const path = words.shift();
    if (!path || words.length > 1) {
        throw new Error(`fault '${text}': expected '[METHOD] PATH [name=value,...]'`);
    }
    const rule: FaultRule = { method, path, probabilities: {} };
    for (const setting of words[0]?.split(",").filter(Boolean) ?? []) {
        const [name, raw] = setting.split("=");
        const value = Number(raw);
        if (raw === undefined || raw === "" || !Number.isFinite(value)) {
            throw new Error(`fault '${text}': '${setting}' must be name=number`);
        }
        if (name === "latency") {
            rule.latencyMs = value;
        } else if (name === "times") {
            rule.times = value;
        } else {
            rule.probabilities![name as FaultKind] = value;
        }
    }
    compileRule(rule, `'${text}'`);
    return rule;
}

function emptyCounts(): Record<FaultKind, number> {
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
}

function assertSeed(seed: unknown): void {
    if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
        throw new Error(`faults: seed must be a whole number between 0 and 2^32-1`);
    }
}

/** A small, fast, seedable PRNG (mulberry32): deterministic fault sequences for tests. */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
