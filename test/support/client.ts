import { ApiTokenAuthenticator, OktaClient, RateLimitGovernor, type OktaClientOptions } from "../../core/client";
import { TEST_TOKEN, type TestOrg } from "./emulator";

/**
 * A client of a test org with its own governor and short backoffs, so that tests run fast and do not share
 * rate-limit state. Options override the defaults.
 */
export function testClient(org: TestOrg, options: Partial<OktaClientOptions> = {}): OktaClient {
    return new OktaClient({
        orgUrl: org.url,
        authenticator: new ApiTokenAuthenticator(TEST_TOKEN),
        governor: new RateLimitGovernor({ jitterMs: 0 }),
        ...options,
        retry: { baseDelayMs: 5, maxDelayMs: 50, ...options.retry },
    });
}
