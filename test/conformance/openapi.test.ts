import { expect } from "chai";
import { loadCassette, recordedJson } from "../support/cassettes/cassette";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { Conformance } from "../support/openapi/conformance";
import { SPEC_EXCEPTIONS, isSchemaException } from "../support/openapi/exceptions";
import { OktaSpec } from "../support/openapi/spec";

/**
 * Every operation the emulator serves answers with bodies that validate against Okta's own OpenAPI spec
 * (../shared/okta/openapi), success and declared errors alike. Each exercise below creates what it needs over HTTP;
 * the last test fails when a route the emulator serves has no validated 2xx response.
 */
describe("conformance: emulator responses against Okta's OpenAPI spec", function () {
    this.timeout(120_000);
    let spec: OktaSpec;
    let org: TestOrg;
    let c: Conformance;

    before(async () => {
        spec = OktaSpec.load();
        org = await startTestOrg();
        c = new Conformance(spec, org);
    });
    after(() => org?.close());

    describe("the spec as loaded", () => {
        it("has no schema keyword the converter does not understand", () => {
            expect(spec.unknownKeywords()).to.deep.equal([]);
        });

        for (const exception of SPEC_EXCEPTIONS) {
            const target = isSchemaException(exception)
                ? `${exception.schema}${exception.pointer}`
                : `${exception.operationId} ${exception.status}`;
            it(`exception ${target} is shown by recorded traffic`, () => {
                const { cassette, interaction, instancePath } = exception.evidence;
                const recorded = loadCassette(cassette).interactions.find((i) => i.id === interaction)!;
                const operation = OktaSpec.load({ amended: false }).find(recorded.method, recorded.url.pathname)!;
                const body = recordedJson(recorded);
                const asPublished = OktaSpec.load({ amended: false }).check(operation, recorded.status, body);
                expect(asPublished.errors.map((e) => e.instancePath), "the published spec rejects the recorded body there").to.include(instancePath);
                expect(spec.check(operation, recorded.status, body).errors, "the amended spec accepts it").to.deep.equal([]);
            });
        }
    });

    describe("groups", () => {
        it("create, read, list, search, replace, delete", async () => {
            const created = await c.call("POST", "/api/v1/groups", { body: { profile: { name: "Conformance", description: "d" } }, expect: 200 });
            const id = created.body.id;
            await c.call("GET", `/api/v1/groups/${id}`, { expect: 200 });
            await c.call("GET", "/api/v1/groups?limit=1", { expect: 200 });
            await c.call("GET", "/api/v1/groups?q=Conf", { expect: 200 });
            await c.call("PUT", `/api/v1/groups/${id}`, { body: { profile: { name: "Conformance 2" } }, expect: 200 });
            await c.call("DELETE", `/api/v1/groups/${id}`, { expect: 204 });
        });

        it("errors: unknown id, invalid profile, built-in group, bad token", async () => {
            await c.call("GET", "/api/v1/groups/00gnonexistent0000000", { expect: 404 });
            await c.call("DELETE", "/api/v1/groups/00gnonexistent0000000", { expect: 404 });
            await c.call("POST", "/api/v1/groups", { body: { profile: {} }, expect: 400 });
            await c.call("PUT", "/api/v1/groups/00gnonexistent0000000", { body: { profile: { name: "x" } }, expect: 404 });
            const everyone = (await c.call("GET", "/api/v1/groups?q=Everyone", { expect: 200 })).body[0];
            await c.call("PUT", `/api/v1/groups/${everyone.id}`, { body: { profile: { name: "x" } }, expect: 403 });
            await c.call("GET", "/api/v1/groups", { headers: { Authorization: "SSWS wrong" }, expect: 401 });
        });
    });

    // Last: mocha runs a suite's own tests before its child suites, so this lives in a suite declared after them.
    describe("coverage", () => {
        it("covers every route the emulator implements with a validated response", () => {
            console.log(c.report());
            expect(c.uncovered().map((r) => `${r.method} ${r.template}`)).to.deep.equal([]);
        });
    });
});
