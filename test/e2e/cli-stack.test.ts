import { expect } from "chai";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT } from "../../scripts/pulumi-offline";
import { runCli } from "../support/cli";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/** `okta-iac --stack` reads the connection from a stack's config with the real Pulumi CLI (secrets decrypted by it). */
describe("e2e: okta-iac --stack with the real Pulumi CLI", function () {
    this.timeout(120_000);
    const root = join(REPO_ROOT, ".tmp", `e2e-cli-stack-${process.pid}`);
    const project = join(root, "project");
    let org: TestOrg;
    let env: Record<string, string>;

    before(async () => {
        org = await startTestOrg();
        rmSync(root, { recursive: true, force: true });
        mkdirSync(project, { recursive: true });
        writeFileSync(join(project, "Pulumi.yaml"), "name: okta-cli-stack\nruntime: nodejs\n");
        const pulumiEnv = offlinePulumiEnv(join(root, "state"));
        await initOktaStack({ cwd: project, env: pulumiEnv }, "dev", { url: org.url, apiToken: TEST_TOKEN });
        // The CLI gets what Pulumi needs, and no Okta setting from the environment.
        env = Object.fromEntries(Object.entries(pulumiEnv).filter(([key, value]) => value !== undefined && !key.startsWith("OKTA_"))) as Record<string, string>;
    });
    after(async () => {
        await org.close();
        rmSync(root, { recursive: true, force: true });
    });

    it("reads okta:orgUrl and the secret okta:apiToken of the stack", async () => {
        const run = await runCli(["groups", "list", "--stack", "dev", "--json"], env, { cwd: project });
        expect(run.code, run.stderr).to.equal(0);
        expect(JSON.parse(run.stdout).items.map((g: any) => g.profile.name)).to.include("Everyone");
    });

    it("exits 3 for a stack that does not exist, naming it", async () => {
        const run = await runCli(["groups", "list", "--stack", "nope"], env, { cwd: project });
        expect(run.code).to.equal(3);
        expect(run.stderr).to.contain("stack 'nope'");
    });
});
