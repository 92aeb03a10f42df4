import { expect } from "chai";
import type { UserRecord } from "../../emulator/areas/users/model";
import { addTestUser } from "../support/directory";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError, nextLink } from "../support/okta-assertions";

describe("emulator: group members over HTTP", () => {
    let org: TestOrg;
    let groupId: string;
    beforeEach(async () => {
        org = await startTestOrg();
        groupId = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng", description: "builders" } } })).body.id;
    });
    afterEach(() => org.close());

    const members = (path = `/api/v1/groups/${groupId}/users`) => org.api("GET", path);
    const put = (userId: string, group = groupId) => org.api("PUT", `/api/v1/groups/${group}/users/${userId}`);
    const remove = (userId: string, group = groupId) => org.api("DELETE", `/api/v1/groups/${group}/users/${userId}`);
    const events = (type: string) => org.emulator.store.log.all().filter((e) => e.eventType === type);

    it("adds a member with 204 and no body, idempotently, and logs group.user_membership.add once", async () => {
        const alice = addTestUser(org, "alice@example.com", { firstName: "Alice", lastName: "Smith" });
        const first = await put(alice.id);
        expect(first.status).to.equal(204);
        expect(first.body).to.equal(undefined);
        expect(first.headers.get("content-type")).to.equal(null);
        expect((await put(alice.id)).status).to.equal(204);
        const [event, ...more] = events("group.user_membership.add");
        expect(more).to.have.length(0);
        expect(event.displayMessage).to.equal("Add user to group membership");
        expect(event.target).to.deep.equal([
            { id: alice.id, type: "User", alternateId: "alice@example.com", displayName: "Alice Smith" },
            { id: groupId, type: "UserGroup", alternateId: "unknown", displayName: "Eng" },
        ]);
        expect(event.debugContext.debugData.requestId).to.equal(first.headers.get("x-okta-request-id"));
    });

    it("lists members as Okta does: in user-id order, each with only a self link", async () => {
        const users = ["c@example.com", "a@example.com", "b@example.com"].map((login) => addTestUser(org, login));
        for (const user of users) {
            await put(user.id);
        }
        const res = await members(`/api/v1/groups/${groupId}/users?limit=200`);
        expect(res.body.map((u: any) => u.id)).to.deep.equal(users.map((u) => u.id).sort());
        const [first] = res.body;
        expect(first._links).to.deep.equal({ self: { href: `${org.url}/api/v1/users/${first.id}` } });
        expect(first.credentials).to.deep.equal({ password: {}, provider: { type: "OKTA", name: "OKTA" } });
        expect(first).to.include.keys("status", "created", "activated", "statusChanged", "lastLogin", "lastUpdated", "passwordChanged", "type", "profile");
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/groups/${groupId}/users?limit=200>; rel="self"`);
    });

    it("uses Okta's default page size of 1000 when no limit is given", async () => {
        const res = await members();
        expect(res.body).to.deep.equal([]);
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/groups/${groupId}/users?limit=1000>; rel="self"`);
    });

    it("pages members with limit and after, and a member leaving between pages does not shift the next page", async () => {
        const users = Array.from({ length: 5 }, (_, i) => addTestUser(org, `user${i}@example.com`));
        for (const user of users) {
            await put(user.id);
        }
        const sorted = users.map((u) => u.id).sort();
        const page1 = await members(`/api/v1/groups/${groupId}/users?limit=2`);
        expect(page1.body.map((u: any) => u.id)).to.deep.equal(sorted.slice(0, 2));
        await remove(sorted[1]);
        const page2 = await org.api("GET", nextLink(page1)!);
        expect(page2.body.map((u: any) => u.id)).to.deep.equal(sorted.slice(2, 4));
        const page3 = await org.api("GET", nextLink(page2)!);
        expect(page3.body.map((u: any) => u.id)).to.deep.equal(sorted.slice(4));
        expect(nextLink(page3)).to.equal(undefined);
    });

    it("removes a member with 204, again with 204 when already gone, and logs group.user_membership.remove once", async () => {
        const bob = addTestUser(org, "bob@example.com");
        await put(bob.id);
        expect((await remove(bob.id)).status).to.equal(204);
        expect((await remove(bob.id)).status).to.equal(204);
        expect(events("group.user_membership.remove")).to.have.length(1);
        expect((await members()).body).to.deep.equal([]);
    });

    it("moves lastMembershipUpdated on a membership change, leaving lastUpdated (the profile's) alone", async () => {
        const carol = addTestUser(org, "carol@example.com");
        const longAgo = "2020-01-01T00:00:00.000Z";
        const group = org.emulator.store.groups.get(groupId)!;
        group.lastMembershipUpdated = longAgo;
        group.lastUpdated = longAgo;
        await put(carol.id);
        const afterAdd = (await org.api("GET", `/api/v1/groups/${groupId}`)).body;
        expect(afterAdd.lastMembershipUpdated > longAgo).to.equal(true);
        expect(afterAdd.lastUpdated).to.equal(longAgo);
        group.lastMembershipUpdated = longAgo;
        await put(carol.id);
        expect(group.lastMembershipUpdated, "an idempotent PUT changes nothing").to.equal(longAgo);
        await remove(carol.id);
        expect(group.lastMembershipUpdated > longAgo).to.equal(true);
    });

    it("answers 404 E0000007 for an unknown user or group", async () => {
        const dave = addTestUser(org, "dave@example.com");
        const unknownUser = await put("00unotauser000000000");
        expectOktaError(unknownUser, 404, "E0000007");
        expect(unknownUser.body.errorSummary).to.equal("Not found: Resource not found: 00unotauser000000000 (User)");
        expectOktaError(await remove("00unotauser000000000"), 404, "E0000007");
        const unknownGroup = await put(dave.id, "00gnotagroup00000000");
        expectOktaError(unknownGroup, 404, "E0000007");
        expect(unknownGroup.body.errorSummary).to.contain("(UserGroup)");
        expectOktaError(await members("/api/v1/groups/00gnotagroup00000000/users"), 404, "E0000007");
    });

    it("refuses membership changes on BUILT_IN groups (E0000060) and APP_GROUPs (403 E0000006)", async () => {
        const erin = addTestUser(org, "erin@example.com");
        const store = org.emulator.store;
        const appGroup = store.addGroup({ type: "APP_GROUP", profile: { name: "Imported" } });
        for (const res of [await put(erin.id, store.everyone.id), await remove(erin.id, store.everyone.id)]) {
            expectOktaError(res, 404, "E0000060");
            expect(res.body.errorSummary).to.equal("Unsupported operation.");
        }
        expectOktaError(await put(erin.id, appGroup.id), 403, "E0000006");
        expectOktaError(await remove(erin.id, appGroup.id), 403, "E0000006");
        expect(store.memberships.groupsOf(erin.id)).to.deep.equal([store.everyone.id]);
    });

    it("lists Everyone's members: every user is one, the org's super administrator too", async () => {
        const users = [addTestUser(org, "f@example.com"), addTestUser(org, "g@example.com")];
        const res = await members(`/api/v1/groups/${org.emulator.store.everyone.id}/users`);
        const admin = org.emulator.store.superAdminId()!;
        expect(res.body.map((u: any) => u.id)).to.deep.equal([admin, ...users.map((u) => u.id)].sort());
    });

    it("deleting a group removes its memberships and logs group.lifecycle.delete", async () => {
        const frank = addTestUser(org, "frank@example.com");
        await put(frank.id);
        expect((await org.api("DELETE", `/api/v1/groups/${groupId}`)).status).to.equal(204);
        const store = org.emulator.store;
        expect(store.memberships.groupsOf(frank.id)).to.deep.equal([store.everyone.id]);
        expect(store.memberships.countOf(groupId)).to.equal(0);
        expect(events("group.lifecycle.create").map((e) => e.target[0].id)).to.deep.equal([groupId]);
        expect(events("group.lifecycle.delete").map((e) => e.target[0].id)).to.deep.equal([groupId]);
    });

    it("logs group.profile.update with the change", async () => {
        await org.api("PUT", `/api/v1/groups/${groupId}`, { body: { profile: { name: "Engineering", description: "builders" } } });
        const [event] = events("group.profile.update");
        expect(event.target[0].changeDetails).to.deep.equal({
            from: { name: "Eng", description: "builders" },
            to: { name: "Engineering", description: "builders" },
        });
    });

    it("takes 2,000 members over HTTP and lists them in ceil(2000/200) = 10 pages of 200", async function () {
        this.timeout(120_000);
        await org.close();
        org = await startTestOrg({ rateLimits: { otherLimit: 100_000 } });
        groupId = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Big" } } })).body.id;
        const users: UserRecord[] = Array.from({ length: 2000 }, (_, i) => addTestUser(org, `bulk${i}@example.com`));
        for (let i = 0; i < users.length; i += 50) {
            const statuses = await Promise.all(users.slice(i, i + 50).map((user) => put(user.id).then((res) => res.status)));
            expect(new Set(statuses)).to.deep.equal(new Set([204]));
        }
        const pages = await allPages(org, `/api/v1/groups/${groupId}/users?limit=200`, (res) => {
            expect(res.body).to.have.length(200);
        });
        expect(pages).to.have.length(10);
        expect(pages.flatMap((res) => res.body.map((u: any) => u.id))).to.deep.equal(users.map((u) => u.id).sort());
    });
});
