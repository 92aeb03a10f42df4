import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/** `okta-iac` as a subprocess: global options anywhere on the line, and the hints on Okta's common errors. */
describe("cli: global options anywhere, and error hints", function () {
    this.timeout(30_000);
    let org: TestOrg;
    let noProject: string;

    before(async () => {
        org = await startTestOrg({ seed: { superAdmin: false, users: [{ login: "taken@example.com", email: "taken@example.com", firstName: "Taken", lastName: "User" }] } });
        noProject = mkdtempSync(join(tmpdir(), "okta-iac-flags-"));
    });
    after(async () => {
        rmSync(noProject, { recursive: true, force: true });
        await org.close();
    });

    it("takes --org-url and --json before the command, between its words and after it", async () => {
        const env = { OKTA_API_TOKEN: TEST_TOKEN };
        const lines = [
            ["--org-url", org.url, "--json", "users", "list"],
            ["users", "--json", "list", `--org-url=${org.url}`],
            ["users", "list", "--org-url", org.url, "--json"],
        ];
        const outputs = [];
        for (const args of lines) {
            const run = await runCli(args, env);
            expect([run.code, run.stderr], args.join(" ")).to.deep.equal([0, ""]);
            outputs.push(JSON.parse(run.stdout));
        }
        expect(outputs[0].items.map((user: any) => user.profile.login)).to.deep.equal(["taken@example.com"]);
        expect(outputs[1]).to.deep.equal(outputs[0]);
        expect(outputs[2]).to.deep.equal(outputs[0]);
    });

    it("reads --stack before the command as after it (here: the same complaint about a missing project)", async () => {
        const before = await runCli(["--stack", "dev", "users", "list"], {}, { cwd: noProject });
        const after = await runCli(["users", "list", "--stack", "dev"], {}, { cwd: noProject });
        expect(before.stderr).not.to.contain("unknown command");
        expect(before.stderr).to.match(/^okta-iac: .*stack/);
        expect([before.code, before.stderr]).to.deep.equal([after.code, after.stderr]);
    });

    it("hints at `adopt: true` and `okta-iac recover` when a login is taken (400 E0000001)", async () => {
        const profile = { login: "taken@example.com", email: "taken@example.com", firstName: "Again", lastName: "User" };
        const run = await runCli(["raw", "POST", "/users", "--data", JSON.stringify({ profile })], { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: TEST_TOKEN });
        expect(run.code).to.not.equal(0);
        expect(run.stderr).to.contain("E0000001").and.contain(
            "hint: an object with this login already exists in Okta: to manage it, declare the resource with `adopt: true`; if an interrupted `pulumi up` created it, run `okta-iac recover --stack <name>`",
        );
    });

    it("names the admin role and OAuth scope when a call is refused (403 E0000006)", async () => {
        const env = { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: TEST_TOKEN };
        const everyone = (await org.api("GET", "/api/v1/groups?q=Everyone")).body[0];
        const run = await runCli(["raw", "DELETE", `/groups/${everyone.id}`], env);
        expect(run.code).to.not.equal(0);
        expect(run.stderr).to.contain("E0000006").and.contain("hint: the credentials lack the permission").and.contain("the scope okta.groups.manage");
    });
});
