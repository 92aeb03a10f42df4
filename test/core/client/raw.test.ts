import { expect } from "chai";
import { Response } from "undici";
import { rawRequestPath as apiPath } from "../../../core/okta/paths";
import { OktaApiError, OktaTransportError, type OktaClient } from "../../../core/client";
import { testClient } from "../../support/client";
import { startTestOrg, type TestOrg } from "../../support/emulator";
import { failure } from "../../support/failure";

describe("client: raw request (the product's Raw Request action)", () => {
    let org: TestOrg;
    let client: OktaClient;
    beforeEach(async () => {
        org = await startTestOrg({ seed: { groups: [{ name: "Alpha" }, { name: "Beta" }] } });
        await org.control.recordRequests(20);
        client = testClient(org);
    });
    afterEach(async () => {
        await client.close();
        await org.close();
    });
    const lastRequest = async () => (await org.control.requests()).at(-1)!;

    it("takes a path relative to /api/v1, query parameters (repeatable) and headers", async () => {
        const result = await client.raw({
            method: "get",
            url: "/groups",
            queryParams: [{ key: "q", value: "Al" }, { key: "limit", value: 5 }],
            headers: { "X-Trace": "abc" },
        });
        expect(result.status).to.equal(200);
        expect((result.body as any[]).map((g) => g.profile.name)).to.deep.equal(["Alpha"]);
        expect(result.requestId).to.be.a("string");
        const sent = await lastRequest();
        expect(sent.path).to.equal("/api/v1/groups?q=Al&limit=5");
        expect(sent.headers["x-trace"]).to.equal("abc");
        expect(apiPath("users")).to.equal("/api/v1/users");
        expect(apiPath("/api/v1/users")).to.equal("/api/v1/users");
        expect(() => apiPath("https://evil.example/api/v1/users")).to.throw(/relative to \/api\/v1/);
    });

    it("sends data as JSON and answers json, text or binary", async () => {
        const created = await client.raw({ method: "POST", url: "/groups", data: { profile: { name: "Gamma" } } });
        expect((created.body as any).profile.name).to.equal("Gamma");
        const id = (created.body as any).id;
        const text = await client.raw({ method: "GET", url: `/groups/${id}`, responseType: "text" });
        expect(text.body).to.be.a("string");
        expect(JSON.parse(text.body as string).id).to.equal(id);
        const binary = await client.raw({ method: "GET", url: `/groups/${id}`, responseType: "binary" });
        expect(Buffer.isBuffer(binary.body)).to.equal(true);
        expect(JSON.parse((binary.body as Buffer).toString("utf8")).id).to.equal(id);
    });

    it("uploads form data and files as multipart/form-data with the given file names", async () => {
        const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
        // Okta's uploads (app logos, theme images) take multipart; the emulator has none of them in this branch, so the
        // answer is a 404, and what counts is the body as the server received it, read back from its journal.
        const err = await failure(
            client.raw({
                method: "POST",
                url: "/apps/0oa1/logo",
                formData: { description: "Our logo" },
                fileData: { file: png, notes: "plain text file" },
                fileDataFileNames: { file: "logo.png" },
            }),
        );
        expect(err).to.be.instanceOf(OktaApiError);
        const sent = await lastRequest();
        expect(sent.headers["content-type"]).to.match(/^multipart\/form-data; boundary=/);
        const form = await new Response(Buffer.from(sent.body!, "base64"), { headers: { "content-type": sent.headers["content-type"] as string } }).formData();
        expect(form.get("description")).to.equal("Our logo");
        const file = form.get("file") as File;
        expect(file.name).to.equal("logo.png");
        expect(Buffer.from(await file.arrayBuffer())).to.deep.equal(png);
        expect((form.get("notes") as File).name).to.equal("notes"); // no name given: the field name
        expect(await (form.get("notes") as File).text()).to.equal("plain text file");
    });

    it("refuses contradictory inputs before sending anything", async () => {
        expect((await failure(client.raw({ method: "POST", url: "/groups", data: {}, formData: { a: "b" } }))).message).to.contain("not both");
        expect((await failure(client.raw({ method: "POST", url: "/x", fileData: {}, fileDataFileNames: { logo: "a.png" } }))).message).to.contain(
            "fileDataFileNames has keys with no file in fileData: logo",
        );
        expect((await failure(client.raw({ method: "TRACE" as any, url: "/groups" }))).message).to.contain("method must be one of");
        expect((await failure(client.raw({ method: "GET", url: "/groups", responseType: "xml" as any }))).message).to.contain("responseType");
        expect(await org.control.requests()).to.deep.equal([]);
    });

    it("does not retry by default (Max Retry Count 0)", async () => {
        await org.control.addFault({ path: "/api/v1/groups", probabilities: { "503": 1 }, times: 1 });
        const err = await failure(client.raw({ method: "GET", url: "/groups" }));
        expect(err.status).to.equal(503);
        expect(await org.control.count("GET", "/api/v1/groups")).to.equal(1);
    });

    it("retries 5xx up to Max Retry Count with the fixed Retry Delay, for any method", async () => {
        await org.control.addFault({ path: "/api/v1/groups", probabilities: { "503": 1 }, times: 2 });
        const result = await client.raw({ method: "POST", url: "/groups", data: { profile: { name: "Delta" } }, maxRetryCount: 2, retryDelayMs: 20 });
        expect(result.status).to.equal(200);
        expect(await org.control.count("POST", "/api/v1/groups")).to.equal(3);
    });

    it("retries 4xx only with Retry On All Errors, with exponential backoff when asked", async () => {
        const plain = await failure(client.raw({ method: "GET", url: "/groups/00gmissing", maxRetryCount: 2 }));
        expect(plain.status).to.equal(404);
        expect(await org.control.count("GET", "/api/v1/groups/:groupId")).to.equal(1);
        const all = await failure(client.raw({ method: "GET", url: "/groups/00gmissing", maxRetryCount: 2, retryOnAllErrors: true, useExponentialBackoff: true }));
        expect(all.status).to.equal(404);
        expect(await org.control.count("GET", "/api/v1/groups/:groupId")).to.equal(4);
    });

    it("applies Timeout to each attempt", async () => {
        await org.control.addFault({ path: "/api/v1/groups", latencyMs: 1500, times: 1 });
        const err = await failure(client.raw({ method: "GET", url: "/groups", timeoutMs: 200 }));
        expect(err).to.be.instanceOf(OktaTransportError);
        expect(err.timedOut).to.equal(true);
    });
});
