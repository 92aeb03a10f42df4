import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { OktaEmulator } from "../../emulator";
import { DataFileError } from "../../emulator/org/persistence/data-file";
import { Collection } from "../../emulator/platform/collection";
import type { AppUserRecord } from "../../emulator/areas/apps/model";
import { restoreStore, snapshotStore } from "../../emulator/org/persistence/snapshot";
import { OrgStore, TRANSIENT_STORE_PARTS } from "../../emulator/org/store";
import { repoRoot } from "../support/repo";
import { EmulatorControl } from "../support/control";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { HookReceiver } from "../support/hook-receiver";

const CONTROL_TOKEN = "control-token-0000000000000000";

describe("emulator: --data-file persistence", () => {
    let dir: string;
    let file: string;
    let org: TestOrg | undefined;

    beforeEach(() => {
        dir = mkdtempSync(path.join(tmpdir(), "okta-emulator-state-"));
        file = path.join(dir, "org.json");
    });
    afterEach(async () => {
        await org?.close();
        org = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    const withoutLinks = ({ _links, ...rest }: Record<string, unknown>) => rest;

    it("keeps the org across a restart with the same file", async () => {
        org = await startTestOrg({ dataFile: file });
        const eng = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng", description: "d" } } })).body;
        const ops = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Ops" } } })).body;
        const gone = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Gone" } } })).body;
        await org.api("PUT", `/api/v1/groups/${ops.id}`, { body: { profile: { name: "Operations" } } });
        await org.api("DELETE", `/api/v1/groups/${gone.id}`);
        const before = (await org.api("GET", "/api/v1/groups")).body;
        await org.close();
        org = undefined;

        org = await startTestOrg({ dataFile: file });
        const after = (await org.api("GET", "/api/v1/groups")).body;
        expect(after.map(withoutLinks)).to.deep.equal(before.map(withoutLinks));
        expect((await org.api("GET", `/api/v1/groups/${eng.id}`)).body.profile).to.deep.equal({ name: "Eng", description: "d" });
        // The paging cursor of a deleted object stays valid, as before the restart.
        const page = await org.api("GET", `/api/v1/groups?after=${gone.id}`);
        expect(page.status).to.equal(200);
    });

    it("keeps users (found by login afterwards), memberships, user types, realms and the System Log", async () => {
        org = await startTestOrg({ dataFile: file });
        const group = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } })).body;
        const created = await org.api("POST", "/api/v1/users?activate=true", {
            body: {
                profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L" },
                credentials: { password: { value: "Xylophone42!" } },
                groupIds: [group.id],
            },
        });
        expect(created.status).to.equal(200);
        const type = await org.api("POST", "/api/v1/meta/types/user", { body: { name: "contractor", displayName: "Contractor", description: "c" } });
        expect(type.status).to.equal(200);
        const logBefore = (await org.api("GET", "/api/v1/logs?limit=1000")).body;
        const defaultType = (await org.api("GET", "/api/v1/meta/types/user/default")).body;
        const realms = (await org.api("GET", "/api/v1/realms")).body;
        await org.close();

        org = await startTestOrg({ dataFile: file });
        const byLogin = await org.api("GET", "/api/v1/users/ada@example.com");
        expect(byLogin.status).to.equal(200);
        expect(byLogin.body.id).to.equal(created.body.id);
        expect((await org.api("GET", "/api/v1/users/ada")).body.id, "login shortname").to.equal(created.body.id);
        expect((await org.api("GET", `/api/v1/users/${created.body.id}/groups`)).body.map((g: { id: string }) => g.id)).to.include(group.id);
        expect((await org.api("GET", `/api/v1/meta/types/user/${type.body.id}`)).status).to.equal(200);
        expect(withoutLinks((await org.api("GET", "/api/v1/meta/types/user/default")).body)).to.deep.equal(withoutLinks(defaultType));
        expect((await org.api("GET", "/api/v1/realms")).body.map(withoutLinks)).to.deep.equal(realms.map(withoutLinks));
        const logAfter = (await org.api("GET", "/api/v1/logs?limit=1000")).body;
        expect(logAfter.map((e: { uuid: string }) => e.uuid)).to.deep.equal(logBefore.map((e: { uuid: string }) => e.uuid));
    });

    it("restores the built-in Everyone group instead of creating a second one", async () => {
        org = await startTestOrg({ dataFile: file });
        await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        const everyone = (await org.api("GET", "/api/v1/groups?q=Everyone")).body;
        await org.close();
        org = await startTestOrg({ dataFile: file });
        expect((await org.api("GET", "/api/v1/groups?q=Everyone")).body.map(withoutLinks)).to.deep.equal(everyone.map(withoutLinks));
    });

    it("writes after a change without waiting for close, atomically, readable only by the owner, without API tokens", async () => {
        org = await startTestOrg({ dataFile: file, saveDelayMs: 10 });
        await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
        await waitFor(() => existsSync(file) && readFileSync(file, "utf8").includes('"Eng"'));
        const text = readFileSync(file, "utf8");
        expect(JSON.parse(text)).to.include({ format: "okta-emulator-state", version: 1 });
        expect(text).not.to.include(TEST_TOKEN);
        expect(statSync(file).mode & 0o777).to.equal(0o600);
        expect(readdirSync(dir)).to.deep.equal(["org.json"]);
    });

    it("answers a change only once the file holds it, concurrent changes included", async () => {
        org = await startTestOrg({ dataFile: file });
        const created = await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Answered after the save" } } });
        expect(created.status).to.equal(200);
        expect(readFileSync(file, "utf8"), "read right after the answer").to.include(created.body.id);
        const names = Array.from({ length: 12 }, (_, i) => `Concurrent ${i}`);
        await Promise.all(
            names.map(async (name) => {
                const answer = await org!.api("POST", "/api/v1/groups", { body: { profile: { name } } });
                expect(answer.status).to.equal(200);
                expect(readFileSync(file, "utf8"), `the file when ${name} is answered`).to.include(answer.body.id);
            }),
        );
    });

    it("gives the seed's tokens access to a restored org, but does not apply its objects again", async () => {
        org = await startTestOrg({ dataFile: file, seed: { groups: [{ name: "Seeded" }] } });
        await org.api("DELETE", `/api/v1/groups/${(await org.api("GET", "/api/v1/groups?q=Seeded")).body[0].id}`);
        await org.close();
        org = await startTestOrg({ dataFile: file, seed: { groups: [{ name: "Seeded" }] } });
        const listed = await org.api("GET", "/api/v1/groups?q=Seeded");
        expect(listed.status).to.equal(200);
        expect(listed.body).to.deep.equal([]);
    });

    it("saves a control-API org reset, and keeps saving (and delivering hooks) after it", async () => {
        const receiver = await new HookReceiver().start();
        try {
            org = await startTestOrg({ dataFile: file, controlToken: CONTROL_TOKEN });
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Before reset" } } });
            await new EmulatorControl(org.url, CONTROL_TOKEN).resetOrg();
            const hook = (await org.api("POST", "/api/v1/eventHooks", {
                body: {
                    name: "After reset",
                    events: { type: "EVENT_TYPE", items: ["group.lifecycle.create"] },
                    channel: { type: "HTTP", version: "1.0.0", config: { uri: receiver.url, headers: [], authScheme: { type: "HEADER", key: "Authorization", value: "s3cret-value" } } },
                },
            })).body;
            expect((await org.api("POST", `/api/v1/eventHooks/${hook.id}/lifecycle/verify`)).status).to.equal(200);
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "After reset" } } });
            await receiver.received(2); // the verification GET and the delivery of the group's creation
            await org.emulator.hooks.idle();
            await org.close();

            org = await startTestOrg({ dataFile: file });
            const names = (await org.api("GET", "/api/v1/groups")).body.map((g: { profile: { name: string } }) => g.profile.name);
            expect(names).to.include("After reset").and.not.to.include("Before reset");
            const events = (await org.api("GET", "/api/v1/logs?limit=1000")).body.map((e: { eventType: string }) => e.eventType);
            expect(events, "the delivery, logged in the background, was saved too").to.include("group.lifecycle.create");
            expect(receiver.posts().length).to.equal(1);
        } finally {
            await receiver.close();
        }
    });

    it("saves every part of the org except the transient ones", () => {
        const store = new OrgStore();
        const saved = Object.keys(snapshotStore(store).parts);
        const expected = Object.keys(store).filter((name) => !TRANSIENT_STORE_PARTS.has(name));
        expect(saved).to.have.members(expected);
        expect(saved).to.include.members(["groups", "users", "memberships", "log"]);
    });

    it("round-trips collections, maps of collections, memberships and the System Log through JSON", () => {
        const store = new OrgStore();
        const group = store.addGroup({ profile: { name: "Eng" } });
        store.memberships.add(group.id, "00u1");
        const assignments = new Collection<AppUserRecord>();
        assignments.insert({ id: "00u1", appId: "0oa1", assignmentId: "0ua1", credentials: { userName: "u" }, scope: "USER", status: "ACTIVE", syncState: "DISABLED", created: "c", lastUpdated: "u", statusChanged: "s", passwordChanged: null, externalId: null, profile: { $type: "tricky" } });
        store.appUsers.set("0oa1", assignments);
        store.log.append({ eventType: "group.lifecycle.create", displayMessage: "Create okta group" });
        const saved = JSON.parse(JSON.stringify(snapshotStore(store)));

        const restored = new OrgStore();
        restoreStore(restored, saved);
        expect({ ...snapshotStore(restored), savedAt: "" }).to.deep.equal({ ...saved, savedAt: "" });
        expect(restored.appUsers.get("0oa1")).to.be.instanceOf(Collection);
        expect(restored.appUsers.get("0oa1")!.get("00u1")!.profile).to.deep.equal({ $type: "tricky" });
        expect(restored.memberships.groupsOf("00u1")).to.deep.equal([group.id]);
        expect(restored.log.all().map((e) => e.eventType)).to.deep.equal(["group.lifecycle.create"]);
        // An object reachable twice stays one object: the default user type is also an item of all user types.
        expect(restored.userTypes.defaultType.id).to.equal(store.userTypes.defaultType.id);
        expect(restored.userTypes.all.get(restored.userTypes.defaultType.id)).to.equal(restored.userTypes.defaultType);
    });

    describe("a file that cannot be loaded gives a clear error", () => {
        const loadError = (content: string): DataFileError => {
            writeFileSync(file, content);
            try {
                new OktaEmulator({ dataFile: file });
            } catch (err) {
                expect(err).to.be.instanceOf(DataFileError);
                return err as DataFileError;
            }
            throw new Error("expected the emulator to refuse the data file");
        };

        it("a truncated (partially written) file", async () => {
            org = await startTestOrg({ dataFile: file });
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Eng" } } });
            await org.close();
            org = undefined;
            const whole = readFileSync(file, "utf8");
            const error = loadError(whole.slice(0, Math.floor(whole.length / 2)));
            expect(error.message).to.include(file).and.to.include("not valid JSON (truncated or corrupted?)");
        });

        it("an empty file", () => {
            expect(loadError("").message).to.include("not valid JSON");
        });

        it("JSON that is not emulator state", () => {
            expect(loadError('{"users": []}').message).to.include("not an emulator state file");
        });

        it("a state file from another version", () => {
            expect(loadError('{"format":"okta-emulator-state","version":99,"parts":{}}').message).to.include("version 99 is not supported");
        });

        it("a part the org does not have", () => {
            expect(loadError('{"format":"okta-emulator-state","version":1,"parts":{"widgets":[]}}').message).to.include("part 'widgets'");
        });

        it("a damaged collection", () => {
            const error = loadError('{"format":"okta-emulator-state","version":1,"parts":{"groups":{"$type":"Snapshot","value":{"class":"Collection","data":{"items":7}}}}}');
            expect(error.message).to.include("part 'groups': not a collection snapshot");
        });

        it("the CLI exits with the message and no stack trace", () => {
            writeFileSync(file, '{"format":"okta-emu');
            const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "emulator", "cli.js"), "--data-file", file, "--token", TEST_TOKEN], {
                encoding: "utf8",
                timeout: 20_000,
            });
            expect(run.status).to.equal(2);
            expect(run.stderr).to.include(`data file ${file} is not valid JSON`);
            expect(run.stderr).not.to.match(/\n\s+at /);
        });
    });
});

/** Polls a condition that a background write makes true (a liveness wait, not a timing assertion). */
async function waitFor(condition: () => boolean, deadlineMs = 10_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error("condition not met before the deadline");
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
