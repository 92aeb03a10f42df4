import { expect } from "chai";
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-offline";
import { GITHUB_COMMENT_LIMIT } from "../../cli/review/render-markdown";
import { startPostgres, type PostgresServer } from "../support/postgres";

/**
 * examples/ci/run-local.sh as a developer runs it: the workflow's steps against the emulator, with state in a real
 * PostgreSQL server and the package's policy pack (up of main, preview with a saved plan and the policy pack, and
 * `okta-iac review` of the pull request, `up --plan` of the merge), with the real Pulumi CLI.
 */
describe("e2e: the CI example runs locally end to end", function () {
    this.timeout(600_000);
    const work = join(REPO_ROOT, ".tmp", `e2e-ci-example-${process.pid}`);
    let run: { code: number; stderr: string };
    let postgres: PostgresServer;

    before(async () => {
        rmSync(work, { recursive: true, force: true });
        postgres = await startPostgres();
        const env = {
            ...process.env,
            ...postgres.env,
            PULUMI_BACKEND_URL: postgres.backendUrl,
            OKTA_POLICY_PACK: join(REPO_ROOT, "examples", "quickstart", "node_modules", "pulumi-okta-iac", "dist", "policies"),
        };
        run = await new Promise((resolve, reject) => {
            const child = spawn("bash", [join(REPO_ROOT, "examples", "ci", "run-local.sh"), work], { env });
            let stderr = "";
            child.stderr.on("data", (chunk) => (stderr += chunk));
            child.stdout.on("data", () => {});
            child.on("error", reject);
            child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
        });
    });
    after(async () => {
        await postgres?.stop();
        rmSync(work, { recursive: true, force: true });
    });

    const file = (name: string) => readFileSync(join(work, name), "utf8");

    it("writes the pull request's review comment, risks first", () => {
        expect(run.code, run.stderr).to.equal(0);
        const comment = file("comment.md");
        expect(comment.length).to.be.at.most(GITHUB_COMMENT_LIMIT);
        const risks = comment.slice(0, comment.indexOf("### Changes by resource type"));
        expect(risks).to.contain("`Security Admins: + grace.hopper@example.com`");
        expect(risks).to.contain("`- user ken.thompson@example.com: deprovisioned and deleted`");
        expect(risks).to.contain("`~ hook Audit trail: url https://audit.example.com/okta/events -> https://siem.example.net/okta/events`");
        expect(comment).to.contain("| User | 12 | 3 | 1 | 16 |");
        for (const secret of ["local-hook-secret", "local-ci-token-"]) {
            expect(comment + file("review.json") + run.stderr).not.to.contain(secret);
        }
    });

    it("applies the reviewed plan on merge (pulumi up --plan with the dynamic providers)", () => {
        const log = file("up-plan.log");
        expect(log).to.match(/\+ 12 created/);
        expect(log).to.match(/~ 5 updated/);
        expect(log).to.match(/- 1 deleted/);
        expect(log).not.to.contain("violates plan");
    });
});
