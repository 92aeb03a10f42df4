import { expect } from "chai";
import { SystemLog } from "../../emulator/areas/logs/system-log";
import { OktaSpec } from "../support/openapi/spec";
import { startTestOrg, TEST_TOKEN, type RawResponse, type TestOrg } from "../support/emulator";
import { needsReferenceData } from "../support/reference-data";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe("emulator: /api/v1/logs over HTTP", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    const links = (res: RawResponse) => {
        const header = res.headers.get("link") ?? "";
        const rel = (name: string) => new RegExp(`<([^>]+)>; rel="${name}"`).exec(header)?.[1];
        return { self: rel("self"), next: rel("next") };
    };

    /** GET by absolute URL (a next link) with the test token. */
    const follow = (url: string) => org.api("GET", url.slice(org.url.length));

    const createGroup = async (name: string) => {
        const res = await org.api("POST", "/api/v1/groups", { body: { profile: { name } } });
        expect(res.status).to.equal(200);
        return res;
    };

    const expectLogError = (res: RawResponse, code: string, summary: string | RegExp) => {
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body.errorCode).to.equal(code);
        if (typeof summary === "string") {
            expect(res.body.errorSummary).to.equal(summary);
        } else {
            expect(res.body.errorSummary).to.match(summary);
        }
        // The System Log's errors carry no errorLink (docs/okta/system-log.md#errors).
        expect(res.body).not.to.have.property("errorLink");
        expect(res.body.errorId).to.be.a("string");
    };

    describe("events", () => {
        it("are Okta-shaped LogEvents that validate against the spec and name the request and token", needsReferenceData(async () => {
            const created = await createGroup("Platform");
            const res = await org.api("GET", "/api/v1/logs");
            expect(res.status).to.equal(200);
            const [event] = res.body;
            expect(OktaSpec.load().schemaErrors("LogEvent", event)).to.deep.equal([]);
            expect(event).to.include({ eventType: "group.lifecycle.create", version: "0", severity: "INFO", displayMessage: "Create Okta group" });
            expect(event.uuid).to.match(/^[0-9a-f-]{36}$/);
            expect(event.published).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
            expect(event.outcome).to.deep.equal({ result: "SUCCESS" });
            expect(event.actor).to.include({ type: "User" });
            expect(event.target).to.deep.equal([{ id: created.body.id, type: "UserGroup", alternateId: "unknown", displayName: "Platform" }]);
            expect(event.transaction.type).to.equal("WEB");
            expect(event.transaction.id).to.equal(created.headers.get("x-okta-request-id"));
            expect(event.transaction.detail.requestApiTokenId).to.match(/^00T[0-9A-Za-z]{17}$/);
            expect(event.debugContext.debugData).to.deep.equal({
                requestId: created.headers.get("x-okta-request-id"),
                requestUri: "/api/v1/groups",
                url: "/api/v1/groups",
            });
        }));
    });

    describe("polling", () => {
        it("always has a next link, and following it picks up later events exactly once", async () => {
            await createGroup("g1");
            const first = await org.api("GET", "/api/v1/logs");
            expect(first.body.map((e: any) => e.target[0].displayName)).to.deep.equal(["g1"]);
            expect(links(first).self).to.equal(`${org.url}/api/v1/logs`);
            const next = links(first).next!;
            expect(next).to.match(/after=/);

            const empty = await follow(next);
            expect(empty.status).to.equal(200);
            expect(empty.body).to.deep.equal([]);
            expect(links(empty).next).to.be.a("string");

            for (const name of ["g2", "g3", "g4"]) {
                await createGroup(name);
            }
            // Page through with limit=2 from the empty page's next link: g2 g3 | g4 | (empty, still a next link).
            const seen: string[] = [];
            let url = links(empty).next!.replace("limit=100", "limit=2");
            for (let page = 0; page < 4; page++) {
                const res = await follow(url);
                expect(res.status).to.equal(200);
                seen.push(...res.body.map((e: any) => e.target[0].displayName));
                url = links(res).next!;
                expect(url, `page ${page} has a next link`).to.be.a("string");
            }
            expect(seen).to.deep.equal(["g2", "g3", "g4"]);
        });

        it("keeps its cursor past events the filter skipped, and drops since from next links", async () => {
            await createGroup("keep");
            const filter = encodeURIComponent('eventType eq "group.profile.update"');
            const res = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(daysAgo(1))}&filter=${filter}`);
            expect(res.body).to.deep.equal([]);
            const next = links(res).next!;
            expect(new URL(next).searchParams.has("since")).to.equal(false);
            expect(new URL(next).searchParams.get("filter")).to.equal('eventType eq "group.profile.update"');
            const created = await createGroup("rename me");
            await org.api("PUT", `/api/v1/groups/${created.body.id}`, { body: { profile: { name: "renamed" } } });
            const later = await follow(next);
            expect(later.body.map((e: any) => e.eventType)).to.deep.equal(["group.profile.update"]);
        });

        it("starts at since, by persistence time", async () => {
            await createGroup("before");
            const cut = new Date(Date.now() + 5).toISOString();
            await new Promise((resolve) => setTimeout(resolve, 20));
            await createGroup("after");
            const res = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(cut)}`);
            expect(res.body.map((e: any) => e.target[0].displayName)).to.deep.equal(["after"]);
        });

        it("answers limit=0 with no events and a next link that loses nothing", async () => {
            await createGroup("zero");
            const res = await org.api("GET", "/api/v1/logs?limit=0");
            expect(res.body).to.deep.equal([]);
            const rest = await follow(links(res).next!.replace("limit=0", "limit=10"));
            expect(rest.body.map((e: any) => e.target[0].displayName)).to.deep.equal(["zero"]);
        });
    });

    describe("bounded queries", () => {
        const seeded = async () => {
            await org.close();
            // Seeded history, deliberately listed out of order.
            org = await startTestOrg({
                seed: {
                    logEvents: [
                        { eventType: "user.lifecycle.create", displayMessage: "Create Okta user", published: daysAgo(3) },
                        { eventType: "user.lifecycle.activate", displayMessage: "Activate Okta user", published: daysAgo(5) },
                        { eventType: "user.session.start", displayMessage: "User login to Okta", published: daysAgo(1) },
                        { eventType: "user.lifecycle.suspend", displayMessage: "Suspend Okta user", published: daysAgo(2) },
                        { eventType: "user.lifecycle.deactivate", displayMessage: "Deactivate Okta user", published: daysAgo(100) },
                    ],
                },
            });
        };
        it("orders by published, pages with next links, and ends without one", async () => {
            await seeded();
            const since = daysAgo(10);
            const types: string[] = [];
            let res = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(since)}&until=${encodeURIComponent(daysAgo(0.5))}&limit=2`);
            for (;;) {
                expect(res.status).to.equal(200);
                types.push(...res.body.map((e: any) => e.eventType));
                const next = links(res).next;
                if (!next) {
                    break;
                }
                expect(new URL(next).searchParams.get("since")).to.equal(since);
                res = await follow(next);
            }
            expect(types).to.deep.equal(["user.lifecycle.activate", "user.lifecycle.create", "user.lifecycle.suspend", "user.session.start"]);
        });

        it("sorts DESCENDING, and keeps paging stable while new events arrive", async () => {
            await seeded();
            const first = await org.api("GET", "/api/v1/logs?sortOrder=DESCENDING&limit=2");
            expect(first.body.map((e: any) => e.eventType)).to.deep.equal(["user.session.start", "user.lifecycle.suspend"]);
            const next = links(first).next!;
            // A descending query without until is bounded at the time of the first page; next links pin it.
            expect(new URL(next).searchParams.get("until")).to.match(/Z$/);
            await createGroup("arrives meanwhile");
            const second = await follow(next);
            expect(second.body.map((e: any) => e.eventType)).to.deep.equal(["user.lifecycle.create", "user.lifecycle.activate"]);
            expect(links(second).next).to.equal(undefined);
        });

        it("returns nothing older than the 90-day retention", async () => {
            await seeded();
            const res = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(daysAgo(120))}&until=${encodeURIComponent(daysAgo(0))}`);
            expect(res.body.map((e: any) => e.eventType)).not.to.include("user.lifecycle.deactivate");
            expect(res.body).to.have.length(4);
        });
    });

    describe("filter and q", () => {
        beforeEach(async () => {
            await createGroup("Blue-Team");
            await createGroup("Red Team");
        });
        const query = async (params: string) => {
            const res = await org.api("GET", `/api/v1/logs?${params}`);
            expect(res.status, JSON.stringify(res.body)).to.equal(200);
            return res.body.map((e: any) => e.target[0].displayName);
        };
        const filter = (expression: string) => query(`filter=${encodeURIComponent(expression)}`);

        it("supports every operator on LogEvent fields, including array fields such as target", async () => {
            expect(await filter('eventType eq "group.lifecycle.create"')).to.deep.equal(["Blue-Team", "Red Team"]);
            expect(await filter('target.displayName sw "Blue"')).to.deep.equal(["Blue-Team"]);
            expect(await filter('target.displayName ew "Team"')).to.deep.equal(["Blue-Team", "Red Team"]);
            expect(await filter('target.displayName co "d T"')).to.deep.equal(["Red Team"]);
            expect(await filter('target.displayName ne "Red Team"')).to.deep.equal(["Blue-Team"]);
            expect(await filter("outcome.reason pr")).to.deep.equal([]);
            expect(await filter('(target.displayName eq "Red Team" or target.displayName eq "Blue-Team") and severity eq "INFO"')).to.have.length(2);
            expect(await filter('debugContext.debugData.requestUri eq "/api/v1/groups"')).to.have.length(2);
            const token = org.emulator.store.apiTokens.get(TEST_TOKEN)!.id;
            expect(await filter(`transaction.detail.requestApiTokenId eq "${token}"`)).to.have.length(2);
        });

        it("matches q keywords case-insensitively, all of them, splitting hyphenated words", async () => {
            expect(await query("q=blue")).to.deep.equal(["Blue-Team"]);
            expect(await query("q=blue-team")).to.deep.equal(["Blue-Team"]);
            expect(await query("q=TEAM")).to.deep.equal(["Blue-Team", "Red Team"]);
            expect(await query("q=red+team")).to.deep.equal(["Red Team"]);
            expect(await query("q=red+blue")).to.deep.equal([]);
            expect(await query("q=tea")).to.deep.equal([]);
        });
    });

    describe("errors, in the System Log's own terms", () => {
        it("gives one E0000001 cause per problem for bad dates", async () => {
            const res = await org.api("GET", "/api/v1/logs?since=yesterday&until=2024-13-45T00:00:00Z");
            expectLogError(res, "E0000001", /^Api validation failed: 'since': The date format in your query is not recognized\./);
            expect(res.body.errorSummary).to.contain("'until': must be a valid date-time or empty.");
            expect(res.body.errorCauses.map((c: any) => c.errorSummary)).to.deep.equal([
                "since: The date format in your query is not recognized. Please enter dates using ISO8601 string format.",
                "since: must be a valid date-time or empty.",
                "until: The date format in your query is not recognized. Please enter dates using ISO8601 string format.",
                "until: must be a valid date-time or empty.",
            ]);
            const single = await org.api("GET", "/api/v1/logs?until=2024-02-30T00:00:00Z");
            expectLogError(
                single,
                "E0000001",
                "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format. 'until': must be a valid date-time or empty.",
            );
        });

        it("accepts ISO 8601 dates and date-times, with Z or an offset, with or without milliseconds", async () => {
            const day = daysAgo(2).slice(0, 10);
            for (const since of [day, `${day}T10:00:00Z`, `${day}T10:00:00.123Z`, `${day}T10:00:00+02:00`, `${day}T10:00:00-0500`, `${day}T10:00Z`]) {
                const res = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(since)}&until=${encodeURIComponent(daysAgo(0))}`);
                expect(res.status, `${since}: ${JSON.stringify(res.body)}`).to.equal(200);
            }
            // A "+" sent unencoded arrives as a space; Okta's own examples use "+00:00" offsets.
            const unencodedPlus = await org.api("GET", `/api/v1/logs?since=${day}T10:00:00+00:00`);
            expect(unencodedPlus.status).to.equal(200);
            expectLogError(await org.api("GET", `/api/v1/logs?since=${day}T25:00:00Z`), "E0000001", /'since'/);
        });

        it("refuses unknown operators, fields and unsupported combinations with Okta's messages", async () => {
            const filter = (expression: string) => org.api("GET", `/api/v1/logs?filter=${encodeURIComponent(expression)}`);
            expectLogError(
                await filter('display_message eqq "Create okta user"'),
                "E0000053",
                "Invalid filter 'display_message eqq \"Create okta user\"': Unrecognized attribute operator 'eqq' at position 16. Expected: eq,co,sw,pr,gt,ge,lt,le",
            );
            expectLogError(await filter('some_invalid_field eq "x"'), "E0000053", "field is not valid: some_invalid_field");
            expectLogError(await filter('published gt "2026-01-01T00:00:00Z"'), "E0000053", "field is not valid: published");
            expectLogError(
                await filter('debugContext.debugData.url co "/oauth/"'),
                "E0000031",
                "The supplied combination of operator and field is not currently supported. Operator: co, Field: debugContext.debugData.url",
            );
            expectLogError(await filter('eventType eq "unterminated'), "E0000053", /^Invalid filter 'eventType eq "unterminated': /);
            expectLogError(await filter('eventType eq "x" and'), "E0000053", /^Invalid filter/);
            // Deep nesting is refused rather than exhausting the parser's stack.
            expectLogError(await filter(`${"(".repeat(5000)}eventType pr${")".repeat(5000)}`), "E0000053", /nested/);
            const unknownOp = await filter('eventType eqq "x"');
            expect(unknownOp.body).not.to.have.property("errorCauses");
        });

        it("refuses since over 180 days back, and since together with after when polling", async () => {
            expectLogError(
                await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(daysAgo(181))}`),
                "E0000053",
                "Invalid parameter: The since parameter is over 180 days prior to the current day.",
            );
            const first = await org.api("GET", "/api/v1/logs");
            const after = new URL(links(first).next!).searchParams.get("after")!;
            const both = await org.api("GET", `/api/v1/logs?since=${encodeURIComponent(daysAgo(1))}&after=${after}`);
            expectLogError(both, "E0000053", /since and after/);
            expectLogError(await org.api("GET", "/api/v1/logs?after=not-a-cursor"), "E0000001", /'after'/);
        });

        it("limits q to 10 keywords of at most 40 characters", async () => {
            expectLogError(
                await org.api("GET", `/api/v1/logs?q=${"x".repeat(41)}`),
                "E0000001",
                "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.",
            );
            expect((await org.api("GET", `/api/v1/logs?q=${"x".repeat(40)}`)).status).to.equal(200);
            const eleven = Array.from({ length: 11 }, (_, i) => `k${i}`).join("+");
            expectLogError(await org.api("GET", `/api/v1/logs?q=${eleven}`), "E0000001", /more than 10 items/);
        });

        it("checks limit and sortOrder, capping limit at 1000", async () => {
            expectLogError(await org.api("GET", "/api/v1/logs?limit=abc"), "E0000001", /'limit'/);
            expectLogError(await org.api("GET", "/api/v1/logs?limit=-1"), "E0000001", /'limit'/);
            expectLogError(await org.api("GET", "/api/v1/logs?sortOrder=SIDEWAYS"), "E0000001", /'sortOrder'/);
            const capped = await org.api("GET", "/api/v1/logs?limit=5000");
            expect(capped.status).to.equal(200);
            expect(new URL(links(capped).next!).searchParams.get("limit")).to.equal("1000");
        });
    });
});

describe("emulator: SystemLog store", () => {
    it("drops the oldest events beyond its bound while sequence cursors stay valid", () => {
        const log = new SystemLog({ maxEvents: 10 });
        for (let i = 0; i < 25; i++) {
            log.append({ eventType: "test.event", displayMessage: `event ${i}` });
        }
        expect(log.size).to.be.at.most(11);
        expect(log.lastSeq).to.equal(25);
        const stored = log.stored();
        expect(stored[stored.length - 1].event.displayMessage).to.equal("event 24");
        // A cursor older than everything kept reads from the oldest kept event; a recent one from just after it.
        expect(log.indexAfterSeq(3)).to.equal(0);
        expect(stored[log.indexAfterSeq(20)].event.displayMessage).to.equal("event 20");
    });

    it("keeps persistence time monotonic even for events published in the past", () => {
        const log = new SystemLog();
        log.append({ eventType: "a.b", displayMessage: "now" });
        log.append({ eventType: "a.b", displayMessage: "old", published: "2020-01-01T00:00:00.000Z" });
        const [first, second] = log.stored();
        expect(second.persistedAt).to.be.at.least(first.persistedAt);
        expect(second.event.published).to.equal("2020-01-01T00:00:00.000Z");
    });
});
