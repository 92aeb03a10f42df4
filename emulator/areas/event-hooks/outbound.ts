import { Agent, request } from "undici";

/**
 * The emulator's outbound HTTP to event hook receivers (verification GETs and delivery POSTs), on its own connection
 * pool so closing the emulator ends every outbound connection. Each attempt has a total deadline (Okta: 3 s).
 * Failures are described without header values: those carry the hook's secret.
 */

export interface OutboundRequest {
    method: "GET" | "POST";
    uri: string;
    headers: Record<string, string>;
    body?: string;
}

export type OutboundResult =
    | { ok: true; status: number; body: string }
    | { ok: false; status?: number; reason: string; retryable: boolean };

/** Receivers' replies beyond this are cut off: only a verification reply is ever read. */
const MAX_REPLY_BYTES = 64 * 1024;

export class HookHttpClient {
    private readonly agent = new Agent({ connections: 8, pipelining: 1 });
    private closed = false;

    constructor(private readonly timeoutMs: number) {}

    async send(outbound: OutboundRequest): Promise<OutboundResult> {
        if (this.closed) {
            return { ok: false, reason: "The emulator is shutting down", retryable: false };
        }
        try {
            const response = await request(outbound.uri, {
                method: outbound.method,
                headers: outbound.headers,
                body: outbound.body,
                dispatcher: this.agent,
                // undici does not follow redirects unless asked to, and neither does Okta.
                signal: AbortSignal.timeout(this.timeoutMs),
            });
            const body = await readCapped(response.body);
            if (response.statusCode >= 200 && response.statusCode < 300) {
                return { ok: true, status: response.statusCode, body };
            }
            // Okta retries server errors, not client errors (docs/okta/event-hooks.md#delivery).
            return {
                ok: false,
                status: response.statusCode,
                reason: `Received HTTP ${response.statusCode}`,
                retryable: response.statusCode >= 500,
            };
        } catch (err) {
            return { ok: false, reason: describe(err, this.timeoutMs), retryable: true };
        }
    }

    async close(): Promise<void> {
        this.closed = true;
        await this.agent.destroy();
    }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => void }): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > MAX_REPLY_BYTES) {
            body.destroy?.();
            break;
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
}

function describe(err: unknown, timeoutMs: number): string {
    const error = err as { name?: string; code?: string; cause?: { code?: string } };
    if (error.name === "TimeoutError" || error.name === "AbortError") {
        return `No response within ${timeoutMs} ms`;
    }
    const code = error.code ?? error.cause?.code;
    if (code === "ECONNREFUSED") {
        return "Connection refused";
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
        return "Host not found";
    }
    return code ? `Request failed (${code})` : "Request failed";
}
