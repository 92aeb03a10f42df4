import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { offlinePulumiEnv, REPO_ROOT } from "../../scripts/pulumi-offline";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";

/**
 * A new project made only from the README's "Start a project" commands (read from README.md, so the two cannot
 * drift), in an empty folder, with the package as `npm pack` makes it, through the real Pulumi CLI against the
 * emulator. The test sets OKTA_ORG_URL and OKTA_API_TOKEN itself (the README's two `export` lines), and as it has no
 * registry, `npm install` first gets the packed tarball and this repository's installed tree (hard links) to resolve from.
 */
describe("e2e: a new project from the README's commands", function () {
    this.timeout(600_000);

    let org: TestOrg;
    const root = join(REPO_ROOT, ".tmp", `new-project-${process.pid}`);

    before(async () => {
        org = await startTestOrg({ seed: { superAdmin: false } });
        rmSync(root, { recursive: true, force: true });
        mkdirSync(join(root, "work"), { recursive: true });
        symlinkSync(join(REPO_ROOT, "templates"), join(root, "work", "templates"), "dir");
    });

    after(async () => {
        rmSync(root, { recursive: true, force: true });
        await org?.close();
    });

    it("runs new, install, config, preview, up and destroy as written", async () => {
        const packed = join(root, execFileSync("npm", ["pack", "--pack-destination", root, "--silent"], { cwd: REPO_ROOT, encoding: "utf8" }).trim());
        const env = {
            ...offlinePulumiEnv(join(root, "state")),
            OKTA_ORG_URL: org.url,
            OKTA_API_TOKEN: TEST_TOKEN,
            PACKED: packed,
            SEED_MODULES: join(REPO_ROOT, "node_modules"),
        };
        let cwd = join(root, "work");
        const outputs: Record<string, string> = {};
        for (const line of readmeCommands().filter((command) => !/^export OKTA_(ORG_URL|API_TOKEN)=/.test(command))) {
            const cd = /^cd (\S+)$/.exec(line);
            if (cd) {
                cwd = join(cwd, cd[1]);
                continue;
            }
            outputs[line] = await shell(line, cwd, env);
            if (line.startsWith("pulumi up")) {
                const groups = (await org.api("GET", "/api/v1/groups?q=Engineering")).body;
                expect(groups.map((group: any) => group.profile.name)).to.deep.equal(["Engineering"]);
                expect((await org.api("GET", "/api/v1/users/ada@example.com")).status).to.equal(200);
            }
        }
        expect(outputs["pulumi preview"]).to.match(/\+ 3 to create/);
        expect(outputs["pulumi up --yes"]).to.match(/\+ 3 created/);
        expect(outputs["pulumi destroy --yes"]).to.match(/- 3 deleted/);
        expect((await org.api("GET", "/api/v1/users/ada@example.com")).status).to.equal(404);
        expect(readFileSync(join(cwd, "Pulumi.dev.yaml"), "utf8")).to.contain("secure:").and.not.contain(TEST_TOKEN);
    });
});

/** The command lines between the README's `start-a-project:commands` markers, comments dropped. */
function readmeCommands(): string[] {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const block = /<!-- start-a-project:commands -->\n```sh\n([\s\S]*?)```\n<!-- \/start-a-project:commands -->/.exec(readme);
    if (!block) {
        throw new Error("README.md has no start-a-project:commands block");
    }
    return block[1]
        .split("\n")
        .map((line) => line.replace(/\s+#.*$/, "").trim())
        .filter(Boolean);
}

/**
 * Runs one README line with bash. `npm install` works offline here: it first links this repository's installed tree and
 * installs the packed package, then runs as written. The tree's hidden lockfile (node_modules/.package-lock.json) is
 * kept: without it npm 11 rebuilds the tree from the registry's cached packuments and, offline, fails with ERESOLVE
 * "Found: @pulumi/pulumi@undefined" (seen on 2026-12-07, when the newest @pulumi/pulumi was 3.276.0).
 */
function shell(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
    const offlineNpm = [
        "npm() {",
        '  if [ "$*" = install ]; then',
        '    cp -al "$SEED_MODULES" node_modules && rm -rf node_modules/pulumi-okta-iac node_modules/.install-stamp',
        '    command npm install --offline --no-audit --no-fund "$PACKED" || return 1',
        "  fi",
        '  command npm "$@" --offline --no-audit --no-fund',
        "}",
    ].join("\n");
    return new Promise((resolve, reject) => {
        const child = spawn("bash", ["-euo", "pipefail", "-c", `${offlineNpm}\n${line}`], { cwd, env });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${line} exited with ${code}\n${output}`))));
    });
}
