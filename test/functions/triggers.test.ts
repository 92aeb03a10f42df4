import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import type { OktaClient } from "../../core/client";
import type { OktaLogEvent, OktaUser } from "../../core/okta/types";
import { nextPollDelay, pollNewUsers, pollSystemLogs, pollUpdatedUsers, watchNewUsers, type PollResult } from "../../core/triggers";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { failure } from "../support/failure";
import { clientOf, createUser } from "../support/org-client";

/**
 * The polling triggers deliver every item exactly once across successive polls while writers keep changing the org,
 * including items written while a poll is running.
 */
describe("triggers: exactly-once polling against the emulator", function () {
    this.timeout(60_000);
    let org: TestOrg;
    let client: OktaClient;

    beforeEach(async () => {
        // Rate limits are not what these tests are about: raise every bucket out of the way.
        org = await startTestOrg({ rateLimits: { otherLimit: 100_000 } });
        client = clientOf(org);
    });
    afterEach(async () => {
        await client.close();
        await org.close();
    });

    /** Runs `writers` concurrent loops of `perWriter` writes, spread over about `seconds`. */
    async function concurrentWriters(writers: number, perWriter: number, seconds: number, write: (writer: number, n: number) => Promise<void>) {
        await Promise.all(
            Array.from({ length: writers }, async (_, writer) => {
                for (let n = 0; n < perWriter; n++) {
                    await write(writer, n);
                    await sleep(Math.random() * ((seconds * 1000) / perWriter));
                }
            }),
        );
    }

    /** Polls back to back while `writing` runs, then twice more; returns every delivered item. */
    async function pollWhile<T>(writing: Promise<void>, start: string, poll: (cursor: string) => Promise<PollResult<T>>) {
        const delivered: T[] = [];
        let cursor = start;
        let done = false;
        void writing.then(() => (done = true));
        let polls = 0;
        while (!done || polls < 2) {
            const result = await poll(cursor);
            delivered.push(...result.items);
            cursor = result.cursor;
            polls = done ? polls + 1 : 0;
            await sleep(20);
        }
        await writing;
        return { delivered, cursor };
    }

    for (const lookbackSeconds of [0, 30]) {
        it(`new users: each created user exactly once, with 4 concurrent writers (lookback ${lookbackSeconds} s)`, async () => {
            const before = await createUser(org, "existing@example.com");
            const start = (await pollNewUsers(client)).cursor;
            const created: string[] = [];
            const writing = concurrentWriters(4, 12, 3, async (writer, n) => {
                created.push((await createUser(org, `new-${writer}-${n}@example.com`)).id);
            });
            const { delivered } = await pollWhile(writing, start, (cursor) => pollNewUsers(client, { cursor, lookbackSeconds, limit: 5 }));
            const ids = delivered.map((u) => u.id);
            expect(ids).to.have.length(created.length, "no duplicates");
            expect([...ids].sort()).to.deep.equal([...created].sort());
            expect(ids).not.to.include(before.id, "users from before the start are not new");
        });
    }

    it("updated users: no version delivered twice, and every user's final version delivered, with concurrent writers", async () => {
        const users: OktaUser[] = [];
        for (let i = 0; i < 6; i++) {
            users.push(await createUser(org, `changing-${i}@example.com`));
        }
        const start = (await pollUpdatedUsers(client)).cursor;
        const writing = concurrentWriters(6, 8, 3, async (writer, n) => {
            const response = await org.api("POST", `/api/v1/users/${users[writer].id}`, { body: { profile: { nickName: `v${n}` } } });
            expect(response.status).to.equal(200);
        });
        const { delivered } = await pollWhile(writing, start, (cursor) => pollUpdatedUsers(client, { cursor, lookbackSeconds: 0 }));
        const versions = delivered.map((u) => `${u.id} ${u.lastUpdated} ${u.profile.nickName}`);
        expect(new Set(versions).size).to.equal(versions.length, "no version twice");
        for (const user of users) {
            const last = delivered.filter((u) => u.id === user.id).pop();
            expect(last?.profile.nickName).to.equal("v7", `final version of ${user.profile.login}`);
        }
        const byUser = users.map((user) => delivered.filter((u) => u.id === user.id).length);
        expect(Math.min(...byUser)).to.be.greaterThan(0);
    });

    it("System Log: every event stored after the start exactly once, with concurrent writers", async () => {
        await createUser(org, "before@example.com");
        const start = (await pollSystemLogs(client)).cursor;
        const startedAt = org.emulator.store.log.size;
        const writing = concurrentWriters(4, 10, 3, async (writer, n) => {
            if (n % 2 === 0) {
                await createUser(org, `logged-${writer}-${n}@example.com`);
            } else {
                expect((await org.api("POST", "/api/v1/groups", { body: { profile: { name: `Logged ${writer}-${n}` } } })).status).to.equal(200);
            }
        });
        const { delivered } = await pollWhile(writing, start, (cursor) => pollSystemLogs(client, { cursor, limit: 7 }));
        const stored = org.emulator.store.log.all().slice(startedAt).map((e) => e.uuid);
        const uuids = delivered.map((e: OktaLogEvent) => e.uuid);
        expect(uuids).to.have.length(stored.length, "no duplicates");
        expect(uuids).to.deep.equal(stored, "in persistence order");
        expect(uuids.length).to.be.greaterThan(40);
    });

    it("System Log: a filter narrows the events, and a cursor refuses another filter", async () => {
        const filter = 'eventType eq "group.lifecycle.create"';
        const start = (await pollSystemLogs(client, { filter })).cursor;
        await createUser(org, "unfiltered@example.com");
        expect((await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Filtered" } } })).status).to.equal(200);
        const result = await pollSystemLogs(client, { cursor: start, filter });
        expect(result.items.map((e) => e.eventType)).to.deep.equal(["group.lifecycle.create"]);
        expect((await failure(pollSystemLogs(client, { cursor: start }))).name).to.equal("ArgumentError");
        expect((await failure(pollNewUsers(client, { cursor: start }))).message).to.match(/belongs to the systemLog trigger/);
    });

    it("a poll stopped at its cap says so; the next poll continues exactly where it stopped", async () => {
        const start = (await pollNewUsers(client)).cursor;
        for (let i = 0; i < 7; i++) {
            await createUser(org, `capped-${i}@example.com`);
        }
        const first = await pollNewUsers(client, { cursor: start, maxItems: 3, limit: 2 });
        expect([first.items.length, first.more]).to.deep.equal([3, true]);
        const second = await pollNewUsers(client, { cursor: first.cursor, maxItems: 3 });
        const third = await pollNewUsers(client, { cursor: second.cursor, maxItems: 3 });
        const logins = [...first.items, ...second.items, ...third.items].map((u) => u.profile.login);
        expect(logins).to.deep.equal(Array.from({ length: 7 }, (_, i) => `capped-${i}@example.com`));
        expect(third.more).to.equal(false);
    });

    it("`since` starts from a past time; without it nothing before the start is delivered", async () => {
        const old = await createUser(org, "older@example.com");
        const fromStart = await pollNewUsers(client, { since: new Date(Date.now() - 60_000).toISOString() });
        // The org's super administrator, seeded when the org started, is a new user of that past too.
        expect(fromStart.items.map((u) => u.id)).to.deep.equal([org.emulator.store.superAdminId(), old.id]);
        const fromNow = await pollNewUsers(client);
        expect(fromNow.items).to.deep.equal([]);
        expect((await pollNewUsers(client, { cursor: fromNow.cursor })).items).to.deep.equal([]);
    });

    it("watch: an async iterator that survives a restart from the cursor it reported, delivering each user once", async () => {
        const stop = new AbortController();
        let saved: string | undefined;
        const seen: string[] = [];
        // A watch without a cursor starts when iteration starts; take the start cursor first so no writer races it.
        const start = (await pollNewUsers(client)).cursor;
        const first = watchNewUsers(client, { cursor: start, intervalMs: 20, signal: stop.signal, onCursor: (c) => void (saved = c) });
        const writing = concurrentWriters(3, 6, 2, async (writer, n) => void (await createUser(org, `watched-${writer}-${n}@example.com`)));
        // Consume until a few users came in, then stop and resume from the saved cursor in a new watcher.
        for await (const user of first) {
            seen.push(user.id);
            if (seen.length >= 5) {
                break;
            }
        }
        const resumed = new AbortController();
        const second = watchNewUsers(client, { intervalMs: 20, signal: resumed.signal, cursor: saved ?? start });
        await writing;
        const total = (await org.api("GET", "/api/v1/users?search=" + encodeURIComponent('profile.login sw "watched-"'))).body.length;
        for await (const user of second) {
            seen.push(user.id);
            if (new Set(seen).size >= total) {
                resumed.abort();
            }
        }
        stop.abort();
        expect(total).to.equal(18);
        // Items of the interrupted poll after the 5th were not acknowledged by a cursor: they come again, once more at most.
        expect(new Set(seen).size).to.equal(18);
    });
});

describe("triggers: pacing by the rate limit", () => {
    const now = 1_000_000;
    it("waits the interval while the bucket is healthy", () => {
        expect(nextPollDelay({ limit: 600, remaining: 590, resetAtMs: now + 30_000 }, { intervalMs: 5000 }, now)).to.equal(5000);
    });
    it("spreads polls over what is left above the reserve", () => {
        // 310 remaining, 300 reserved: 10 polls over the 40 s left.
        expect(nextPollDelay({ limit: 600, remaining: 310, resetAtMs: now + 40_000 }, { intervalMs: 1000 }, now)).to.equal(4000);
    });
    it("waits for the window to reset once only the reserve is left", () => {
        expect(nextPollDelay({ limit: 600, remaining: 200, resetAtMs: now + 42_000 }, { intervalMs: 1000 }, now)).to.equal(42_000);
        expect(nextPollDelay({ limit: 600, remaining: 0, resetAtMs: now + 7_000 }, { intervalMs: 1000, reserveShare: 0 }, now)).to.equal(7000);
    });
    it("falls back to the interval without rate-limit headers", () => {
        expect(nextPollDelay(undefined, { intervalMs: 2500 }, now)).to.equal(2500);
    });
});
