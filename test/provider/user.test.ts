import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../../provider";
import { failure } from "../support/failure";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { TEST_TOKEN } from "../support/emulator";

const PASSWORD = "Correct-Horse-42";
const NEW_PASSWORD = "Battery-Staple-77";
/** The state of an ACTIVE user with a password and a department: managed values, secrets as set, options, live status. */
const STATE_KEYS = ["__inputs", "activate", "adopt", "department", "email", "firstName", "lastName", "locale", "login", "password", "provider", "rawStatus", "realmId", "status", "typeId"];

/** A provider configured like the Pulumi host does it, and `check` applied as the engine does before create. */
async function userProvider(org: RecordingOrg) {
    const provider = dynamicProvider("User");
    await provider.configure!({ config: { get: (key: string) => ({ "okta:orgUrl": org.url, "okta:apiToken": TEST_TOKEN })[key] } } as any);
    /** `olds` are the inputs in state: none before a create. */
    const checked = async (inputs: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
        const result = await provider.check!(olds, inputs);
        expect(result.failures, JSON.stringify(result.failures)).to.equal(undefined);
        return result.inputs;
    };
    return {
        provider,
        create: async (inputs: Record<string, unknown>) => provider.create(await checked(inputs)),
        /** diff, then update when there is a change, as `pulumi up` does; returns the new state. */
        up: async (id: string, state: Record<string, unknown>, inputs: Record<string, unknown>) => {
            const news = await checked(inputs, state);
            const diff = await provider.diff!(id, state, news);
            return diff.changes ? (await provider.update!(id, state, news)).outs! : state;
        },
        refresh: async (id: string, state: Record<string, unknown>) => (await provider.read!(id, state)).props!,
    };
}

describe("provider: User against the emulator", () => {
    let org: RecordingOrg;
    let users: Awaited<ReturnType<typeof userProvider>>;
    let provider: pulumi.dynamic.ResourceProvider;
    const ada = { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
    const liveUser = (id: string) => org.emulator.store.users.get(id)!;

    beforeEach(async () => {
        org = await startRecordingOrg();
        users = await userProvider(org);
        provider = users.provider;
    });
    afterEach(() => org.close());

    it("creates an ACTIVE user with a password, with complete outputs, and reads it back without a diff", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, department: "Engines", status: "ACTIVE" });
        expect(created.id).to.match(/^00u/);
        expect(created.outs).to.include({ ...ada, department: "Engines", locale: "en_US", rawStatus: "ACTIVE", status: "ACTIVE", password: PASSWORD });
        // State holds what diff, refresh and adoption need, never Okta's timestamps (docs/state.md#what-state-holds).
        expect(Object.keys(created.outs).sort()).to.deep.equal(STATE_KEYS);
        expect(liveUser(created.id).profile).to.include({ login: ada.login, department: "Engines", locale: "en_US" });

        const read = await provider.read!(created.id, created.outs);
        expect(read.props).to.deep.equal(created.outs);
        const inputs = await provider.check!({}, { ...ada, password: PASSWORD, department: "Engines", status: "ACTIVE" });
        expect((await provider.diff!(created.id, read.props!, inputs.inputs)).changes).to.equal(false);
    });

    it("reaches every desired status from STAGED with the lifecycle operations, and back to ACTIVE", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, status: "STAGED" });
        expect(created.outs.rawStatus).to.equal("STAGED");
        let state = created.outs;
        for (const [desired, live] of [
            ["ACTIVE", "ACTIVE"],
            ["SUSPENDED", "SUSPENDED"],
            ["ACTIVE", "ACTIVE"],
            ["DEPROVISIONED", "DEPROVISIONED"],
            ["SUSPENDED", "SUSPENDED"],
            ["DEPROVISIONED", "DEPROVISIONED"],
            ["ACTIVE", "ACTIVE"],
        ]) {
            state = await users.up(created.id, state, { ...ada, password: PASSWORD, status: desired });
            expect(state.rawStatus, desired).to.equal(live);
            expect(liveUser(created.id).status).to.equal(live);
        }
        const operations = org.requests.filter((r) => r.path.includes("/lifecycle/")).map((r) => r.path.split("/lifecycle/")[1].split("?")[0]);
        expect(operations).to.deep.equal(["activate", "suspend", "unsuspend", "deactivate", "activate", "suspend", "deactivate", "activate"]);
    });

    it("activates a DEPROVISIONED user before changing its profile, which Okta refuses while it is deactivated", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, status: "DEPROVISIONED" });
        expect(created.outs.rawStatus).to.equal("DEPROVISIONED");
        expect(await users.up(created.id, created.outs, { ...ada, password: PASSWORD, status: "DEPROVISIONED", department: "New" })).to.equal(created.outs);
        const back = await users.up(created.id, created.outs, { ...ada, password: PASSWORD, status: "ACTIVE", department: "New" });
        expect(back).to.include({ rawStatus: "ACTIVE", department: "New" });
        const writes = org.writes().map((r) => r.path.replace(`/api/v1/users/${created.id}`, ""));
        expect(writes.slice(-2)).to.deep.equal(["/lifecycle/activate?sendEmail=false", ""]);
    });

    it("unlocks a LOCKED_OUT user and leaves PROVISIONED, RECOVERY and PASSWORD_EXPIRED users alone", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, status: "ACTIVE" });
        for (const live of ["PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED"] as const) {
            liveUser(created.id).status = live;
            const refreshed = await users.refresh(created.id, created.outs);
            expect(refreshed.rawStatus).to.equal(live);
            org.clearRequests();
            expect(await users.up(created.id, refreshed, { ...ada, password: PASSWORD, status: "ACTIVE" })).to.equal(refreshed);
            expect(org.writes()).to.deep.equal([]);
        }
        liveUser(created.id).status = "LOCKED_OUT";
        const locked = await users.refresh(created.id, created.outs);
        const unlocked = await users.up(created.id, locked, { ...ada, password: PASSWORD, status: "ACTIVE" });
        expect(unlocked.rawStatus).to.equal("ACTIVE");
        expect(org.writes().map((r) => r.path)).to.deep.equal([`/api/v1/users/${created.id}/lifecycle/unlock`]);
    });

    it("creates without a password as PROVISIONED, and that satisfies ACTIVE", async () => {
        const created = await users.create({ ...ada, status: "ACTIVE" });
        expect(created.outs.rawStatus).to.equal("PROVISIONED");
        expect((await provider.diff!(created.id, created.outs, (await provider.check!({}, { ...ada, status: "ACTIVE" })).inputs)).changes).to.equal(false);
        const err = await failure(users.up(created.id, created.outs, { ...ada, status: "SUSPENDED" }));
        expect(err.message).to.contain("PROVISIONED (activation pending) and Okta suspends only ACTIVE users");
        expect(err.id).to.equal(created.id);
    });

    it("refuses to take a user back to STAGED, keeping the user in state", async () => {
        const created = await users.create({ ...ada, password: PASSWORD });
        const err = await failure(users.up(created.id, created.outs, { ...ada, password: PASSWORD, status: "STAGED" }));
        expect(err.message).to.contain("no operation that returns a user to STAGED");
        expect(err.id).to.equal(created.id);
        expect(err.properties.rawStatus).to.equal("ACTIVE");
    });

    it("sets a new password as an admin, or through change_password with the old one", async () => {
        const created = await users.create({ ...ada, password: PASSWORD });
        org.clearRequests();
        const adminSet = await users.up(created.id, created.outs, { ...ada, password: NEW_PASSWORD });
        expect(adminSet.password).to.equal(NEW_PASSWORD);
        expect(org.writes().map((r) => `${r.method} ${r.path}`)).to.deep.equal([`POST /api/v1/users/${created.id}`]);

        // Okta accepts the admin-set password as the old one: it was set.
        org.clearRequests();
        const changed = await users.up(created.id, adminSet, { ...ada, oldPassword: NEW_PASSWORD, password: PASSWORD });
        expect(org.writes().map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([`POST /api/v1/users/${created.id}/credentials/change_password 200`]);
        expect(changed.password).to.equal(PASSWORD);

        // A wrong old password is Okta's error, and state keeps the password last set.
        const err = await failure(users.up(created.id, changed, { ...ada, oldPassword: "Not-The-Old-1", password: NEW_PASSWORD }));
        expect(err.message).to.match(/change_password failed with HTTP 403/);
        expect(err.message).not.to.contain("Not-The-Old-1");
        expect(err.properties.password).to.equal(PASSWORD);
    });

    it("imports a password hash for a STAGED user and changes it while STAGED", async () => {
        const hash = { algorithm: "BCRYPT", workFactor: 10, salt: "rwh3vH166HCH/NT9XV5FYu", value: "qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna" };
        const created = await users.create({ ...ada, passwordHash: hash, status: "STAGED" });
        expect(created.outs.passwordHash).to.deep.equal(hash);
        expect(liveUser(created.id).credentials.provider.type).to.equal("IMPORT");
        const rehashed = await users.up(created.id, created.outs, { ...ada, passwordHash: { ...hash, workFactor: 11 }, status: "STAGED" });
        expect(rehashed.passwordHash.workFactor).to.equal(11);
    });

    it("sets and changes the recovery question and answer", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, recoveryQuestion: "First pet?", recoveryAnswer: "Tiddles" });
        expect(created.outs).to.include({ recoveryQuestion: "First pet?", recoveryAnswer: "Tiddles" });
        const changed = await users.up(created.id, created.outs, { ...ada, password: PASSWORD, recoveryQuestion: "First car?", recoveryAnswer: "Beetle" });
        expect(changed).to.include({ recoveryQuestion: "First car?", recoveryAnswer: "Beetle" });
        expect((await org.api("GET", `/api/v1/users/${created.id}`)).body.credentials.recovery_question).to.deep.equal({ question: "First car?" });
    });

    it("updates the profile in one call, clearing attributes no longer listed", async () => {
        const created = await users.create({ ...ada, password: PASSWORD, department: "Engines", mobilePhone: "+1 555 0100", profileAttributes: { title: "Countess" } });
        org.clearRequests();
        const updated = await users.up(created.id, created.outs, { ...ada, password: PASSWORD, firstName: "Augusta", profileAttributes: { nickName: "Ada" } });
        expect(org.writes()).to.have.length(1);
        expect(updated).to.include({ firstName: "Augusta" });
        expect(updated.profileAttributes).to.deep.equal({ nickName: "Ada" });
        const profile = liveUser(created.id).profile;
        expect(profile).to.include({ firstName: "Augusta", nickName: "Ada" });
        expect(profile.department ?? null).to.equal(null);
        expect(profile.mobilePhone ?? null).to.equal(null);
        expect(profile.title ?? null).to.equal(null);
    });

    it("adds the user to the listed groups, and moves it when the list changes", async () => {
        const [g1, g2] = await Promise.all(
            ["One", "Two"].map(async (name) => (await org.api("POST", "/api/v1/groups", { body: { profile: { name } } })).body.id),
        );
        const created = await users.create({ ...ada, password: PASSWORD, groupIds: [g1] });
        expect(org.emulator.store.memberships.has(g1, created.id)).to.equal(true);
        const moved = await users.up(created.id, created.outs, { ...ada, password: PASSWORD, groupIds: [g2] });
        expect(moved.groupIds).to.deep.equal([g2]);
        expect(org.emulator.store.memberships.has(g1, created.id)).to.equal(false);
        expect(org.emulator.store.memberships.has(g2, created.id)).to.equal(true);
        // Removed outside Pulumi: refresh reports it, and the next update adds it back.
        org.emulator.store.memberships.remove(g2, created.id);
        const refreshed = await users.refresh(created.id, moved);
        expect(refreshed.groupIds).to.deep.equal([]);
        await users.up(created.id, refreshed, { ...ada, password: PASSWORD, groupIds: [g2] });
        expect(org.emulator.store.memberships.has(g2, created.id)).to.equal(true);
    });

    it("changes the user type with a full replace that keeps the profile", async () => {
        const type = await org.api("POST", "/api/v1/meta/types/user", { body: { name: "contractor", displayName: "Contractor", description: "c" } });
        expect(type.status).to.equal(200);
        const created = await users.create({ ...ada, password: PASSWORD, department: "Engines" });
        const retyped = await users.up(created.id, created.outs, { ...ada, password: PASSWORD, department: "Engines", typeId: type.body.id });
        expect(retyped.typeId).to.equal(type.body.id);
        expect(liveUser(created.id).type.id).to.equal(type.body.id);
        expect(liveUser(created.id).profile.department).to.equal("Engines");
    });

    it("adopts an existing user by login instead of failing, changing only what differs", async () => {
        const existing = await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { ...ada, department: "Old" } } });
        expect(existing.status).to.equal(200);
        expect((await failure(users.create({ ...ada, password: PASSWORD }))).message).to.contain("E0000001");
        const adopted = await users.create({ ...ada, password: PASSWORD, department: "New", status: "ACTIVE", adopt: true });
        expect(adopted.id).to.equal(existing.body.id);
        expect(adopted.outs).to.include({ department: "New", rawStatus: "ACTIVE" });
        expect([...org.emulator.store.users.values()].filter((u) => u.profile.login === ada.login)).to.have.length(1);
    });

    it("adopts a user with the declared groups it is in, and joins only the declared ones it is not in", async () => {
        const [g1, g2, g3] = await Promise.all(
            ["One", "Two", "Three"].map(async (name) => (await org.api("POST", "/api/v1/groups", { body: { profile: { name } } })).body.id),
        );
        const existing = (await org.api("POST", "/api/v1/users?activate=true", { body: { profile: { ...ada, locale: "en_US" } } })).body.id;
        for (const group of [g1, g3]) {
            expect((await org.api("PUT", `/api/v1/groups/${group}/users/${existing}`)).status).to.equal(204);
        }
        org.clearRequests();
        const adopted = await users.create({ ...ada, groupIds: [g2, g1], adopt: true });
        expect(adopted.id).to.equal(existing);
        expect(adopted.outs.groupIds).to.deep.equal([g1, g2].sort());
        expect(org.writes().map((w) => `${w.method} ${w.path}`)).to.deep.equal([`PUT /api/v1/groups/${g2}/users/${existing}`]);
        expect([g1, g2, g3].map((group) => org.emulator.store.memberships.has(group, existing))).to.deep.equal([true, true, true]);
    });

    it("answers concurrent adoptions' group questions from the groups' member listings, not one call per user", async () => {
        const [g1, g2] = await Promise.all(
            ["One", "Two"].map(async (name) => (await org.api("POST", "/api/v1/groups", { body: { profile: { name } } })).body.id),
        );
        const people = [0, 1, 2, 3, 4].map((i) => ({ login: `p${i}@example.com`, email: `p${i}@example.com`, firstName: "P", lastName: `${i}`, locale: "en_US" }));
        const ids: string[] = [];
        for (const person of people) {
            const id = (await org.api("POST", "/api/v1/users?activate=true", { body: { profile: person } })).body.id;
            for (const group of [g1, g2]) {
                expect((await org.api("PUT", `/api/v1/groups/${group}/users/${id}`)).status).to.equal(204);
            }
            ids.push(id);
        }
        const inputs = await Promise.all(people.map((person) => provider.check!({}, { ...person, groupIds: [g1, g2], adopt: true })));
        org.clearRequests();
        const adopted = await Promise.all(inputs.map((checked) => provider.create(checked.inputs)));
        expect(adopted.map((a) => a.id)).to.deep.equal(ids);
        // check sorts the listed groups (provider/unordered-lists.ts).
        expect(adopted.map((a) => a.outs.groupIds)).to.deep.equal(people.map(() => [g1, g2].sort()));
        expect(org.writes()).to.deep.equal([]);
        // The first adoption asks its own groups once; the others are answered by one listing of each group's members
        // (core/okta/collection-reads.ts).
        expect(org.count((r) => /^\/api\/v1\/users\/[^/]+\/groups/.test(r.path))).to.equal(1);
        expect(org.count((r) => /^\/api\/v1\/groups\/[^/]+\/users/.test(r.path))).to.equal(2);
    });

    it("deletes by deactivating, then deleting; a user gone from Okta reads as gone", async () => {
        const created = await users.create({ ...ada, password: PASSWORD });
        org.clearRequests();
        await provider.delete!(created.id, created.outs);
        // The deactivation and the DELETE count against two buckets (docs/okta/users.md#delete).
        expect(org.writes().map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
            `POST /api/v1/users/${created.id}/lifecycle/deactivate?sendEmail=false 200`,
            `DELETE /api/v1/users/${created.id}?sendEmail=false 204`,
        ]);
        expect((await org.api("GET", `/api/v1/users/${created.id}`)).status).to.equal(404);
        expect((await provider.read!(created.id, created.outs)).id).to.equal("");
        // An already DEPROVISIONED user answers the deactivation 404, and the DELETE deletes it.
        const second = await users.create({ login: "bob@example.com", email: "bob@example.com", firstName: "Bob", lastName: "B", status: "DEPROVISIONED" });
        expect(second.outs.rawStatus).to.equal("DEPROVISIONED");
        org.clearRequests();
        await provider.delete!(second.id, second.outs);
        expect(org.writes().map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 404", "DELETE 204"]);
        expect((await org.api("GET", `/api/v1/users/${second.id}`)).status).to.equal(404);
        // A user already gone: both calls answer 404, and the delete succeeds.
        org.clearRequests();
        await provider.delete!(second.id, second.outs);
        expect(org.writes().map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 404", "DELETE 404"]);
    });

    it("passes on Okta's validation errors without the password", async () => {
        const err = await failure(users.create({ ...ada, password: "short" }));
        expect(err.message).to.contain("E0000001");
        expect(err.message).to.contain("Password requirements were not met");
        expect(err.message).not.to.contain("short\"");
    });
});
