import { randomBytes } from "node:crypto";
import { eventHookHeaders, type EventHookRecord } from "./model";
import type { HookHttpClient, OutboundResult } from "./outbound";

/**
 * Okta's one-time verification (docs/okta/event-hooks.md#verification; SPEC verifyEventHook): one GET to the hook's URI
 * with the hook's headers, its auth header and `x-okta-verification-challenge`; the receiver must answer JSON
 * `{"verification": "<challenge>"}`. One retry after a timeout or an error response.
 */
export async function verifyEndpoint(client: HookHttpClient, hook: EventHookRecord): Promise<{ ok: true } | { ok: false; reason: string }> {
    const challenge = randomBytes(24).toString("base64url");
    const outbound = {
        method: "GET" as const,
        uri: hook.channel.config.uri,
        headers: { ...eventHookHeaders(hook), Accept: "application/json", "x-okta-verification-challenge": challenge },
    };
    let result: OutboundResult = await client.send(outbound);
    if (!result.ok) {
        result = await client.send(outbound);
    }
    if (!result.ok) {
        return { ok: false, reason: result.reason };
    }
    return echoesChallenge(result.body, challenge)
        ? { ok: true }
        : { ok: false, reason: 'The response body was not {"verification": "<the challenge sent>"}' };
}

function echoesChallenge(body: string, challenge: string): boolean {
    try {
        const parsed = JSON.parse(body) as unknown;
        return typeof parsed === "object" && parsed !== null && (parsed as Record<string, unknown>).verification === challenge;
    } catch {
        return false;
    }
}
