import { OktaEmulator, type EmulatorOptions, type SeedDocument } from "../../emulator";

export const TEST_TOKEN = "test-token-00000000000000000000000000000000";

/** A started emulator with one API token, and a raw HTTP helper that bypasses our own client. */
export interface TestOrg {
    emulator: OktaEmulator;
    url: string;
    api(method: string, path: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<RawResponse>;
    close(): Promise<void>;
}

export interface RawResponse {
    status: number;
    headers: Headers;
    body: any;
}

export async function startTestOrg(options: Omit<EmulatorOptions, "seed"> & { seed?: SeedDocument } = {}): Promise<TestOrg> {
    const seed = { ...options.seed, tokens: [{ token: TEST_TOKEN, name: "tests" }, ...(options.seed?.tokens ?? [])] };
    const emulator = new OktaEmulator({ ...options, seed });
    const url = await emulator.start();
    return {
        emulator,
        url,
        async api(method, path, { body, rawBody, headers } = {}) {
            const init: RequestInit = {
                method,
                headers: {
                    Accept: "application/json",
                    Authorization: `SSWS ${TEST_TOKEN}`,
                    ...(body !== undefined || rawBody !== undefined ? { "Content-Type": "application/json" } : {}),
                    ...headers,
                },
                body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
            };
            const response = await fetch(new URL(path, url), init);
            const text = await response.text();
            return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
        },
        close: () => emulator.close(),
    };
}
