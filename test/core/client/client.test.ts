import { expect } from "chai";
import { ApiTokenAuthenticator, OktaApiError, OktaClient, OktaTransportError, validateOrgUrl } from "../../../core/client";
import { failure } from "../../support/failure";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../../support/emulator";

describe("client: OktaClient against the emulator", () => {
    let org: TestOrg;
    let client: OktaClient;
    beforeEach(async () => {
        org = await startTestOrg();
        client = new OktaClient({ orgUrl: org.url, authenticator: new ApiTokenAuthenticator(TEST_TOKEN) });
    });
    afterEach(async () => {
        await client.close();
        await org.close();
    });

    it("sends JSON with SSWS auth and returns the parsed body, status and request id", async () => {
        const created = await client.request<any>({ method: "POST", path: "/api/v1/groups", body: { profile: { name: "Eng" } } });
        expect(created.status).to.equal(200);
        expect(created.body.profile.name).to.equal("Eng");
        expect(created.requestId).to.match(/^[\w-]{20}$/);
        const fetched = await client.get<any>(`/api/v1/groups/${created.body.id}`);
        expect(fetched.id).to.equal(created.body.id);
    });

    it("raises OktaApiError with Okta's code, summary, causes, error id and request id", async () => {
        await client.post("/api/v1/groups", { profile: { name: "Eng" } });
        const err: OktaApiError = await failure(client.post("/api/v1/groups", { profile: { name: "Eng" } }));
        expect(err).to.be.instanceOf(OktaApiError);
        expect(err.status).to.equal(400);
        expect(err.errorCode).to.equal("E0000001");
        expect(err.errorSummary).to.equal("Api validation failed: name");
        expect(err.errorCauses[0].errorSummary).to.contain("already exists");
        expect(err.errorId).to.match(/^oae/);
        expect(err.requestId).to.match(/^[\w-]{20}$/);
        expect(err.message).to.contain("HTTP 400 E0000001: Api validation failed: name");
        expect(err.message).to.contain("already exists");
        expect(err.message).to.contain(err.requestId!);
        expect(err.message).not.to.contain(TEST_TOKEN);
    });

    it("reports 404s as isNotFound", async () => {
        const err = await failure(client.get("/api/v1/groups/00gmissing"));
        expect(err).to.be.instanceOf(OktaApiError);
        expect(err.isNotFound).to.equal(true);
        expect(err.errorCode).to.equal("E0000007");
    });

    it("sends Content-Length: 0 on a body-less POST (an unambiguous empty body for any proxy on the way)", async () => {
        org.emulator.journal.resize(5);
        const err = await failure(client.post("/api/v1/groups"));
        expect(err.status).to.equal(400);
        expect(err.errorCode).to.equal("E0000003");
        expect(org.emulator.journal.list().at(-1)?.headers["content-length"]).to.equal("0");
    });

    it("paginates across pages by following Link rel=next, and stops at maxItems", async () => {
        for (let i = 0; i < 24; i++) {
            await client.post("/api/v1/groups", { profile: { name: `group-${String(i).padStart(2, "0")}` } });
        }
        const names: string[] = [];
        for await (const group of client.paginate<any>("/api/v1/groups", { limit: 10 })) {
            names.push(group.profile.name);
        }
        // A new org holds two BUILT_IN groups: Everyone and Okta Administrators.
        expect(names).to.have.length(26);
        expect(names.slice(0, 2)).to.deep.equal(["Everyone", "Okta Administrators"]);
        expect(new Set(names).size).to.equal(26);

        const firstFive: string[] = [];
        for await (const group of client.paginate<any>("/api/v1/groups", { limit: 2 }, { maxItems: 5 })) {
            firstFive.push(group.profile.name);
        }
        expect(firstFive).to.deep.equal(names.slice(0, 5));
    });

    it("never follows a link to another origin with the org's credentials", async () => {
        const err = await failure(client.get("http://127.0.0.2:1/api/v1/groups"));
        expect(err.message).to.contain("refusing to send Okta credentials");
    });

    it("wraps connection failures in OktaTransportError", async () => {
        const url = org.url;
        await org.close();
        const err = await failure(
            new OktaClient({ orgUrl: url, authenticator: new ApiTokenAuthenticator("x"), retry: { maxRetries: 1, baseDelayMs: 10 } }).get(
                "/api/v1/groups",
            ),
        );
        expect(err).to.be.instanceOf(OktaTransportError);
        expect(err.message).to.contain("GET /api/v1/groups failed");
        expect(err.message).to.contain("gave up after 2 attempts");
        org = await startTestOrg(); // for afterEach
    });
});

describe("client: org URL rules", () => {
    it("accepts https anywhere and http on loopback only", () => {
        expect(validateOrgUrl("https://example.okta.com").host).to.equal("example.okta.com");
        expect(validateOrgUrl("http://127.0.0.1:8080").port).to.equal("8080");
        expect(validateOrgUrl("http://localhost:1").hostname).to.equal("localhost");
        expect(() => validateOrgUrl("http://example.okta.com")).to.throw(/must use https/);
        expect(() => validateOrgUrl("example.okta.com")).to.throw(/is not a URL/);
        expect(() => validateOrgUrl("https://example.okta.com/api/v1")).to.throw(/without a path/);
    });
});
