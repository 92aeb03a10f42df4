import { OktaEmulator, type EmulatorOptions, type SeedDocument } from "../../emulator";
import { EmulatorControl } from "./control";

export const TEST_TOKEN = "test-token-00000000000000000000000000000000";
export const TEST_CONTROL_TOKEN = "test-control-token-000000000000000000000000";

/** A started emulator with one API token, a raw HTTP helper that bypasses our own client, and its control API. */
export interface TestOrg {
    emulator: OktaEmulator;
    url: string;
    control: EmulatorControl;
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
    const emulator = new OktaEmulator({ controlToken: TEST_CONTROL_TOKEN, ...options, seed });
    const url = await emulator.start();
    return {
        emulator,
        url,
        control: new EmulatorControl(url, TEST_CONTROL_TOKEN),
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
            const json = /json/.test(response.headers.get("content-type") ?? "");
            return { status: response.status, headers: response.headers, body: text ? (json ? JSON.parse(text) : text) : undefined };
        },
        close: () => emulator.close(),
    };
}
