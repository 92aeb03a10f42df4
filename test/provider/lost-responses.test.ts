import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { TEST_APPS } from "../support/apps";
import { TEST_TOKEN } from "../support/emulator";
import { HookReceiver } from "../support/hook-receiver";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { createUsers } from "../support/users";

/**
 * A create whose response is lost after Okta applied it (the emulator's `lose` fault) is retried by the client, and
 * each resource's probe finds the object the first attempt made: nothing is duplicated.
 */
describe("provider: creates whose response is lost make no duplicate", () => {
    let org: RecordingOrg;
    let receiver: HookReceiver;

    before(async () => {
        org = await startRecordingOrg({ seed: { apps: TEST_APPS } as any });
        receiver = await new HookReceiver().start();
    });
    after(async () => {
        await org.close();
        await receiver.close();
    });

    async function provider(type: string): Promise<pulumi.dynamic.ResourceProvider> {
        const p = dynamicProvider(type);
        await p.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
        return p;
    }

    async function loseNext(path: string): Promise<void> {
        await org.control.addFault({ method: "POST", path, probabilities: { lose: 1 }, times: 1 });
    }

    it("Group, User, AppUserAssignment and EventHook", async () => {
        await loseNext("/api/v1/groups");
        const group = await (await provider("Group")).create({ name: "Lost and found" });
        expect((await org.api("GET", "/api/v1/groups?q=Lost")).body.map((g: any) => g.id)).to.deep.equal([group.id]);

        await loseNext("/api/v1/users");
        const user = await (await provider("User")).create({ login: "lost@example.com", email: "lost@example.com", firstName: "L", lastName: "F" });
        const logins = (await org.api("GET", "/api/v1/users")).body.filter((u: any) => u.profile.login === "lost@example.com");
        expect(logins.map((u: any) => u.id)).to.deep.equal([user.id]);

        const [userId] = await createUsers(org, 1, "assignee");
        const appUsers = `/api/v1/apps/${TEST_APPS[0].id}/users`;
        await loseNext(appUsers);
        const assignment = await (await provider("AppUserAssignment")).create({ appId: TEST_APPS[0].id, userId, scope: "USER" });
        expect(assignment.id).to.equal(`${TEST_APPS[0].id}/${userId}`);
        expect((await org.api("GET", appUsers)).body.map((a: any) => a.id)).to.deep.equal([userId]);

        await loseNext("/api/v1/eventHooks");
        const hook = await (await provider("EventHook")).create({ name: "lost", url: receiver.url, eventTypes: ["user.lifecycle.create"] });
        expect((await org.api("GET", "/api/v1/eventHooks")).body.map((h: any) => h.id)).to.deep.equal([hook.id]);
        expect(hook.outs.verificationStatus).to.equal("VERIFIED");
        expect((await org.control.stats()).faults.lose).to.equal(4);
    });
});
