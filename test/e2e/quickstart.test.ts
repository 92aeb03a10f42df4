import { expect } from "chai";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi } from "../../scripts/pulumi-offline";
import { loadSeedFile } from "../../emulator";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/**
 * The quickstart program through the real Pulumi CLI (built by `make tools`) against the emulator, over HTTP.
 * Steps depend on each other and run in order.
 */
describe("e2e: quickstart with the real Pulumi CLI", function () {
    this.timeout(180_000);

    const projectDir = join(REPO_ROOT, "examples", "quickstart");
    const stateDir = join(REPO_ROOT, ".tmp", `e2e-state-${process.pid}`);
    const stack = "e2e";
    let org: TestOrg;
    let env: NodeJS.ProcessEnv;
    let ids: { engineering: string; support: string };

    const pulumi = (...args: string[]) => runPulumi(args, { cwd: projectDir, env });
    const groupInOkta = (id: string) => org.api("GET", `/api/v1/groups/${id}`);
    const exportedState = async () => JSON.parse((await pulumi("stack", "export", "--show-secrets=false")).stdout);

    before(async () => {
        org = await startTestOrg({ seed: loadSeedFile(join(projectDir, "emulator-seed.yaml")) });
        env = offlinePulumiEnv(stateDir);
        await initOktaStack({ cwd: projectDir, env }, stack, { url: org.url, apiToken: TEST_TOKEN });
    });

    after(async () => {
        await runPulumi(["stack", "rm", stack, "--yes", "--force"], { cwd: projectDir, env, allowFailure: true });
        await org.close();
        rmSync(stateDir, { recursive: true, force: true });
    });

    it("`up` creates the groups, users, memberships, app assignment and event hook in Okta", async () => {
        await pulumi("up", "--yes", "--skip-preview");
        const outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout);
        ids = { engineering: outputs.engineeringGroupId, support: outputs.supportGroupId };
        const engineering = await groupInOkta(ids.engineering);
        const support = await groupInOkta(ids.support);
        expect(engineering.status).to.equal(200);
        expect(engineering.body.profile).to.deep.equal({ name: "Engineering", description: "Everyone who builds the product" });
        expect(support.body.profile.name).to.equal("Support");
        expect(outputs.adaStatus).to.equal("PROVISIONED");
        const users = (await org.api("GET", "/api/v1/users")).body;
        const idOf = (login: string) => users.find((u: any) => u.profile.login === login).id;
        expect(org.emulator.store.memberships.has(ids.engineering, idOf("ada@example.com"))).to.equal(true);
        expect(org.emulator.store.memberships.has(ids.engineering, idOf("grace@example.com"))).to.equal(true);
        expect(org.emulator.store.memberships.usersOf(ids.support)).to.have.length(2);
        const assignment = await org.api("GET", `/api/v1/apps/0oa1wikiapp000000001/users/${idOf("ada@example.com")}`);
        expect(assignment.body.credentials.userName).to.equal("ada");
        const [hook] = (await org.api("GET", "/api/v1/eventHooks")).body;
        expect(hook).to.deep.include({ name: "Audit trail", status: "INACTIVE", verificationStatus: "UNVERIFIED" });
    });

    it("a second `up` reports no changes", async () => {
        const run = await pulumi("up", "--yes", "--expect-no-changes");
        expect(run.stdout).to.match(/9 unchanged/);
    });

    it("the exported state holds no API token, and each `__provider` is a short shim under 2 KB", async () => {
        const state = await exportedState();
        expect(JSON.stringify(state)).not.to.contain(TEST_TOKEN);
        const groups = state.deployment.resources.filter((r: any) => r.type === "pulumi-nodejs:dynamic/okta:Group");
        expect(groups).to.have.length(2);
        for (const resource of groups) {
            for (const props of [resource.inputs, resource.outputs]) {
                expect(props.__provider).to.be.a("string");
                expect(props.__provider.length).to.be.below(2048);
                expect(props.__provider).to.contain('require("pulumi-okta-iac/shims/group")');
            }
        }
    });

    it("records each resource's `new` in the TypeScript program, source-mapped, and no frame of ts-node or Pulumi's runner", async () => {
        const okta = (await exportedState()).deployment.resources.filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/okta:"));
        expect(okta).to.not.have.length(0);
        for (const resource of okta) {
            expect(resource.sourcePosition, resource.urn).to.match(/^project:\/\/\/index\.ts#\d+,\d+$/);
            expect(JSON.stringify(resource.stackTrace), resource.urn).not.to.contain("node_modules");
            expect(resource.stackTrace.at(-1)?.sourcePosition, resource.urn).to.match(/^project:\/\/\/index\.ts#/);
        }
    });

    it("a change made directly in Okta is found by `refresh` and undone by the next `up`", async () => {
        const renamed = await org.api("PUT", `/api/v1/groups/${ids.engineering}`, { body: { profile: { name: "Renamed outside Pulumi" } } });
        expect(renamed.status).to.equal(200);

        await pulumi("refresh", "--yes", "--skip-preview");
        const refreshed = (await exportedState()).deployment.resources.find((r: any) => r.id === ids.engineering);
        expect(refreshed.outputs.name).to.equal("Renamed outside Pulumi");

        const preview = await runPulumi(["preview", "--expect-no-changes"], { cwd: projectDir, env, allowFailure: true });
        expect(preview.code).to.not.equal(0, "the drift must show as a pending change");

        await pulumi("up", "--yes", "--skip-preview");
        expect((await groupInOkta(ids.engineering)).body.profile).to.deep.equal({
            name: "Engineering",
            description: "Everyone who builds the product",
        });
        await pulumi("up", "--yes", "--expect-no-changes");
    });

    it("a group deleted directly in Okta is dropped by `refresh` and created again by `up`", async () => {
        expect((await org.api("DELETE", `/api/v1/groups/${ids.support}`)).status).to.equal(204);
        await pulumi("refresh", "--yes", "--skip-preview");
        const afterRefresh = (await exportedState()).deployment.resources.map((r: any) => r.id);
        expect(afterRefresh).not.to.include(ids.support);

        await pulumi("up", "--yes", "--skip-preview");
        ids.support = JSON.parse((await pulumi("stack", "output", "--json")).stdout).supportGroupId;
        expect((await groupInOkta(ids.support)).body.profile.name).to.equal("Support");
    });

    it("`destroy` removes everything it created", async () => {
        await pulumi("destroy", "--yes", "--skip-preview");
        expect((await groupInOkta(ids.engineering)).status).to.equal(404);
        expect((await groupInOkta(ids.support)).status).to.equal(404);
        const remaining = (await org.api("GET", "/api/v1/groups")).body.map((g: any) => g.profile.name);
        expect(remaining).to.deep.equal(["Everyone", "Okta Administrators"]);
        // What remains is the org's own super administrator.
        expect((await org.api("GET", "/api/v1/users")).body.map((u: any) => u.id)).to.deep.equal([org.emulator.store.superAdminId()]);
        expect((await org.api("GET", "/api/v1/eventHooks")).body).to.deep.equal([]);
        expect((await org.api("GET", "/api/v1/apps/0oa1wikiapp000000001/users")).body).to.deep.equal([]);
    });
});
