import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { TEST_TOKEN } from "../support/emulator";
import { failure } from "../support/failure";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { TEST_APPS } from "../support/apps";
import { createUsers } from "../support/users";

const [WIKI, SHARED] = TEST_APPS.map((app) => app.id);

describe("provider: AppUserAssignment against the emulator", () => {
    let org: RecordingOrg;
    let provider: pulumi.dynamic.ResourceProvider;
    let userIds: string[];

    beforeEach(async () => {
        org = await startRecordingOrg({ seed: { apps: TEST_APPS } as any });
        provider = dynamicProvider("AppUserAssignment");
        await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
        userIds = await createUsers(org, 3);
    });
    afterEach(() => org.close());

    const assignment = (appId: string, userId: string) => org.api("GET", `/api/v1/apps/${appId}/users/${userId}`);

    it("assigns with username, password and profile; reads back; updates in place", async () => {
        const inputs = { appId: WIKI, userId: userIds[0], username: "ada", password: "Wiki-Pass-1", scope: "USER", profile: { team: "docs" } };
        const created = await provider.create(inputs);
        expect(created.id).to.equal(`${WIKI}/${userIds[0]}`);
        expect(created.outs).to.include({ appId: WIKI, userId: userIds[0], username: "ada", password: "Wiki-Pass-1", scope: "USER" });
        expect(created.outs).to.include.keys("status", "credentialsScheme");
        // No timestamps in state (docs/state.md#what-state-holds).
        expect(created.outs).to.not.have.any.keys("created", "lastUpdated", "statusChanged");
        expect(created.outs.profile).to.deep.equal({ team: "docs" });
        expect((await assignment(WIKI, userIds[0])).body.credentials).to.deep.include({ userName: "ada" });

        const read = await provider.read!(created.id, created.outs);
        expect(read.props).to.deep.equal(created.outs);
        expect((await provider.diff!(created.id, read.props!, inputs)).changes).to.equal(false);

        const changed = { ...inputs, username: "ada.l", profile: { region: "EU" } };
        const diff = await provider.diff!(created.id, read.props!, changed);
        expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        const updated = await provider.update!(created.id, read.props!, changed);
        expect(updated.outs).to.include({ username: "ada.l" });
        expect(updated.outs.profile).to.deep.equal({ region: "EU" });
        const live = (await assignment(WIKI, userIds[0])).body;
        expect(live.profile.region).to.equal("EU");
        expect(live.profile.team ?? null).to.equal(null);
    });

    it("follows a shared-credential app: no user credentials, and a clear message when some are given", async () => {
        const err = await failure(provider.create({ appId: SHARED, userId: userIds[0], username: "ada" }));
        expect(err.message).to.contain("uses shared credentials (SHARED_USERNAME_AND_PASSWORD)");
        expect((await assignment(SHARED, userIds[0])).status).to.equal(404);
        const created = await provider.create({ appId: SHARED, userId: userIds[0], scope: "USER" });
        expect(created.outs.credentialsScheme).to.equal("SHARED_USERNAME_AND_PASSWORD");
        expect((await provider.diff!(created.id, created.outs, { appId: SHARED, userId: userIds[0], scope: "USER" })).changes).to.equal(false);
    });

    it("replaces on another app, user or scope, deleting the old assignment first", async () => {
        const created = await provider.create({ appId: WIKI, userId: userIds[0], scope: "USER" });
        expect(await provider.diff!(created.id, created.outs, { appId: WIKI, userId: userIds[1], scope: "USER" })).to.deep.equal({
            changes: true,
            replaces: ["userId"],
            deleteBeforeReplace: true,
        });
        expect((await provider.diff!(created.id, created.outs, { appId: WIKI, userId: userIds[0], scope: "GROUP" })).replaces).to.deep.equal(["scope"]);
    });

    it("adopts an existing assignment when asked; without, Okta's error says it exists", async () => {
        await org.api("POST", `/api/v1/apps/${WIKI}/users`, { body: { id: userIds[0], scope: "USER", credentials: { userName: "old" } } });
        expect((await failure(provider.create({ appId: WIKI, userId: userIds[0], scope: "USER" }))).message).to.contain("E0000062");
        const adopted = await provider.create({ appId: WIKI, userId: userIds[0], scope: "USER", username: "new", adopt: true });
        expect(adopted.outs.username).to.equal("new");
    });

    it("reads as gone when unassigned outside Pulumi, and deletes", async () => {
        const created = await provider.create({ appId: WIKI, userId: userIds[0], scope: "USER" });
        await org.api("DELETE", `/api/v1/apps/${WIKI}/users/${userIds[0]}`);
        expect((await provider.read!(created.id, created.outs)).id).to.equal("");
        const other = await provider.create({ appId: WIKI, userId: userIds[1], scope: "USER" });
        await provider.delete!(other.id, other.outs);
        expect((await assignment(WIKI, userIds[1])).status).to.equal(404);
    });

    it("coalesces concurrent reads of one app's assignments into one listing of 500 a page", async () => {
        const many = await createUsers(org, 520, "assignee");
        for (const userId of many) {
            await org.api("POST", `/api/v1/apps/${WIKI}/users`, { body: { id: userId, scope: "USER" } });
        }
        org.clearRequests();
        const reads = await Promise.all(many.map((userId) => provider.read!(`${WIKI}/${userId}`, { appId: WIKI, userId, scope: "USER" })));
        expect(reads.every((r) => r.id !== "")).to.equal(true);
        console.log(`      520 assignment reads of one app: ${org.count()} API calls`);
        // The first read alone, then ceil(520 / 500) = 2 pages.
        expect(org.count()).to.equal(3);
    });
});
