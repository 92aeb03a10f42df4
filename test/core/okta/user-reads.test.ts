import { expect } from "chai";
import { OktaApiError } from "../../../core/client";
import { isMember, membershipsOfUser } from "../../../core/okta/group-members";
import { readGroup } from "../../../core/okta/groups";
import { ReadAhead } from "../../../core/okta/read-ahead";
import { idFilter, MAX_REQUEST_TARGET, UserReads } from "../../../core/okta/user-reads";
import type { OktaUser } from "../../../core/okta/types";
import { updateUser, usersAhead, usersMatchingTarget } from "../../../core/okta/users";
import { testClient } from "../../support/client";
import { startRecordingOrg, type LoggedRequest, type RecordingOrg } from "../../support/requests";
import { createGroup, createUsers } from "../../support/users";

/** Batched user reads and users' listed groups from member listings (docs/okta/users.md#batched-reads), over HTTP. */
describe("core: batched user reads", function () {
    this.timeout(120_000);

    let org: RecordingOrg;
    let ids: string[];

    const batchCalls = (r: LoggedRequest) => r.method === "GET" && r.path.startsWith("/api/v1/users?filter=");
    const singleCalls = (r: LoggedRequest) => r.method === "GET" && /^\/api\/v1\/users\/[^/?]+$/.test(r.path.split("?")[0]);
    const withoutLinks = ({ _links, ...user }: Record<string, unknown>) => user;

    before(async () => {
        org = await startRecordingOrg();
        ids = await createUsers(org, 320, "batched");
    });
    after(() => org?.close());

    it("answers concurrent reads with filtered listings of at most 200 ids, each user as its own GET shows it", async () => {
        const deprovisioned = ids[7];
        await org.api("POST", `/api/v1/users/${deprovisioned}/lifecycle/deactivate`);
        const deleted = ids[11];
        await org.api("DELETE", `/api/v1/users/${deleted}`);
        await org.api("DELETE", `/api/v1/users/${deleted}`);
        // Without read-ahead: this test counts the batches alone (the read-ahead has its own tests below).
        const reads = new UserReads({ readAhead: null });
        const client = testClient(org);
        org.clearRequests();

        const results = await Promise.allSettled(ids.map((id) => reads.read(client, id)));

        console.log(`      ${ids.length} concurrent reads: ${org.count(batchCalls)} filtered listings, ${org.count(singleCalls)} single GETs`);
        expect(org.count(batchCalls)).to.equal(2);
        // The deleted user is missing from its batch's answer: its own GET tells it is gone.
        expect(org.count(singleCalls)).to.equal(1);
        expect(org.count()).to.equal(3);
        const failed = results.flatMap((result, i) => (result.status === "rejected" ? [{ id: ids[i], err: result.reason }] : []));
        expect(failed.map((f) => f.id)).to.deep.equal([deleted]);
        expect(failed[0].err).to.be.instanceOf(OktaApiError).with.property("status", 404);
        for (const i of [0, 7, 199, 200, 319]) {
            const own = await org.api("GET", `/api/v1/users/${ids[i]}`);
            const batched = (results[i] as PromiseFulfilledResult<unknown>).value as Record<string, unknown>;
            expect(withoutLinks(batched)).to.deep.equal(withoutLinks(own.body));
        }
        expect(((results[7] as PromiseFulfilledResult<unknown>).value as { status: string }).status).to.equal("DEPROVISIONED");
    });

    it("holds reads that arrive while a batch is out for the next batch", async () => {
        const reads = new UserReads();
        const client = testClient(org);
        await org.control.addFault({ method: "GET", path: "/api/v1/users", latencyMs: 400 });
        try {
            org.clearRequests();
            const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
            const first = [reads.read(client, ids[30]), reads.read(client, ids[31])];
            const later: Promise<unknown>[] = [];
            for (const id of ids.slice(32, 37)) {
                await sleep(40); // each after the window of the one before: alone, each would be a batch of its own
                later.push(reads.read(client, id));
            }
            const users = await Promise.all([...first, ...later]);
            expect(users.map((user) => (user as { id: string }).id)).to.deep.equal(ids.slice(30, 37));
            expect(org.count(batchCalls)).to.equal(2);
            expect(org.count()).to.equal(2);
        } finally {
            await org.control.clearFaults();
        }
    });

    it("sizes batches to the request-target budget", () => {
        // Okta ids, like the emulator's, are 20 characters: a full page of them fits.
        expect(ids[0]).to.have.length(20);
        expect(usersMatchingTarget(idFilter(ids.slice(0, 200)), 200).length).to.be.at.most(MAX_REQUEST_TARGET);
    });

    it("answers a read that arrives alone, or with a login for an id, with its own GET", async () => {
        const reads = new UserReads();
        const client = testClient(org);
        org.clearRequests();
        const alone = await reads.read(client, ids[3]);
        expect(alone.id).to.equal(ids[3]);
        const byLogin = await reads.read(client, "batched4@example.com");
        expect(byLogin.id).to.equal(ids[4]);
        expect(org.count(singleCalls)).to.equal(2);
        expect(org.count()).to.equal(2);
    });

    it("splits a batch the server refuses as too long until every part passes", async () => {
        // No budget: ids long enough that the whole batch exceeds the emulator's 16 KiB request limit (answered 431).
        const reads = new UserReads({ maxTarget: Number.MAX_SAFE_INTEGER });
        const client = testClient(org);
        const strangers = Array.from({ length: 12 }, (_, i) => `00u${String(i).repeat(1500)}`);
        await org.resetCounts();
        const results = await Promise.allSettled([ids[20], ...strangers, ids[21]].map((id) => reads.read(client, id)));
        // The refused request never reaches a route: the control API counts it apart (docs/emulator.md#requests-the-http-parser-refuses).
        expect((await org.control.stats()).byRoute["(unparsed)"]).to.equal(1);
        expect(org.count(batchCalls)).to.equal(2);
        expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", ...strangers.map(() => "rejected"), "fulfilled"]);
        expect((results[0] as PromiseFulfilledResult<{ id: string }>).value.id).to.equal(ids[20]);
        expect((results[13] as PromiseFulfilledResult<{ id: string }>).value.id).to.equal(ids[21]);
        for (const result of results.slice(1, 13)) {
            expect((result as PromiseRejectedResult).reason).to.have.property("status", 404);
        }
    });

    describe("read-ahead in a big refresh (docs/okta/users.md#read-ahead)", () => {
        // The plain listing: no filter, search or q.
        const listingPages = (r: LoggedRequest) => r.method === "GET" && /^\/api\/v1\/users\?/.test(r.path) && !/[?&](filter|search|q)=/.test(r.path);

        /** Reads every id as Pulumi does: `parallel` at a time, the next ones once those are answered. */
        async function readInWaves(reads: UserReads, client: ReturnType<typeof testClient>, wanted: string[], parallel = 8) {
            const users: OktaUser[] = [];
            for (let i = 0; i < wanted.length; i += parallel) {
                users.push(...(await Promise.all(wanted.slice(i, i + parallel).map((id) => reads.read(client, id)))));
            }
            return users;
        }

        it("answers most reads of a big refresh from one walk of the org's users listing", async () => {
            const client = testClient(org);
            const reads = new UserReads();
            const live = ids.filter((_, i) => i !== 7 && i !== 11); // deprovisioned and deleted by the first test
            const wanted = [...live, ids[7]];
            org.clearRequests();
            const users = await readInWaves(reads, client, wanted);
            const pages = await usersAhead.pagesWalked(client);
            const calls = org.count();
            const listingCalls = org.count(listingPages);
            console.log(
                `      ${wanted.length} reads, 8 at a time: ${calls} calls (${org.count(batchCalls)} filtered batches, ` +
                    `${listingCalls} listing pages, ${org.count(singleCalls)} single GETs)`,
            );
            expect(users.map((user) => user.id)).to.deep.equal(wanted);
            // The listing leaves the DEPROVISIONED user out: it is read by id, as without read-ahead.
            expect(users[users.length - 1].status).to.equal("DEPROVISIONED");
            for (const i of [0, 150, 300]) {
                const own = await org.api("GET", `/api/v1/users/${wanted[i]}`);
                expect(withoutLinks(users[i] as unknown as Record<string, unknown>)).to.deep.equal(withoutLinks(own.body));
            }
            // Every user the org lists (the 320 made here and the emulator's seed) on two pages of 200.
            expect(listingCalls).to.equal(pages);
            expect(pages).to.equal(2);
            // Batches alone cost one call per wave of 8 (40 here).
            expect(calls).to.be.below(wanted.length / 8 / 2);
        });

        it("does not answer a user this process changed from the listing", async () => {
            const client = testClient(org);
            const reads = new UserReads();
            await readInWaves(reads, client, ids.slice(20, 140));
            await usersAhead.pagesWalked(client);
            await updateUser(client, ids[130], { profile: { lastName: "Changed here" } });
            org.clearRequests();
            const [changed, unchanged] = await Promise.all([reads.read(client, ids[130]), reads.read(client, ids[131])]);
            expect(changed.profile.lastName).to.equal("Changed here");
            expect(unchanged.id).to.equal(ids[131]);
            // The unchanged user came from the listing: the only call is the changed one's read.
            expect(org.count()).to.equal(1);
        });

        it("answers group reads past the 20th from one page of the groups listing", async () => {
            const groupIds: string[] = [];
            for (let i = 0; i < 40; i++) {
                groupIds.push(await createGroup(org, `Read ahead ${i}`));
            }
            const client = testClient(org);
            org.clearRequests();
            const groups = [];
            for (let i = 0; i < groupIds.length; i += 8) {
                groups.push(...(await Promise.all(groupIds.slice(i, i + 8).map((id) => readGroup(client, id)))));
            }
            expect(groups.map((group) => group.id)).to.deep.equal(groupIds);
            const singles = org.count((r) => /^\/api\/v1\/groups\/[^/?]+$/.test(r.path));
            const pages = org.count((r) => /^\/api\/v1\/groups\?/.test(r.path));
            // The walk starts at the 20th read: the rest of its wave (reads 21 to 24) was asked before the page came back.
            expect([singles, pages]).to.deep.equal([24, 1]);
            const own = await org.api("GET", `/api/v1/groups/${groupIds[39]}`);
            expect(withoutLinks(groups[39] as unknown as Record<string, unknown>)).to.deep.equal(withoutLinks(own.body));
        });

        it("answers from what was listed when a page fails, and reads the rest in batches", async () => {
            const client = testClient(org);
            const firstPageThenFailure = async function* (c: typeof client) {
                for await (const page of c.pages<OktaUser>("/api/v1/users", {}, { limit: 10 })) {
                    yield page.items;
                    throw new Error("the second page failed");
                }
            };
            const listed = (await org.api("GET", "/api/v1/users?limit=10")).body.map((user: OktaUser) => user.id);
            const ahead = new ReadAhead<OktaUser>(firstPageThenFailure, { threshold: 1, pagesPerRead: 1, maxIdleMs: 60_000 });
            const reads = new UserReads({ readAhead: ahead });
            await reads.read(client, ids[250]); // starts the walk, which lists one page and fails
            expect(await ahead.pagesWalked(client)).to.equal(1);
            org.clearRequests();
            const [fromListing, notListed] = await Promise.all([reads.read(client, listed[3]), reads.read(client, ids[251])]);
            expect([fromListing.id, notListed.id]).to.deep.equal([listed[3], ids[251]]);
            expect(org.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).to.deep.equal([`GET /api/v1/users/${ids[251]}`]);
        });

        /** Read-ahead over pages of 10 users from the 8th read, a page for every four reads. */
        function readAheadOfSmallPages() {
            const client = testClient(org);
            const smallPages = async function* (c: typeof client) {
                for await (const page of c.pages<OktaUser>("/api/v1/users", {}, { limit: 10 })) {
                    yield page.items;
                }
            };
            const ahead = new ReadAhead<OktaUser>(smallPages, { threshold: 8, pagesPerRead: 0.25, maxIdleMs: 60_000 });
            return { client, ahead, reads: new UserReads({ readAhead: ahead }) };
        }

        it("stops walking when the reads asked so far do not pay for more pages", async () => {
            const { client, ahead, reads } = readAheadOfSmallPages();
            org.clearRequests();
            await readInWaves(reads, client, ids.slice(200, 208));
            // 8 reads pay for 2 pages of 10, though the org lists over 300 users.
            expect(await ahead.pagesWalked(client)).to.equal(2);
            expect(org.count(listingPages)).to.equal(2);
        });

        it("walks on from where it paused as more reads are asked, so users listed late are still reached", async () => {
            const { client, ahead, reads } = readAheadOfSmallPages();
            org.clearRequests();
            await readInWaves(reads, client, ids.slice(200, 208));
            expect(await ahead.pagesWalked(client)).to.equal(2);
            // 32 more reads pay for 8 more pages, fetched after the first two: no page twice.
            await readInWaves(reads, client, ids.slice(208, 240));
            expect(await ahead.pagesWalked(client)).to.equal(10);
            const pages = org.requests.filter(listingPages).map((r) => r.path);
            expect(pages).to.have.length(10);
            expect(new Set(pages).size).to.equal(10);
        });
    });

    describe("a user's listed groups", () => {
        let groups: string[];

        before(async () => {
            groups = [await createGroup(org, "Listed A"), await createGroup(org, "Listed B"), await createGroup(org, "Listed C")];
            for (const id of ids.slice(100, 300)) {
                await org.api("PUT", `/api/v1/groups/${groups[0]}/users/${id}`);
                await org.api("PUT", `/api/v1/groups/${groups[1]}/users/${id}`);
            }
        });

        it("costs one listing of the user's groups for a lone read", async () => {
            const client = testClient(org);
            org.clearRequests();
            const found = await membershipsOfUser(client, ids[150], [groups[2], groups[1], groups[0]]);
            expect(found).to.deep.equal({ groupIds: [groups[1], groups[0]], user: undefined });
            expect(org.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).to.deep.equal([`GET /api/v1/users/${ids[150]}/groups`]);
        });

        it("answers concurrent reads from one listing of each group's members, which holds the users themselves", async () => {
            const client = testClient(org);
            const users = ids.slice(100, 300);
            org.clearRequests();
            const found = await Promise.all(users.map((id) => membershipsOfUser(client, id, [groups[0], groups[1], groups[2]])));
            const userGroupCalls = org.count((r) => /\/api\/v1\/users\/[^/]+\/groups/.test(r.path));
            const memberPages = org.count((r) => /\/api\/v1\/groups\/[^/]+\/users/.test(r.path));
            console.log(`      ${users.length} users' listed groups: ${userGroupCalls} user group listings, ${memberPages} member pages`);
            expect(userGroupCalls).to.equal(1);
            // One page for each group: 200 members fit in a page of 200, and C has none.
            expect(memberPages).to.equal(3);
            expect(found.every((f) => f.groupIds.join() === [groups[0], groups[1]].join())).to.equal(true);
            const own = await org.api("GET", `/api/v1/users/${users[42]}`);
            expect(withoutLinks(found[42].user as unknown as Record<string, unknown>)).to.deep.equal(withoutLinks(own.body));
        });

        it("lists a group's members at its first read while other groups' listings are moments old (a bulk refresh)", async () => {
            const client = testClient(org);
            await Promise.all(ids.slice(100, 110).map((id) => membershipsOfUser(client, id, [groups[0], groups[1]])));
            const third = await createGroup(org, "Listed D");
            await org.api("PUT", `/api/v1/groups/${third}/users/${ids[150]}`);
            org.clearRequests();
            expect(await isMember(client, third, ids[150])).to.equal(true);
            expect(org.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).to.deep.equal([`GET /api/v1/groups/${third}/users`]);
            // Another process (another client) sees no bulk refresh: its first read stays a lone one.
            const other = testClient(org);
            org.clearRequests();
            expect(await isMember(other, third, ids[151])).to.equal(false);
            expect(org.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).to.deep.equal([`GET /api/v1/users/${ids[151]}/groups`]);
        });

        it("treats a group that is gone as one the user is not in", async () => {
            const gone = await createGroup(org, "Gone");
            await org.api("PUT", `/api/v1/groups/${gone}/users/${ids[120]}`);
            await org.api("DELETE", `/api/v1/groups/${gone}`);
            const client = testClient(org);
            const found = await Promise.all([ids[120], ids[121]].map((id) => membershipsOfUser(client, id, [gone, groups[0]])));
            expect(found.map((f) => f.groupIds)).to.deep.equal([[groups[0]], [groups[0]]]);
        });
    });
});
