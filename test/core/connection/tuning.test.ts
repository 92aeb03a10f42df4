import { expect } from "chai";
import {
    DEFAULT_CAPACITY_PERCENT,
    DEFAULT_DEADLINE_MS,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_RETRY,
    DEFAULT_TIMEOUT_MS,
    dynamicProvider,
    OktaApiError,
    OktaDeadlineError,
    OktaTransportError,
    resolveClientTuning,
    tuningClientOptions,
} from "../../../provider";
import { connect } from "../../../core/connection/connect";
import { providerContext } from "../../../provider/context";
import { failure } from "../../support/failure";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";

const none = () => undefined;
const lookup = (values: Record<string, string>) => (key: string) => values[key];

describe("provider: tuning settings (parallelism, maxApiCapacity, maxRetries, requestTimeout, requestDeadline)", () => {
    describe("resolution", () => {
        it("defaults to the client's own defaults (schema.json documents the values the client uses)", () => {
            expect(resolveClientTuning(none, {})).to.deep.equal({
                parallelism: 16,
                maxApiCapacity: 100,
                maxRetries: 8,
                requestTimeout: 60,
                requestDeadline: 600,
            });
            expect(tuningClientOptions(resolveClientTuning(none, {}))).to.deep.equal({
                timeoutMs: DEFAULT_TIMEOUT_MS,
                deadlineMs: DEFAULT_DEADLINE_MS,
                retry: { maxRetries: DEFAULT_RETRY.maxRetries },
                governor: { maxConcurrency: DEFAULT_MAX_CONCURRENCY, capacityPercent: DEFAULT_CAPACITY_PERCENT },
            });
        });

        it("takes explicit arguments over stack config over the environment, setting by setting", () => {
            const env = {
                OKTA_PARALLELISM: "4",
                OKTA_MAX_API_CAPACITY: "70",
                OKTA_MAX_RETRIES: "3",
                OKTA_REQUEST_TIMEOUT: "20",
                OKTA_REQUEST_DEADLINE: "120",
            };
            const config = lookup({ "okta:parallelism": "6", "okta:maxRetries": "2", "okta:requestTimeout": "12.5" });
            expect(resolveClientTuning(none, env)).to.deep.equal({ parallelism: 4, maxApiCapacity: 70, maxRetries: 3, requestTimeout: 20, requestDeadline: 120 });
            expect(resolveClientTuning(config, env)).to.deep.equal({ parallelism: 6, maxApiCapacity: 70, maxRetries: 2, requestTimeout: 12.5, requestDeadline: 120 });
            expect(resolveClientTuning(config, env, { parallelism: 8, requestDeadline: "30" })).to.deep.equal({
                parallelism: 8,
                maxApiCapacity: 70,
                maxRetries: 2,
                requestTimeout: 12.5,
                requestDeadline: 30,
            });
        });

        it("accepts the Terraform provider's MAX_API_CAPACITY, after OKTA_MAX_API_CAPACITY; blank values count as unset", () => {
            expect(resolveClientTuning(none, { MAX_API_CAPACITY: "40" }).maxApiCapacity).to.equal(40);
            expect(resolveClientTuning(none, { MAX_API_CAPACITY: "40", OKTA_MAX_API_CAPACITY: "60" }).maxApiCapacity).to.equal(60);
            expect(resolveClientTuning(lookup({ "okta:maxApiCapacity": " " }), { OKTA_MAX_API_CAPACITY: "" }).maxApiCapacity).to.equal(100);
        });

        it("names every invalid setting in one error, with where it came from and what it must be", () => {
            const err = (() => {
                try {
                    resolveClientTuning(lookup({ "okta:parallelism": "0", "okta:requestTimeout": "0" }), { OKTA_MAX_API_CAPACITY: "150", OKTA_REQUEST_DEADLINE: "soon" }, { maxRetries: 2.5 });
                } catch (e) {
                    return e as Error;
                }
                throw new Error("expected an error");
            })();
            expect(err.message).to.equal(
                "Okta provider configuration is invalid: " +
                    "okta:parallelism (from stack config okta:parallelism) must be a whole number of at least 1, got '0'; " +
                    "okta:maxApiCapacity (from environment OKTA_MAX_API_CAPACITY) must be a whole number from 1 to 100, got '150'; " +
                    "okta:maxRetries (from argument maxRetries) must be a whole number from 0 to 100, got '2.5'; " +
                    "okta:requestTimeout (from stack config okta:requestTimeout) must be a number greater than 0, got '0'; " +
                    "okta:requestDeadline (from environment OKTA_REQUEST_DEADLINE) must be a number greater than 0, got 'soon'.",
            );
        });
    });

    describe("applied by the provider to its clients (over HTTP against the emulator)", () => {
        let org: TestOrg;
        const provider = dynamicProvider("Group");
        const configure = (tuning: Record<string, string>) =>
            provider.configure!({ config: { get: lookup({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN, ...tuning }) } } as any);

        beforeEach(async () => {
            org = await startTestOrg();
        });
        afterEach(() => org.close());

        it("gives the org's governor the stack's parallelism and maxApiCapacity, for the stack and for a resource's own connection", async () => {
            await configure({ "okta:parallelism": "3", "okta:maxApiCapacity": "50" });
            const client = providerContext.client();
            expect([client.governor.maxConcurrency, client.governor.capacityPercent]).to.deep.equal([3, 50]);
            const own = providerContext.client({ orgUrl: org.url, apiToken: "another-token-000000000000" });
            expect(own).to.not.equal(client);
            expect(own.governor).to.equal(client.governor); // one governor per org, whichever credentials
            await provider.create({ name: "Tuned" });
            expect(client.governor.bucket("groups").limit).to.be.a("number");
        });

        it("retries as often as okta:maxRetries says", async () => {
            await configure({ "okta:maxRetries": "1" });
            await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "503": 1 }, times: 5 });
            const err = await failure(providerContext.client().get("/api/v1/groups"));
            expect(err).to.be.instanceOf(OktaApiError);
            expect([err.status, err.attempts]).to.deep.equal([503, 2]);
            expect((await org.control.stats()).faults["503"]).to.equal(2);
        });

        it("abandons an attempt after okta:requestTimeout seconds", async () => {
            await configure({ "okta:requestTimeout": "0.3", "okta:maxRetries": "0" });
            await org.control.addFault({ method: "GET", path: "/api/v1/groups", latencyMs: 3000, times: 1 });
            const err = await failure(providerContext.client().get("/api/v1/groups"));
            expect(err).to.be.instanceOf(OktaTransportError);
            expect(err.timedOut).to.equal(true);
            expect(err.message).to.contain("no complete response within 300 ms");
        });

        it("gives up when okta:requestDeadline seconds would pass, however many retries are left", async () => {
            await configure({ "okta:requestDeadline": "1", "okta:maxRetries": "100" });
            await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "503": 1 } });
            const err = await failure(providerContext.client().get("/api/v1/groups"));
            expect(err).to.be.instanceOf(OktaDeadlineError);
            expect(err.message).to.contain("deadline reached");
            expect((await org.control.stats()).faults["503"]).to.be.below(100);
        });

        it("fails the operation with the configuration error", async () => {
            await configure({ "okta:parallelism": "many" });
            const err = await failure(provider.create({ name: "Untuned" }));
            expect(err.message).to.contain("okta:parallelism (from stack config okta:parallelism) must be a whole number of at least 1, got 'many'");
            expect([...org.emulator.store.groups.values()].map((g) => g.profile.name)).not.to.include("Untuned");
        });
    });

    describe("applied by connect() outside Pulumi (scripts, the CLI's library)", () => {
        let org: TestOrg;
        beforeEach(async () => {
            org = await startTestOrg();
        });
        afterEach(() => org.close());

        it("takes maxRetries from its arguments, then the config lookup, then the environment", async () => {
            await org.control.addFault({ method: "GET", path: "/api/v1/groups", probabilities: { "503": 1 }, times: 10 });
            const fromArgs = await failure(connect({ orgUrl: org.url, apiToken: TEST_TOKEN, maxRetries: 0 }, (key) => (key === "okta:maxRetries" ? "7" : undefined), {}).get("/api/v1/groups"));
            expect(fromArgs.attempts).to.equal(1);
            const fromEnv = await failure(connect({ orgUrl: org.url, apiToken: TEST_TOKEN }, () => undefined, { OKTA_MAX_RETRIES: "2" }).get("/api/v1/groups"));
            expect(fromEnv.attempts).to.equal(3);
            expect((await org.control.stats()).faults["503"]).to.equal(4);
        });
    });
});
