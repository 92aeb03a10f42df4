import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadSeedFile } from "../../emulator";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi, type PulumiRun } from "../../scripts/pulumi-offline";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { startPostgres, type PostgresServer } from "../support/postgres";

/** How long the first `up` is held at its first Okta request, so that a second `up` runs while it holds the lock. */
const HOLD_MS = 15_000;

/**
 * The team setup of docs/team-backend.md for real: a PostgreSQL server (scripts/postgres.sh), `pulumi login
 * postgres://...`, the quickstart's up/refresh/destroy on it, and the backend's lock serialising two concurrent `up`s
 * of one stack. Steps depend on each other and run in order.
 */
describe("e2e: the quickstart on the PostgreSQL state backend", function () {
    this.timeout(300_000);

    const projectDir = join(REPO_ROOT, "examples", "quickstart");
    const stack = "team";
    let postgres: PostgresServer;
    let org: TestOrg;
    let env: NodeJS.ProcessEnv;
    let pulumiHome: string;

    const pulumi = (...args: string[]) => runPulumi(args, { cwd: projectDir, env });
    const attempt = (...args: string[]) => runPulumi(args, { cwd: projectDir, env, allowFailure: true, timeoutMs: 120_000 });
    const stateResources = async () => JSON.parse((await pulumi("stack", "export")).stdout).deployment.resources ?? [];
    const groupNames = async () => (await org.api("GET", "/api/v1/groups")).body.map((g: any) => g.profile.name).sort();

    before(async () => {
        [postgres, org] = await Promise.all([startPostgres(), startTestOrg({ seed: loadSeedFile(join(projectDir, "emulator-seed.yaml")) })]);
        // Its own PULUMI_HOME: `pulumi login` records the backend there, and the other tests keep their file backend.
        pulumiHome = mkdtempSync(join(tmpdir(), "okta-iac-pulumi-home-"));
        const { PULUMI_BACKEND_URL: _fileBackend, ...offline } = offlinePulumiEnv(join(REPO_ROOT, ".tmp", `pg-unused-${process.pid}`));
        env = { ...offline, ...postgres.env, PULUMI_HOME: pulumiHome, PULUMI_CONFIG_PASSPHRASE: "team-passphrase-in-a-ci-secret" };
    });

    after(async () => {
        if (env) await runPulumi(["stack", "rm", stack, "--yes", "--force"], { cwd: projectDir, env, allowFailure: true });
        await Promise.all([postgres?.stop(), org?.close()]);
        rmSync(pulumiHome, { recursive: true, force: true });
        rmSync(join(REPO_ROOT, ".tmp", `pg-unused-${process.pid}`), { recursive: true, force: true });
    });

    it("`pulumi login postgres://...` takes the password from PGPASSWORD and never prints it", async () => {
        const login = await pulumi("login", postgres.backendUrl);
        expect(login.stdout).to.contain(`Logged in to`).and.to.contain(postgres.backendUrl);
        expect(login.stdout + login.stderr).not.to.contain(postgres.env.PGPASSWORD);
        expect((await pulumi("whoami", "--verbose")).stdout).to.contain(`Backend URL: ${postgres.backendUrl}`);
        await initOktaStack({ cwd: projectDir, env }, stack, { url: org.url, apiToken: TEST_TOKEN });
        expect((await pulumi("stack", "ls")).stdout).to.match(/^team\*?\s/m);
    });

    it("two concurrent `up`s of one stack: the second fails fast on the lock, the first completes, nothing is lost", async () => {
        await org.control.addFault({ path: "/api/v1/**", latencyMs: HOLD_MS, times: 1 });
        const startedAt = Date.now();
        let firstDone = false;
        const first = attempt("up", "--yes", "--skip-preview").finally(() => (firstDone = true));
        // The first `up` holds the stack's lock once its program talks to Okta.
        while ((await org.control.stats()).total === 0) {
            expect(firstDone, "the first up ended before reaching Okta").to.equal(false);
            await sleep(200);
        }
        const secondStart = Date.now();
        const second = await attempt("up", "--yes", "--skip-preview");
        const secondMs = Date.now() - secondStart;
        const secondEndedWhileFirstRan = !firstDone;
        const firstRun: PulumiRun = await first;
        const lockMessage = (second.stdout + second.stderr).split("\n").find((line) => /locked/.test(line));
        console.log(`      second up: exit ${second.code} after ${secondMs} ms: ${lockMessage?.trim()}`);
        console.log(`      first up: exit ${firstRun.code} after ${Date.now() - startedAt} ms`);

        expect(second.code).to.not.equal(0);
        expect(second.stdout + second.stderr).to.match(/the stack is currently locked by 1 lock\(s\)/);
        expect(secondEndedWhileFirstRan, "the second up must fail while the first still holds the lock, not wait").to.equal(true);
        expect(firstRun.code, firstRun.stdout + firstRun.stderr).to.equal(0);

        // Everything the first `up` made is in state, and the next `up` converges with nothing left to do.
        const types = (await stateResources()).map((r: any) => r.type.replace(/^pulumi-nodejs:dynamic\/okta:/, ""));
        expect(types.filter((t: string) => t === "Group")).to.have.length(2);
        expect(types.filter((t: string) => t === "User")).to.have.length(2);
        expect(await groupNames()).to.include.members(["Engineering", "Support"]);
        const again = await pulumi("up", "--yes", "--expect-no-changes");
        expect(again.stdout).to.match(/9 unchanged/);
    });

    it("`refresh` finds a change made in Okta, and `destroy` removes everything, on the same backend", async () => {
        const engineering = (await org.api("GET", "/api/v1/groups?q=Engineering")).body[0];
        await org.api("PUT", `/api/v1/groups/${engineering.id}`, { body: { profile: { name: "Renamed outside Pulumi" } } });
        await pulumi("refresh", "--yes", "--skip-preview");
        const refreshed = (await stateResources()).find((r: any) => r.id === engineering.id);
        expect(refreshed.outputs.name).to.equal("Renamed outside Pulumi");

        await pulumi("destroy", "--yes", "--skip-preview");
        expect(await groupNames()).to.deep.equal(["Everyone", "Okta Administrators"]);
        expect(await stateResources()).to.deep.equal([]);
    });
});
