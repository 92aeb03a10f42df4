import { expect } from "chai";
import { TEST_APPS } from "../support/apps";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { HookReceiver } from "../support/hook-receiver";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const [WIKI, SHARED] = TEST_APPS.map((app) => app.id);
const SECRETS = {
    adaPassword: "Xq7-Secret-Pass-1",
    adoptedPassword: "Zk9-Secret-Pass-2",
    wikiPassword: "Wiki-Secret-Pass-3",
    recoveryAnswer: "Secret-Answer-Tiddles",
    hookAuth: "Bearer hook-secret-value-4",
    hashValue: "qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna",
};
const person = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Example" });

/**
 * Every resource type through the real Pulumi CLI against the emulator, in one stack: up, a second up with no
 * changes, drift made in Okta found by refresh and undone by up, replacement, adoption, secrets in state, a preview
 * that fails in check, and destroy. Steps depend on each other and run in order.
 */
describe("e2e: every resource with the real Pulumi CLI", function () {
    this.timeout(300_000);

    let org: RecordingOrg;
    let otherOrg: TestOrg;
    let receiver: HookReceiver;
    let project: DeclaredProject;
    let ids: Record<string, string>;
    const preexisting: Record<string, string> = {};

    const okta = async (path: string) => {
        const response = await org.api("GET", path);
        return response.status === 200 ? response.body : undefined;
    };

    function program(changes: { replaced?: boolean; invalid?: "login" | "url" | "userIds" } = {}): DeclaredResource[] {
        const hash = { algorithm: "BCRYPT", workFactor: 10, salt: "rwh3vH166HCH/NT9XV5FYu", value: SECRETS.hashValue };
        return [
            { type: "Group", name: "eng", args: { name: "Engineering", description: "Everyone who builds" } },
            { type: "Group", name: "support", args: { name: "Support" } },
            { type: "Group", name: "adopted", args: { name: "Adopted", description: "Managed by Pulumi now", adopt: true } },
            { type: "Group", name: "elsewhere", args: { name: "Elsewhere", connection: { orgUrl: otherOrg.url, apiToken: TEST_TOKEN } } },
            {
                type: "User",
                name: "ada",
                args: {
                    ...person("ada"),
                    ...(changes.invalid === "login" ? { login: "ab" } : {}),
                    department: "Engines",
                    password: SECRETS.adaPassword,
                    recoveryQuestion: "First pet?",
                    recoveryAnswer: SECRETS.recoveryAnswer,
                    status: "ACTIVE",
                    groupIds: [{ $ref: "eng" }],
                },
            },
            { type: "User", name: "bob", args: { ...person("bob"), status: "ACTIVE" } },
            { type: "User", name: "hashed", args: { ...person("hashed"), passwordHash: hash, status: "STAGED" } },
            { type: "User", name: "adoptedUser", args: { ...person("adopted"), password: SECRETS.adoptedPassword, status: "SUSPENDED", adopt: true } },
            {
                type: "GroupMembership",
                name: "inEng",
                args: { groupId: { $ref: "eng" }, userId: { $ref: changes.replaced ? "adoptedUser" : "bob" } },
            },
            {
                type: "GroupMembers",
                name: "team",
                args: {
                    groupId: { $ref: changes.replaced ? "adopted" : "support" },
                    userIds: changes.invalid === "userIds" ? "ada, bob" : [{ $ref: "ada" }, { $ref: "bob" }],
                    authoritative: true,
                },
            },
            {
                type: "AppUserAssignment",
                name: "wiki",
                args: {
                    appId: WIKI,
                    userId: { $ref: changes.replaced ? "bob" : "ada" },
                    username: "ada.wiki",
                    password: SECRETS.wikiPassword,
                    profile: { team: "docs" },
                },
            },
            { type: "AppUserAssignment", name: "shared", args: { appId: SHARED, userId: { $ref: "bob" } } },
            { type: "AppUserAssignment", name: "adoptedWiki", args: { appId: WIKI, userId: { $ref: "adoptedUser" }, username: "adopted.wiki", adopt: true } },
            {
                type: "EventHook",
                name: "audit",
                args: {
                    name: "Audit trail",
                    url: changes.invalid === "url" ? "ftp://audit.example.com" : receiver.url,
                    eventTypes: ["user.lifecycle.create", "group.user_membership.add"],
                    headers: { "X-Source": "okta" },
                    authHeaderValue: SECRETS.hookAuth,
                    filters: { "group.user_membership.add": "event.target.?[type eq 'UserGroup'].size() > 0" },
                },
            },
            { type: "EventHook", name: "adoptedHook", args: { name: "Adopted hook", url: `${receiver.url}/adopted`, eventTypes: ["user.lifecycle.create"], adopt: true } },
        ];
    }

    before(async () => {
        org = await startRecordingOrg({ seed: { apps: TEST_APPS } as any });
        otherOrg = await startTestOrg();
        receiver = await new HookReceiver().start();
        // Objects that exist before the program: it adopts them.
        preexisting.group = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Adopted" } } })).body.id;
        preexisting.user = (await org.api("POST", "/api/v1/users", { body: { profile: person("adopted"), credentials: { password: { value: "Wv4-Before-Pass-9" } } } })).body.id;
        await org.api("POST", `/api/v1/apps/${WIKI}/users`, { body: { id: preexisting.user, scope: "USER" } });
        preexisting.hook = (
            await org.api("POST", "/api/v1/eventHooks", {
                body: {
                    name: "Adopted hook",
                    events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] },
                    channel: { type: "HTTP", version: "1.0.0", config: { uri: `${receiver.url}/adopted` } },
                },
            })
        ).body.id;
        preexisting.carol = (await org.api("POST", "/api/v1/users?activate=false", { body: { profile: person("carol") } })).body.id;
        project = new DeclaredProject("resources");
        await project.init({ url: org.url, apiToken: TEST_TOKEN });
    });

    after(async () => {
        await project?.remove();
        await org?.close();
        await otherOrg?.close();
        await receiver?.close();
    });

    it("`preview` of invalid inputs fails in check, naming the property, and sends no write to Okta", async () => {
        // The engine stops at the first failed check, so each invalid input gets its own preview.
        const reasons = {
            login: "property login value {ab} has a problem: login must NOT have fewer than 5 characters",
            url: 'property url value {ftp://audit.example.com} has a problem: url must match pattern "^https?://"',
            userIds: "property userIds value {ada, bob} has a problem: userIds must be array",
        };
        org.clearRequests();
        for (const [invalid, reason] of Object.entries(reasons)) {
            project.declare(program({ invalid: invalid as keyof typeof reasons }));
            const preview = await project.attempt("preview");
            expect(preview.code, invalid).to.not.equal(0);
            expect(preview.stdout + preview.stderr).to.contain(reason);
        }
        expect(org.writes()).to.deep.equal([]);
    });

    it("`up` creates every resource, adopting what exists instead of duplicating it", async () => {
        project.declare(program());
        const up = await project.pulumi("up", "--yes", "--skip-preview");
        expect(up.stdout).to.match(/\+ 16 created/);
        ids = await project.ids();

        expect(ids.adopted).to.equal(preexisting.group);
        expect(ids.adoptedUser).to.equal(preexisting.user);
        expect(ids.adoptedHook).to.equal(preexisting.hook);
        expect(ids.adoptedWiki).to.equal(`${WIKI}/${preexisting.user}`);
        const groups = (await okta("/api/v1/groups")).map((g: any) => g.profile.name);
        expect(groups.filter((name: string) => name === "Adopted")).to.have.length(1);
        expect((await okta("/api/v1/eventHooks")).filter((h: any) => h.name === "Adopted hook")).to.have.length(1);
        expect((await okta(`/api/v1/groups/${ids.adopted}`)).profile.description).to.equal("Managed by Pulumi now");
        expect((await okta(`/api/v1/users/${ids.adoptedUser}`)).status).to.equal("SUSPENDED");
        expect((await okta(`/api/v1/apps/${WIKI}/users/${ids.adoptedUser}`)).credentials.userName).to.equal("adopted.wiki");

        expect((await okta(`/api/v1/users/${ids.ada}`)).status).to.equal("ACTIVE");
        expect((await okta(`/api/v1/users/${ids.bob}`)).status).to.equal("PROVISIONED");
        expect((await okta(`/api/v1/users/${ids.hashed}`)).status).to.equal("STAGED");
        expect(org.emulator.store.memberships.has(ids.eng, ids.ada)).to.equal(true);
        expect(org.emulator.store.memberships.has(ids.eng, ids.bob)).to.equal(true);
        expect(org.emulator.store.memberships.usersOf(ids.support).sort()).to.deep.equal([ids.ada, ids.bob].sort());
        expect((await okta(`/api/v1/apps/${WIKI}/users/${ids.ada}`)).profile.team).to.equal("docs");
        expect(await okta(`/api/v1/apps/${SHARED}/users/${ids.bob}`)).to.not.equal(undefined);
        const hook = await okta(`/api/v1/eventHooks/${ids.audit}`);
        expect(hook).to.deep.include({ status: "ACTIVE", verificationStatus: "VERIFIED" });
        expect(receiver.requests.some((r) => r.method === "GET" && r.headers.authorization === SECRETS.hookAuth)).to.equal(true);

        const elsewhere = await otherOrg.api("GET", `/api/v1/groups/${ids.elsewhere}`);
        expect(elsewhere.body.profile.name).to.equal("Elsewhere");
        expect(groups).not.to.include("Elsewhere");
    });

    it("a second `up` changes nothing", async () => {
        org.clearRequests();
        await project.pulumi("up", "--yes", "--expect-no-changes", "--skip-preview");
        expect(org.writes()).to.deep.equal([]);
    });

    it("the exported state holds no plaintext password, hash, recovery answer, hook auth value or API token", async () => {
        const { text, resources } = await project.exportedState();
        for (const [name, secret] of Object.entries({ ...SECRETS, apiToken: TEST_TOKEN })) {
            expect(text, name).not.to.contain(secret);
        }
        const isSecret = (value: unknown) => typeof value === "object" && value !== null && "ciphertext" in value;
        const outputs = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`)).outputs;
        const inputs = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`)).inputs;
        for (const props of [outputs, inputs]) {
            expect(isSecret(props("ada").password)).to.equal(true);
            expect(isSecret(props("ada").recoveryAnswer)).to.equal(true);
            expect(isSecret(props("hashed").passwordHash)).to.equal(true);
            expect(isSecret(props("wiki").password)).to.equal(true);
            expect(isSecret(props("audit").authHeaderValue)).to.equal(true);
            expect(isSecret(props("elsewhere").connection)).to.equal(true);
        }
        for (const resource of resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:"))) {
            expect(resource.outputs.__provider.length, resource.urn).to.be.below(2048);
            expect(resource.outputs.__provider).to.match(/require\("pulumi-okta-iac\/shims\/[a-z-]+"\)/);
        }
    });

    it("records the program's `new` as each resource's source position, not a frame of this package", async () => {
        const { resources } = await project.exportedState();
        const okta = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:"));
        expect(okta).to.not.have.length(0);
        for (const resource of okta) {
            // The program (test/e2e/programs/declared.js) is the project's index.js (docs/state.md#source-position).
            expect(resource.sourcePosition, resource.urn).to.match(/^project:\/\/\/index\.js#\d+,\d+$/);
            expect(JSON.stringify(resource.stackTrace), resource.urn).not.to.contain("pulumi-okta-iac");
            // Only the program's own frames: none of the loader's and Pulumi's runner below it (sdk/registration.ts).
            expect(JSON.stringify(resource.stackTrace), resource.urn).not.to.contain("node_modules");
            expect(resource.stackTrace.at(-1)?.sourcePosition, resource.urn).to.match(/^project:\/\/\/index\.js#\d+,\d+$/);
        }
    });

    it("changes made directly in Okta are found by `refresh` and undone by `up`", async () => {
        await org.api("PUT", `/api/v1/groups/${ids.eng}`, { body: { profile: { name: "Engineering", description: "changed by hand" } } });
        await org.api("POST", `/api/v1/users/${ids.ada}`, { body: { profile: { firstName: "Augusta" } } });
        await org.api("POST", `/api/v1/users/${ids.ada}/lifecycle/suspend`);
        await org.api("DELETE", `/api/v1/groups/${ids.eng}/users/${ids.bob}`);
        await org.api("DELETE", `/api/v1/groups/${ids.support}/users/${ids.bob}`);
        await org.api("PUT", `/api/v1/groups/${ids.support}/users/${preexisting.carol}`);
        await org.api("POST", `/api/v1/apps/${WIKI}/users/${ids.ada}`, { body: { profile: { team: "ops" } } });
        await org.api("POST", `/api/v1/eventHooks/${ids.audit}/lifecycle/deactivate`);

        await project.pulumi("refresh", "--yes", "--skip-preview");
        const refreshed = await project.exportedState();
        for (const [name, secret] of Object.entries(SECRETS)) {
            expect(refreshed.text, `${name} after refresh`).not.to.contain(secret);
        }
        expect((await project.resourceState("inEng"))).to.equal(undefined, "a membership removed in Okta is gone after refresh");
        expect((await project.resourceState("ada")).outputs).to.include({ firstName: "Augusta", rawStatus: "SUSPENDED" });
        const pending = await project.attempt("preview", "--expect-no-changes");
        expect(pending.code).to.not.equal(0, "the drift must show as pending changes");

        await project.pulumi("up", "--yes", "--skip-preview");
        expect((await okta(`/api/v1/groups/${ids.eng}`)).profile.description).to.equal("Everyone who builds");
        const ada = await okta(`/api/v1/users/${ids.ada}`);
        expect(ada.profile.firstName).to.equal("ada");
        expect(ada.status).to.equal("ACTIVE");
        expect(org.emulator.store.memberships.has(ids.eng, ids.bob)).to.equal(true);
        expect(org.emulator.store.memberships.usersOf(ids.support).sort()).to.deep.equal([ids.ada, ids.bob].sort());
        expect((await okta(`/api/v1/apps/${WIKI}/users/${ids.ada}`)).profile.team).to.equal("docs");
        expect(await okta(`/api/v1/eventHooks/${ids.audit}`)).to.deep.include({ status: "ACTIVE", verificationStatus: "VERIFIED" });

        org.clearRequests();
        await project.pulumi("up", "--yes", "--expect-no-changes", "--skip-preview");
        expect(org.writes()).to.deep.equal([]);
    });

    it("replaces a membership, an assignment and a member set when their group, app or user changes", async () => {
        const before = await project.ids();
        project.declare(program({ replaced: true }));
        const up = await project.pulumi("up", "--yes", "--skip-preview");
        expect(up.stdout).to.match(/\+-3 replaced/);
        ids = await project.ids();
        expect(ids.inEng).to.equal(`${ids.eng}/${ids.adoptedUser}`);
        expect(org.emulator.store.memberships.has(ids.eng, ids.adoptedUser)).to.equal(true);
        expect(org.emulator.store.memberships.has(ids.eng, ids.bob)).to.equal(false);
        expect(ids.wiki).to.equal(`${WIKI}/${ids.bob}`);
        expect(await okta(`/api/v1/apps/${WIKI}/users/${ids.ada}`)).to.equal(undefined);
        expect((await okta(`/api/v1/apps/${WIKI}/users/${ids.bob}`)).credentials.userName).to.equal("ada.wiki");
        expect(ids.team).to.equal(ids.adopted).and.not.equal(before.team);
        expect(org.emulator.store.memberships.usersOf(ids.adopted).sort()).to.deep.equal([ids.ada, ids.bob].sort());
        expect(org.emulator.store.memberships.usersOf(ids.support)).to.deep.equal([]);
        await project.pulumi("up", "--yes", "--expect-no-changes", "--skip-preview");
    });

    it("`destroy` leaves nothing behind in either org", async () => {
        await project.pulumi("destroy", "--yes", "--skip-preview");
        const users = [
            ...(await okta("/api/v1/users")),
            ...(await okta(`/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`)),
        ].map((u: any) => u.id);
        // What remains: the org's super administrator and the user the program never managed.
        expect(users).to.deep.equal([org.emulator.store.superAdminId(), preexisting.carol]);
        const groups = (await okta("/api/v1/groups")).filter((g: any) => g.type === "OKTA_GROUP");
        expect(groups).to.deep.equal([]);
        expect(await okta("/api/v1/eventHooks")).to.deep.equal([]);
        for (const app of [WIKI, SHARED]) {
            expect(await okta(`/api/v1/apps/${app}/users`), app).to.deep.equal([]);
        }
        expect((await otherOrg.api("GET", "/api/v1/groups")).body.filter((g: any) => g.type === "OKTA_GROUP")).to.deep.equal([]);
    });
});
