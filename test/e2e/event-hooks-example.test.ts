import { expect } from "chai";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi } from "../../scripts/pulumi-offline";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { createUser } from "../support/org-client";

/**
 * examples/event-hooks as a user runs it: its receiver (receiver.ts) listening, then `pulumi up` of its program (an
 * EventHook resource and a VerifyEventHook resource) against the emulator, which verifies the receiver and then
 * delivers a real event to it. Uses the package as installed by `make example`.
 */
describe("e2e: the event hook example receives a real delivery after verification", function () {
    this.timeout(180_000);
    const example = join(REPO_ROOT, "examples", "event-hooks");
    const root = join(REPO_ROOT, ".tmp", `e2e-event-hooks-${process.pid}`);
    const project = join(root, "project");
    const secret = "example-hook-secret-0123456789";
    let org: TestOrg;
    let env: NodeJS.ProcessEnv;
    let receiver: ChildProcessWithoutNullStreams;
    let receiverOutput = "";
    const pulumi = (...args: string[]) => runPulumi(args, { cwd: project, env });

    before(async () => {
        org = await startTestOrg();
        rmSync(root, { recursive: true, force: true });
        mkdirSync(project, { recursive: true });
        for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts", "receiver.ts"]) {
            copyFileSync(join(example, file), join(project, file));
        }
        symlinkSync(join(REPO_ROOT, "examples", "quickstart", "node_modules"), join(project, "node_modules"), "dir");
        env = offlinePulumiEnv(join(root, "state"));

        receiver = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "receiver.ts"], {
            cwd: project,
            env: { PATH: process.env.PATH ?? "", HOOK_SECRET: secret, PORT: "0" },
        });
        receiver.stdout.on("data", (chunk) => (receiverOutput += chunk));
        receiver.stderr.on("data", (chunk) => (receiverOutput += chunk));
        while (!/listening on (\S+)/.test(receiverOutput)) {
            await new Promise((resolve, reject) => {
                receiver.stdout.once("data", resolve);
                receiver.once("exit", (code) => reject(new Error(`receiver exited with ${code}: ${receiverOutput}`)));
            });
        }
        const url = /listening on (\S+)/.exec(receiverOutput)![1];

        await initOktaStack({ cwd: project, env }, "dev", { url: org.url, apiToken: TEST_TOKEN });
        await pulumi("config", "set", "receiverUrl", url);
        await pulumi("config", "set", "--secret", "hookSecret", secret);
    });

    after(async () => {
        await runPulumi(["destroy", "--yes", "--skip-preview"], { cwd: project, env, allowFailure: true });
        receiver?.kill();
        await org.close();
        rmSync(root, { recursive: true, force: true });
    });

    it("`pulumi up` creates the hook, which Okta verifies against the running receiver", async () => {
        await pulumi("up", "--yes", "--skip-preview");
        const outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout);
        expect(outputs.verificationStatus).to.equal("VERIFIED");
        const hook = (await org.api("GET", `/api/v1/eventHooks/${outputs.eventHookId}`)).body;
        expect([hook.status, hook.verificationStatus]).to.deep.equal(["ACTIVE", "VERIFIED"]);
    });

    it("a new user in Okta reaches the receiver as a typed user.lifecycle.create event", async () => {
        const user = await createUser(org, "hooked@example.com");
        await org.emulator.hooks.idle();
        const events = receiverOutput.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
        expect(events.map((e) => [e.newUser, e.userId])).to.deep.equal([["hooked@example.com", user.id]]);
        expect(receiverOutput).not.to.contain("refused");
    });

    it("the hook's secret is not in state in plain text", async () => {
        const state = (await pulumi("stack", "export")).stdout;
        expect(state).not.to.contain(secret);
    });
});
