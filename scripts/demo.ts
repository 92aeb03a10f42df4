/**
 * `make demo`: the quickstart program through a real `pulumi up` against the local emulator, then a second `up` that
 * must change nothing, then `pulumi destroy`.
 */
import { join } from "node:path";
import { OktaEmulator, loadSeedFile } from "../emulator";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi } from "./pulumi-offline";

const PROJECT_DIR = join(REPO_ROOT, "examples", "quickstart");
const STACK = "demo";

async function main(): Promise<void> {
    const seed = loadSeedFile(join(PROJECT_DIR, "emulator-seed.yaml"));
    const emulator = new OktaEmulator({ seed });
    const orgUrl = await emulator.start();
    const token = seed.tokens![0].token;
    console.log(`\n== Okta emulator listening on ${orgUrl}`);

    const env = offlinePulumiEnv();
    const pulumi = (args: string[], echo = true) => runPulumi(args, { cwd: PROJECT_DIR, env, echo });
    try {
        await runPulumi(["stack", "rm", STACK, "--yes", "--force"], { cwd: PROJECT_DIR, env, allowFailure: true });
        await initOktaStack({ cwd: PROJECT_DIR, env }, STACK, { url: orgUrl, apiToken: token });

        console.log("\n== pulumi up");
        await pulumi(["up", "--yes", "--skip-preview"]);

        console.log("\n== pulumi stack output");
        await pulumi(["stack", "output"]);

        console.log("\n== groups in the emulator");
        for (const group of emulator.store.groups.values()) {
            const members = emulator.store.memberships.countOf(group.id);
            console.log(`   ${group.id}  ${group.type.padEnd(10)}  ${group.profile.name} (${members} members)`);
        }
        console.log("\n== users in the emulator");
        for (const user of emulator.store.users.values()) {
            console.log(`   ${user.id}  ${user.status.padEnd(11)}  ${user.profile.login}`);
        }

        console.log("\n== pulumi up again: nothing to change");
        await pulumi(["up", "--yes", "--expect-no-changes"]);

        console.log("\n== pulumi destroy");
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        await pulumi(["stack", "rm", STACK, "--yes"], false);
        console.log("\n== demo finished");
    } finally {
        await emulator.close();
    }
}

main().catch((err: Error) => {
    console.error(`demo failed: ${err.message}`);
    process.exit(1);
});
