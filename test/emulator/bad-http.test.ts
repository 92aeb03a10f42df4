import { expect } from "chai";
import { maxHeaderSize } from "node:http";
import { expectOktaError } from "../support/okta-assertions";
import { parseAnswers, rawExchange, rawRequest, type RawAnswer } from "../support/raw-http";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/** The head of a request with the test token; `extra` are more header lines. */
const head = (requestLine: string, ...extra: string[]) =>
    [requestLine, "Host: 127.0.0.1", `Authorization: SSWS ${TEST_TOKEN}`, "Accept: application/json", ...extra].join("\r\n") + "\r\n\r\n";

/** A complete JSON request (the connection closes after the answer). */
const jsonRequest = (method: string, path: string, body: string | Buffer) => {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    return Buffer.concat([
        Buffer.from(head(`${method} ${path} HTTP/1.1`, "Content-Type: application/json", `Content-Length: ${bytes.length}`, "Connection: close")),
        bytes,
    ]);
};

/** An Okta error answer as read off the socket: JSON body, Okta's shape, the code given. */
function expectOktaErrorAnswer(answer: RawAnswer, status: number, code: string): Record<string, any> {
    expect(answer.headers["content-type"]).to.match(/^application\/json/);
    const body = JSON.parse(answer.body);
    expectOktaError({ status: answer.status, body }, status, code);
    return body;
}

describe("emulator: malformed HTTP over raw sockets", () => {
    let org: TestOrg;
    let port: number;

    beforeEach(async () => {
        org = await startTestOrg();
        port = Number(new URL(org.url).port);
    });
    afterEach(() => org.close());

    describe("requests Node's HTTP parser refuses get Okta's error body, then the connection closes", () => {
        it("headers over the limit -> 431 E0000002", async () => {
            const answer = await rawRequest(port, head("GET /api/v1/groups HTTP/1.1", `X-Padding: ${"a".repeat(maxHeaderSize + 1)}`));
            const body = expectOktaErrorAnswer(answer, 431, "E0000002");
            expect(body.errorSummary).to.equal(`The request was not valid: the request line and headers exceed ${maxHeaderSize} bytes`);
            expect(answer.headers.connection).to.equal("close");
            expect(answer.headers["x-okta-request-id"]).to.match(/^[\w-]{20}$/);
        });

        it("a URL (query) over the limit -> 431 E0000002", async () => {
            const answer = await rawRequest(port, head(`GET /api/v1/groups?q=${"a".repeat(maxHeaderSize + 1)} HTTP/1.1`));
            expectOktaErrorAnswer(answer, 431, "E0000002");
        });

        it("bad chunked encoding -> 400 E0000003, counted under its route, and nothing is created", async () => {
            const request = head("POST /api/v1/groups HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked") +
                'zz\r\n{"profile":{"name":"Chunked"}}\r\n0\r\n\r\n';
            const body = expectOktaErrorAnswer(await rawRequest(port, request), 400, "E0000003");
            expect(body.errorSummary).to.equal("The request body was not well-formed.");
            expect(body.errorCauses).to.deep.equal([{ errorSummary: "Invalid character in chunk size" }]);
            const stats = await waitForStats(org, (s) => s.byStatus["400"] === 1);
            expect(stats.byRoute["POST /api/v1/groups"]).to.equal(1);
            expect(stats.byStatus).not.to.have.any.keys("500", "aborted");
            expect((await org.api("GET", "/api/v1/groups?q=Chunked")).body).to.deep.equal([]);
        });

        it("conflicting Content-Length headers -> 400 E0000003", async () => {
            const request = head("POST /api/v1/groups HTTP/1.1", "Content-Type: application/json", "Content-Length: 2", "Content-Length: 30") + "{}";
            const body = expectOktaErrorAnswer(await rawRequest(port, request), 400, "E0000003");
            expect(body.errorCauses).to.deep.equal([{ errorSummary: "Duplicate Content-Length" }]);
        });

        it("Content-Length together with Transfer-Encoding -> 400 E0000003", async () => {
            const request = head("POST /api/v1/groups HTTP/1.1", "Content-Length: 2", "Transfer-Encoding: chunked") + "2\r\n{}\r\n0\r\n\r\n";
            expectOktaErrorAnswer(await rawRequest(port, request), 400, "E0000003");
        });

        it("raw non-ASCII bytes in the path -> 400 E0000002", async () => {
            const request = Buffer.concat([
                Buffer.from("GET /api/v1/users/"),
                Buffer.from([0xc3, 0xa9, 0xff]),
                Buffer.from(head(" HTTP/1.1").slice(" HTTP/1.1".length)),
            ]);
            const body = expectOktaErrorAnswer(await rawRequest(port, request), 400, "E0000002");
            expect(body.errorSummary).to.match(/^The request was not valid: /);
        });

        it("a broken request after a good one on the same connection: the good one is answered first", async () => {
            const good = head("GET /api/v1/groups HTTP/1.1");
            const broken = head("POST /api/v1/groups HTTP/1.1", "Content-Length: 2", "Content-Length: 3") + "{}";
            const answers = parseAnswers(await rawExchange(port, good + broken));
            expect(answers.map((a) => a.status)).to.deep.equal([200, 400]);
            expect(JSON.parse(answers[0].body)[0].profile.name).to.equal("Everyone");
            expectOktaErrorAnswer(answers[1], 400, "E0000003");
        });

        it("the control API's stats count them under (unparsed)", async () => {
            await rawRequest(port, head(`GET /api/v1/groups?q=${"a".repeat(maxHeaderSize + 1)} HTTP/1.1`));
            await rawRequest(port, head("POST /api/v1/groups HTTP/1.1", "Content-Length: 2", "Content-Length: 3") + "{}");
            const stats = await org.control.stats();
            expect(stats.byRoute["(unparsed)"]).to.equal(2);
            expect(stats.byStatus).to.include({ 400: 1, 431: 1 });
            expect(stats.total).to.equal(2);
        });
    });

    describe("text in bodies", () => {
        const userBody = (firstName: string, lastName = "Lovelace") =>
            `{"profile":{"login":"ada@example.com","email":"ada@example.com","firstName":"${firstName}","lastName":"${lastName}"}}`;

        it("a lone surrogate (\\ud800 escape) in a user's profile -> 400 E0000001 naming the field; nothing is created", async () => {
            const answer = await rawRequest(port, jsonRequest("POST", "/api/v1/users?activate=false", userBody("Ada\\ud800")));
            const body = expectOktaErrorAnswer(answer, 400, "E0000001");
            expect(body.errorSummary).to.equal("Api validation failed: firstName");
            expect(body.errorCauses).to.deep.equal([{ errorSummary: "firstName: The field must be valid UTF-8 text without NUL characters" }]);
            expect((await org.api("GET", "/api/v1/users/ada@example.com")).status).to.equal(404);
        });

        it("a NUL character (\\u0000) in a user's profile, on create and on update -> 400 E0000001 naming the field", async () => {
            const created = await rawRequest(port, jsonRequest("POST", "/api/v1/users?activate=false", userBody("Ada", "Love\\u0000lace")));
            expect(expectOktaErrorAnswer(created, 400, "E0000001").errorSummary).to.equal("Api validation failed: lastName");

            const user = await org.api("POST", "/api/v1/users?activate=false", { rawBody: userBody("Ada") });
            expect(user.status).to.equal(200);
            const updated = await rawRequest(port, jsonRequest("POST", `/api/v1/users/${user.body.id}`, '{"profile":{"nickName":"A\\u0000"}}'));
            const body = expectOktaErrorAnswer(updated, 400, "E0000001");
            expect(body.errorCauses).to.deep.equal([{ errorSummary: "nickName: The field must be valid UTF-8 text without NUL characters" }]);
            const replaced = await rawRequest(port, jsonRequest("PUT", `/api/v1/users/${user.body.id}`, userBody("\\udc00Ada")));
            expect(expectOktaErrorAnswer(replaced, 400, "E0000001").errorSummary).to.equal("Api validation failed: firstName");
            expect((await org.api("GET", `/api/v1/users/${user.body.id}`)).body.profile).to.include({ firstName: "Ada", lastName: "Lovelace" });
            expect((await org.api("GET", `/api/v1/users/${user.body.id}`)).body.profile).not.to.have.property("nickName");
        });

        it("raw bytes that are not UTF-8 in a JSON body -> 400 E0000003 (the body is not well-formed JSON text)", async () => {
            const bytes = Buffer.concat([Buffer.from(userBody("Ada").replace('"Ada"', '"Ad')), Buffer.from([0xff, 0xfe]), Buffer.from('a"}}')]);
            expect(bytes.toString("utf8")).to.include("\ufffd"); // what a lenient decoder would have stored
            const body = expectOktaErrorAnswer(await rawRequest(port, jsonRequest("POST", "/api/v1/users?activate=false", bytes)), 400, "E0000003");
            expect(body.errorCauses).to.deep.equal([{ errorSummary: "The request body is not valid UTF-8" }]);
            expect((await org.api("GET", "/api/v1/users/ada@example.com")).status).to.equal(404);
        });

        it("a group name or description that is not text -> 400 E0000001 naming the field", async () => {
            const name = await rawRequest(port, jsonRequest("POST", "/api/v1/groups", '{"profile":{"name":"Eng\\ud83d"}}'));
            expect(expectOktaErrorAnswer(name, 400, "E0000001").errorCauses).to.deep.equal([
                { errorSummary: "name: The field must be valid UTF-8 text without NUL characters" },
            ]);
            const description = await rawRequest(port, jsonRequest("POST", "/api/v1/groups", '{"profile":{"name":"Eng","description":"a\\u0000b"}}'));
            expect(expectOktaErrorAnswer(description, 400, "E0000001").errorSummary).to.equal("Api validation failed: description");
        });

        it("well-formed text outside the BMP, escaped or not, is accepted", async () => {
            const answer = await rawRequest(port, jsonRequest("POST", "/api/v1/groups", '{"profile":{"name":"Eng \\ud83d\\ude00 😀","description":"é"}}'));
            expect(answer.status, answer.body).to.equal(200);
            expect(JSON.parse(answer.body).profile).to.deep.equal({ name: "Eng 😀 😀", description: "é" });
        });
    });

    describe("a client that goes away in the middle of its body", () => {
        it("is counted as aborted, not as a 500, and changes nothing", async () => {
            const before = (await org.api("GET", "/api/v1/groups")).body;
            await org.control.resetStats();
            const partial = head("POST /api/v1/groups HTTP/1.1", "Content-Type: application/json", "Content-Length: 100") + '{"profile":{"na';
            expect((await rawExchange(port, partial, { closeAfterMs: 100 })).length, "no answer").to.equal(0);
            const stats = await waitForStats(org, (s) => s.byStatus.aborted === 1);
            expect(stats.byStatus).to.deep.equal({ aborted: 1 });
            expect(stats.byRoute["POST /api/v1/groups"]).to.equal(1);
            expect((await org.api("GET", "/api/v1/groups")).body).to.deep.equal(before);
        });
    });
});

/** The stats once the emulator has finished counting (a request's outcome is counted when its handling ends). */
async function waitForStats(
    org: TestOrg,
    done: (stats: Awaited<ReturnType<TestOrg["control"]["stats"]>>) => boolean,
): Promise<Awaited<ReturnType<TestOrg["control"]["stats"]>>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
        const stats = await org.control.stats();
        if (done(stats) || Date.now() > deadline) {
            return stats;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
