import { expect } from "chai";
import type { SeedDocument } from "../../emulator";
import type { OktaClient } from "../../core/client";
import * as okta from "../../sdk";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { failure } from "../support/failure";
import { resolveConnectionSettings } from "../../core/connection/settings";
import { clientFor } from "../../core/connection/authenticator";

/** `getSystemLogs`: bounded and polling queries, paging, and the product's 10,000-record cap on fetch-all. */
describe("functions: getSystemLogs against the emulator", function () {
    this.timeout(60_000);
    let org: TestOrg;
    let client: OktaClient;
    let opts: okta.FunctionOptions;
    const requests: string[] = [];
    const base = Date.now() - 3600_000;
    const at = (i: number) => new Date(base + i * 100).toISOString();
    const since = new Date(base - 1000).toISOString();
    const until = new Date(base + 2000_000).toISOString();

    before(async () => {
        const logEvents: SeedDocument["logEvents"] = Array.from({ length: 10_050 }, (_, i) => ({
            eventType: i % 10 === 0 ? "user.lifecycle.create" : "user.session.start",
            displayMessage: i === 4242 ? "event 4242 quokka" : `event ${i}`,
            published: at(i),
        }));
        org = await startTestOrg({ seed: { logEvents } });
        client = clientFor(resolveConnectionSettings(() => undefined, {}, { orgUrl: org.url, apiToken: TEST_TOKEN }), {
            logger: { debug: (line) => void requests.push(line) },
        });
        opts = { client };
    });
    after(async () => {
        await client.close();
        await org.close();
    });

    it("pages a bounded query with limit and after, over more than one page", async () => {
        const first = await okta.getSystemLogs({ since, until, limit: 3 }, opts);
        expect(first.items.map((e) => e.displayMessage)).to.deep.equal(["event 0", "event 1", "event 2"]);
        const second = await okta.getSystemLogs({ until, limit: 3, after: first.nextCursor }, opts);
        expect(second.items.map((e) => e.displayMessage)).to.deep.equal(["event 3", "event 4", "event 5"]);
    });

    it("caps a fetch-all at 10,000 records, in pages of 1,000, and says it was truncated", async () => {
        requests.length = 0;
        const result = await okta.getSystemLogs({ since, until, fetchAll: true }, opts);
        expect(result.items).to.have.length(10_000);
        expect(result.truncated).to.equal(true);
        expect(result.items[9_999].displayMessage).to.equal("event 9999");
        expect(requests.filter((line) => line.startsWith("→ GET /api/v1/logs"))).to.have.length(10, "ten pages of 1,000");
        const rest = await okta.getSystemLogs({ until, after: result.nextCursor, fetchAll: true }, opts);
        expect(rest.items.map((e) => e.displayMessage)).to.deep.equal(Array.from({ length: 50 }, (_, i) => `event ${10_000 + i}`));
        expect(rest.truncated).to.equal(false);
        expect(rest.nextCursor).to.equal(undefined);
    });

    it("never returns more than 10,000 even when asked for more; a smaller cap falls on a page boundary", async () => {
        const big = await okta.getSystemLogs({ since, until, fetchAll: true, maxItems: 20_000 }, opts);
        expect(big.items).to.have.length(10_000);
        const small = await okta.getSystemLogs({ since, until, fetchAll: true, maxItems: 2_500, limit: 1000 }, opts);
        expect([small.items.length, small.truncated]).to.deep.equal([2_500, true]);
        const next = await okta.getSystemLogs({ until, after: small.nextCursor, limit: 2 }, opts);
        expect(next.items.map((e) => e.displayMessage)).to.deep.equal(["event 2500", "event 2501"]);
    });

    it("filters, searches and sorts descending", async () => {
        const created = await okta.getSystemLogs({ since, until, filter: 'eventType eq "user.lifecycle.create"', fetchAll: true }, opts);
        expect(created.items).to.have.length(1005);
        const found = await okta.getSystemLogs({ since, until, q: "quokka" }, opts);
        expect(found.items.map((e) => e.displayMessage)).to.deep.equal(["event 4242 quokka"]);
        const newest = await okta.getSystemLogs({ since, until, sortOrder: "DESCENDING", limit: 2 }, opts);
        expect(newest.items.map((e) => e.displayMessage)).to.deep.equal(["event 10049", "event 10048"]);
    });

    it("a polling fetch-all (no until) stops at the first empty page and returns where to resume", async () => {
        const recent = new Date(base + 10_040 * 100).toISOString();
        const polled = await okta.getSystemLogs({ since: recent, fetchAll: true, limit: 4 }, opts);
        expect(polled.items.map((e) => e.displayMessage)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `event ${10_040 + i}`));
        expect(polled.nextCursor).to.be.a("string");
        expect(polled.truncated).to.equal(false);
        expect((await okta.getSystemLogs({ after: polled.nextCursor }, opts)).items).to.deep.equal([]);
    });

    it("reports Okta's errors: since with after, a bad sort order before any request", async () => {
        const both = await failure(okta.getSystemLogs({ since, after: "1_0" }, opts));
        expect(both.status).to.equal(400);
        expect((await failure(okta.getSystemLogs({ sortOrder: "UP" as any }, opts))).name).to.equal("ArgumentError");
    });
});
