import type { SeedDocument } from "../../../emulator";
import { startTestOrg } from "../emulator";
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

export async function replayCassette(name: string, spec: OktaSpec, seed: SeedDocument): Promise<InteractionResult[]> {
    const cassette = loadCassette(name);
    const org = await startTestOrg({ seed });
    const ids = new IdMap();
    for (const id of seededIds(seed)) {
        ids.identity(id);
    }
    try {
        const results: InteractionResult[] = [];
        for (const interaction of cassette.interactions) {
            results.push(await replayOne(name, interaction, spec, ids, (method, path, init) => org.api(method, path, init)));
        }
        return results;
    } finally {
        await org.close();
    }
}

type Send = (
    method: string,
    path: string,
    init: { rawBody?: string; headers?: Record<string, string> },
) => Promise<{ status: number; body: unknown }>;

async function replayOne(cassette: string, interaction: Interaction, spec: OktaSpec, ids: IdMap, send: Send): Promise<InteractionResult> {
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
    const body = interaction.requestBody.trim() === "" ? undefined : ids.rewrite(interaction.requestBody);
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
