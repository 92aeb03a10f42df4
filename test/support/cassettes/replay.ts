import type { RateLimitOptions, SeedDocument } from "../../../emulator";
import { startTestOrg } from "../emulator";
import { HookReceiver } from "../hook-receiver";
import type { OktaSpec } from "../openapi/spec";
import { loadCassette, recordedJson, type Interaction } from "./cassette";
import { compareResponses } from "./compare";
import { IdMap } from "./ids";
import { IN_SCOPE_OPERATIONS } from "./scope";

/**
 * Replays the recorded requests of one cassette, in order, against a freshly seeded emulator, rewriting recorded ids
 * to the ids the emulator handed out, and compares each response with the recorded one.
 */

export type Outcome = "match" | "mismatch" | "out of scope";

export interface InteractionResult {
    cassette: string;
    id: number;
    method: string;
    /** The spec's path template when known, else the recorded path. */
    route: string;
    operationId?: string;
    recordedStatus: number;
    actualStatus?: number;
    outcome: Outcome;
    /** For a mismatch: how the responses differ. */
    detail?: string;
}

/**
 * Recorded requests run back to back as fast as the emulator answers; Okta's rate limits are the traffic tests' concern
 * (the recordings carry no rate-limit headers and no 429s), so the replayed org has no buckets and so no limits.
 */
const NO_LIMITS: RateLimitOptions = { buckets: [] };

export async function replayCassette(name: string, spec: OktaSpec, seed: SeedDocument): Promise<InteractionResult[]> {
    const cassette = loadCassette(name);
    const org = await startTestOrg({ seed, rateLimits: NO_LIMITS });
    // The recorded event hook endpoints (public request bins) answered Okta's verification challenge; a local receiver
    // that answers it the same way stands in for them.
    const receiver = await new HookReceiver().start();
    const ids = new IdMap();
    for (const id of seededIds(seed)) {
        ids.identity(id);
    }
    try {
        const results: InteractionResult[] = [];
        const environment = { ids, hookUri: receiver.url, hookUris: new Map<string, string>() };
        for (const interaction of cassette.interactions) {
            results.push(await replayOne(name, interaction, spec, environment, (method, path, init) => org.api(method, path, init)));
        }
        return results;
    } finally {
        await org.close();
        await receiver.close();
    }
}

interface Environment {
    ids: IdMap;
    /** Where event hooks created by the replay point instead of the recorded endpoint. */
    hookUri: string;
    /**
     * Recorded endpoint -> local one. Each recorded endpoint gets its own path, so a replace that moves a hook to
     * another endpoint moves it here too (Okta then asks for verification again).
     */
    hookUris: Map<string, string>;
}

type Send = (
    method: string,
    path: string,
    init: { rawBody?: string; headers?: Record<string, string> },
) => Promise<{ status: number; body: unknown }>;

async function replayOne(cassette: string, interaction: Interaction, spec: OktaSpec, environment: Environment, send: Send): Promise<InteractionResult> {
    const { ids } = environment;
    const operation = spec.find(interaction.method, interaction.url.pathname);
    const result: InteractionResult = {
        cassette,
        id: interaction.id,
        method: interaction.method,
        route: operation?.path ?? interaction.url.pathname,
        operationId: operation?.operationId,
        recordedStatus: interaction.status,
        outcome: "out of scope",
    };
    if (!operation || !IN_SCOPE_OPERATIONS.has(operation.operationId)) {
        return result;
    }
    const path = ids.rewrite(interaction.url.pathname + interaction.url.search);
    let body = interaction.requestBody.trim() === "" ? undefined : ids.rewrite(interaction.requestBody);
    if (body !== undefined && (operation.operationId === "createEventHook" || operation.operationId === "replaceEventHook")) {
        body = withLocalHookUri(body, environment);
    }
    const contentType = interaction.requestHeaders["Content-Type"]?.[0];
    const actual = await send(interaction.method, path, {
        rawBody: body,
        headers: contentType ? { "Content-Type": contentType } : {},
    });
    const recorded = { status: interaction.status, body: recordedJson(interaction) };
    result.actualStatus = actual.status;
    result.detail = compareResponses(recorded, actual);
    result.outcome = result.detail === undefined ? "match" : "mismatch";
    if (recorded.status < 300 && actual.status < 300) {
        ids.learn(recorded.body, actual.body);
    }
    return result;
}

/** The hook body with its channel pointed at the local receiver (left as recorded when it is not a hook). */
function withLocalHookUri(body: string, environment: Environment): string {
    try {
        const hook = JSON.parse(body);
        const recorded = hook?.channel?.config?.uri;
        if (typeof recorded === "string") {
            const { hookUris } = environment;
            if (!hookUris.has(recorded)) {
                hookUris.set(recorded, `${environment.hookUri}/${hookUris.size}`);
            }
            hook.channel.config.uri = hookUris.get(recorded);
            return JSON.stringify(hook);
        }
    } catch {
        // Not JSON: replayed as recorded, so the emulator's answer to it is what gets compared.
    }
    return body;
}

/** Every object id a seed names: seeded objects keep their recorded ids. */
function seededIds(seed: unknown): string[] {
    if (Array.isArray(seed)) {
        return seed.flatMap(seededIds);
    }
    if (typeof seed !== "object" || seed === null) {
        return [];
    }
    return Object.entries(seed).flatMap(([key, value]) => (key === "id" && typeof value === "string" ? [value] : seededIds(value)));
}
