import { connect } from "../../core/connection/connect";
import type { OktaClient } from "../../core/client";
import { TEST_TOKEN, type TestOrg } from "./emulator";

/** Our own client (the code under test) pointed at a test org. */
export function clientOf(org: TestOrg): OktaClient {
    return connect({ orgUrl: org.url, apiToken: TEST_TOKEN }, () => undefined, {});
}

/** Creates an ACTIVE user over the raw API (not our client) and returns it. */
export async function createUser(org: TestOrg, login: string, profile: Record<string, unknown> = {}): Promise<any> {
    const response = await org.api("POST", "/api/v1/users?activate=true", {
        body: {
            profile: { login, email: login, firstName: login.split("@")[0], lastName: "Test", ...profile },
            credentials: { password: { value: "Correct-Horse-9-Battery" } },
        },
    });
    if (response.status !== 200) {
        throw new Error(`creating ${login}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
}

export const logins = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, "0")}@example.com`);
