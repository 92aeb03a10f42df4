import { expect } from "chai";
import { Agent } from "undici";
import { OktaTransportError, SYSTEM_LOG_MAX_RECORDS, type OktaClient, type OktaResponse } from "../../../core/client";
import { failure } from "../../support/failure";
import { items, pages } from "../../../core/client/pagination";
import { testClient } from "../../support/client";
import { startTestOrg, type TestOrg } from "../../support/emulator";

describe("client: pagination", () => {
    describe("against the emulator", () => {
        let org: TestOrg;
        let client: OktaClient;
        let names: string[];
        before(async () => {
            org = await startTestOrg({ seed: { groups: Array.from({ length: 11 }, (_, i) => ({ name: `g${String(i).padStart(2, "0")}` })) } });
            client = testClient(org);
            // Every group in creation order, read in one raw page: the BUILT_IN groups first, then the seeded ones.
            names = (await org.api("GET", "/api/v1/groups?limit=200")).body.map((g: any) => g.profile.name);
            expect(names.slice(-11)).to.deep.equal(Array.from({ length: 11 }, (_, i) => `g${String(i).padStart(2, "0")}`));
        });
        after(async () => {
            await client.close();
            await org.close();
        });
        const collect = async (iterator: AsyncGenerator<any>) => {
            const out: string[] = [];
            for await (const group of iterator) {
                out.push(group.profile.name);
            }
            return out;
        };

        it("follows Link headers larger than Node's 16 KiB default (Okta repeats a long filter in self and next)", async () => {
            const ids: string[] = (await org.api("GET", "/api/v1/groups?limit=200")).body.slice(-3).map((g: any) => g.id);
            const filler = Array.from({ length: 260 }, (_, i) => `id eq "00g${String(i).padStart(17, "0")}"`);
            const filter = [...ids.map((id) => `id eq "${id}"`), ...filler].join(" or ");
            const first = await client.request<unknown[]>({ method: "GET", path: "/api/v1/groups", query: { filter, limit: 1 } });
            const linkBytes = [first.headers.link].flat().join(", ").length;
            expect(linkBytes).to.be.above(16 * 1024);
            expect(await collect(client.paginate("/api/v1/groups", { filter, limit: 1 }))).to.deep.equal(names.slice(-3));
        });

        it("does not retry an answer whose headers are over the dispatcher's limit: it would come back the same", async () => {
            const small = new Agent({ maxHeaderSize: 1024 });
            const strict = testClient(org, { dispatcher: small });
            const filter = Array.from({ length: 40 }, (_, i) => `id eq "00g${String(i).padStart(17, "0")}"`).join(" or ");
            try {
                const err = await failure(strict.get("/api/v1/groups", { filter, limit: 1 }));
                expect(err).to.be.instanceOf(OktaTransportError);
                expect(err.attempts).to.equal(1);
            } finally {
                await small.close();
            }
        });

        it("fetches every page with `limit` as page size", async () => {
            await org.control.resetStats();
            expect(await collect(client.paginate("/api/v1/groups", {}, { limit: 5 }))).to.deep.equal(names);
            expect(await org.control.count("GET", "/api/v1/groups")).to.equal(Math.ceil(names.length / 5));
        });

        it("stops after the first page when fetchAll is false, and hands out the next cursor", async () => {
            const seen = [];
            for await (const page of client.pages<any>("/api/v1/groups", {}, { limit: 4, fetchAll: false })) {
                seen.push(page);
            }
            expect(seen).to.have.length(1);
            expect(seen[0].items.map((g: any) => g.profile.name)).to.deep.equal(names.slice(0, 4));
            expect(seen[0].after).to.equal(seen[0].items[3].id);
            // Resuming from that cursor gives the rest.
            expect(await collect(client.paginate("/api/v1/groups", {}, { limit: 4, after: seen[0].after }))).to.deep.equal(names.slice(4));
        });

        it("caps the number of items at maxItems without fetching further pages", async () => {
            await org.control.resetStats();
            expect(await collect(client.paginate("/api/v1/groups", { limit: 3 }, { maxItems: 5 }))).to.deep.equal(names.slice(0, 5));
            expect(await org.control.count("GET", "/api/v1/groups")).to.equal(2);
        });

        it("ends on the last page, which has no next link", async () => {
            const all = [];
            const limit = Math.ceil(names.length / 2);
            for await (const page of client.pages<any>("/api/v1/groups", {}, { limit })) {
                all.push(page);
            }
            expect(all.map((p) => p.items.length)).to.deep.equal([limit, names.length - limit]);
            expect(all[0].next).to.be.a("string");
            expect(all[1].next).to.equal(undefined);
        });
    });

    describe("System Log polling semantics (an in-memory page source)", () => {
        // A polling System Log read links a next page forever (docs/okta/system-log.md#polling-and-bounded); this
        // source does the same.
        const endlessLog = (perPage: number, total: number) => {
            let served = 0;
            return async <T>(): Promise<OktaResponse<T[]>> => {
                const count = Math.max(0, Math.min(perPage, total - served));
                const body = Array.from({ length: count }, (_, i) => ({ uuid: served + i })) as T[];
                served += count;
                return { status: 200, body, headers: {}, links: new Map([["next", "https://org.example/api/v1/logs?after=x"]]), attempts: 1 };
            };
        };

        it("caps System Log reads at 10,000 records even when more are asked for", async () => {
            let count = 0;
            for await (const _ of items(endlessLog(1000, 50_000), "/api/v1/logs", {}, { maxItems: 20_000 })) {
                count++;
            }
            expect(count).to.equal(SYSTEM_LOG_MAX_RECORDS);
        });

        it("stops at the first empty page although a next link is present", async () => {
            let pageCount = 0;
            let count = 0;
            for await (const page of pages(endlessLog(100, 250), "/api/v1/logs")) {
                pageCount++;
                count += page.items.length;
            }
            expect([pageCount, count]).to.deep.equal([4, 250]);
        });
    });
});
