import { expect } from "chai";
import { spawn } from "node:child_process";
import { runCli } from "../support/cli";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { descendantsOf, isAlive, type ProcessInfo } from "./support/processes";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const USERS = 500;
const GROUPS = 2;
const MEMBERSHIPS = 20;
/** Seeds of the kill runs; each picks the kill point, and the run's index the process killed. More: RECOVERY_SEEDS=1,2,...,9. */
const SEEDS = (process.env.RECOVERY_SEEDS ?? "1,2,3").split(",").map(Number);
const TARGETS = ["cli", "language-host", "provider-host"] as const;
type Target = (typeof TARGETS)[number];

/**
 * `kill -9` at a random point of a 500-user `pulumi up` (checkpoints on, as by default), of the Pulumi CLI, the
 * language host or the provider host; then `okta-iac recover`, then the user's `pulumi up`: Okta holds exactly the
 * declared users and groups, once each, state has them all with Okta's ids, no pending operation is left, and the up
 * changes nothing and warns about nothing (docs/recovery.md).
 */
describe("e2e: recovering an interrupted up (okta-iac recover)", function () {
    this.timeout(900_000);

    let org: TestOrg;

    before(async () => {
        // Pacing is not the subject: limits high enough that 500 creates run as fast as Pulumi sends them.
        org = await startTestOrg({ rateLimits: { otherLimit: 1_000_000, tokenShare: 100, concurrency: 0 } });
    });

    after(async () => {
        await org?.close();
    });

    SEEDS.forEach((seed, index) => {
        const target = TARGETS[index % TARGETS.length];
        it(`seed ${seed}: kill -9 of the ${target} during a ${USERS}-user up, recover, up: 0 orphans, 0 duplicates, no change left`, async () => {
            await runKillAndRecover(org, { seed, target, checkpoints: true });
        });
    });

    it("without checkpoints (PULUMI_SKIP_CHECKPOINTS), a killed CLI leaves no state: recover adopts everything it made", async () => {
        await runKillAndRecover(org, { seed: 101, target: "cli", checkpoints: false });
    });

    it("never takes over an object made before the interrupted update started; the up then fails as without recover", async () => {
        await org.control.resetOrg();
        const project = new DeclaredProject("recovery-window");
        const older = await createUser(org, "older@example.com");
        await sleep(2500);
        const since = new Date();
        await sleep(2500);
        // Made by "the interrupted update": after --since, in no state.
        const orphan = await createUser(org, "orphan@example.com");
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, [user("orphan", "orphan@example.com"), user("newcomer", "newcomer@example.com")]);
        try {
            // Without --yes: a report, no change.
            const dryRun = await runCli(["recover", "--stack", project.stack, "--since", since.toISOString(), "--json"], cliEnv(project), { cwd: project.dir });
            expect(dryRun.code, dryRun.stderr).to.equal(0);
            expect(JSON.parse(dryRun.stdout)).to.include({ dryRun: true, pendingCreates: 0, locks: 0 });
            expect((await project.exportedState()).resources).to.deep.equal([]);

            const recovered = await runCli(["recover", "--stack", project.stack, "--since", since.toISOString(), "--yes", "--json"], cliEnv(project), { cwd: project.dir });
            expect(recovered.code, recovered.stderr).to.equal(0);
            expect(JSON.parse(recovered.stdout)).to.include({ adopted: 1, imported: 0, cleared: 0 });
            const ids = await project.ids();
            expect(ids.orphan).to.equal(orphan);

            project.declare([user("orphan", "orphan@example.com"), user("newcomer", "newcomer@example.com"), user("older", "older@example.com")]);
            const refused = await runCli(["recover", "--stack", project.stack, "--since", since.toISOString(), "--yes", "--json"], cliEnv(project), { cwd: project.dir });
            expect(refused.code).to.equal(1);
            expect(refused.stderr).to.match(/E0000001|already exists/);
            const state = await project.exportedState();
            expect(state.resources.filter((r) => r.id === older)).to.deep.equal([]);
        } finally {
            await project.remove();
        }
    });
});

interface RunOptions {
    seed: number;
    target: Target;
    checkpoints: boolean;
}

async function runKillAndRecover(org: TestOrg, { seed, target, checkpoints }: RunOptions): Promise<void> {
    const started = Date.now();
    await org.control.resetOrg();
    // The org's own users (its super administrator) are not the program's.
    const seededUsers = new Set([...org.emulator.store.users.values()].map((u) => u.id));
    // The kill point is counted from here.
    await org.control.resetStats();
    const project = new DeclaredProject(`recovery-${seed}`);
    if (!checkpoints) {
        project.env.PULUMI_SKIP_CHECKPOINTS = "true";
    }
    const { resources, logins, groupNames } = declaredStack(seed);
    await project.init({ url: org.url, apiToken: TEST_TOKEN }, resources);
    try {
        const killAt = 20 + Math.floor(random(seed) * 461);
        const upStarted = Date.now();
        const kill = await interruptedUp(project, org, target, killAt);
        const recoverStarted = Date.now();
        const recovered = await runCli(["recover", "--stack", project.stack, "--yes", "--json"], cliEnv(project), { cwd: project.dir });
        expect(recovered.code, `recover failed:\n${recovered.stderr.slice(-4000)}`).to.equal(0);
        const figures = JSON.parse(recovered.stdout) as { imported: number; cleared: number; adopted: number; window: { source: string } };

        const upAgainStarted = Date.now();
        const up = await project.pulumi("up", "--yes", "--skip-preview", "--expect-no-changes");
        const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(0);
        const phases = `interrupted up ${seconds(upStarted, recoverStarted)} s, recover ${seconds(recoverStarted, upAgainStarted)} s, up ${seconds(upAgainStarted, Date.now())} s`;
        expect(up.stdout + up.stderr).not.to.match(/pending operation/i);

        const users = [...org.emulator.store.users.values()].filter((u) => !seededUsers.has(u.id));
        const oktaLogins = users.map((u) => u.profile.login as string);
        const orphans = oktaLogins.filter((login) => !logins.has(login));
        const duplicates = oktaLogins.length - new Set(oktaLogins).size;
        expect(orphans, "users in Okta that are not declared").to.deep.equal([]);
        expect(duplicates).to.equal(0);
        expect(new Set(oktaLogins)).to.deep.equal(logins);
        const oktaGroups = [...org.emulator.store.groups.values()].filter((g) => g.type === "OKTA_GROUP").map((g) => g.profile.name as string);
        expect(oktaGroups.sort()).to.deep.equal([...groupNames].sort());

        const exported = await project.exportedState();
        const deployment = JSON.parse(exported.text).deployment;
        expect(deployment.pending_operations ?? []).to.deep.equal([]);
        const idByLogin = new Map(users.map((u) => [u.profile.login as string, u.id]));
        const stateUsers = exported.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/okta:User");
        expect(stateUsers).to.have.length(USERS);
        for (const r of stateUsers) {
            expect(r.id, r.urn).to.equal(idByLogin.get(r.outputs.login));
        }
        for (const [groupId, userId] of membershipPairs(exported.resources)) {
            expect(org.emulator.store.memberships.usersOf(groupId)).to.include(userId);
        }
        console.log(
            `      seed ${seed} (${checkpoints ? "checkpoints" : "PULUMI_SKIP_CHECKPOINTS"}): killed ${target} [${kill.killed.join(", ")}] ` +
                `as Okta applied user create ${kill.createsAtKill}; ${kill.usersInOkta} users in Okta, ${kill.usersInState} in state, ` +
                `${kill.pendingCreates} pending creates; recover: imported ${figures.imported}, cleared ${figures.cleared}, adopted ${figures.adopted} ` +
                `(window from ${figures.window.source.replace(/ \(.*$/, "")}); after: orphans ${orphans.length}, duplicates ${duplicates}; ` +
                `${seconds(started, Date.now())} s (${phases})`,
        );
    } finally {
        await project.remove();
    }
}

interface KillReport {
    killed: string[];
    createsAtKill: number;
    usersInOkta: number;
    usersInState: number | string;
    pendingCreates: number;
}

/**
 * Starts `pulumi up` and SIGKILLs the target the moment the emulator stores the `killAt`-th user, before it answers
 * that create: the request is applied in Okta and its answer is lost with the killed process, as when a kill lands
 * while a create is in flight. Then waits until every process of the run has ended (survivors of a killed CLI get 60 s,
 * then SIGKILL, as an operator would do).
 */
async function interruptedUp(project: DeclaredProject, org: TestOrg, target: Target, killAt: number): Promise<KillReport> {
    const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: project.dir, env: project.env, stdio: "ignore" });
    let exited = false;
    const closed = new Promise<void>((resolve) => child.on("close", () => ((exited = true), resolve())));
    const users = org.emulator.store.users as { insert: (item: any) => any };
    let creates = 0;
    let tree: ProcessInfo[] = [];
    let victims: ProcessInfo[] = [];
    const original = users.insert;
    users.insert = function (this: unknown, item: any) {
        const stored = original.call(this, item);
        if (++creates === killAt) {
            delete (users as { insert?: unknown }).insert; // the prototype's again
            tree = descendantsOf(child.pid!);
            victims = victimsOf(target, child.pid!, tree);
            for (const victim of victims) {
                process.kill(victim.pid, "SIGKILL");
            }
        }
        return stored;
    };
    try {
        await Promise.race([closed, sleep(600_000)]);
    } finally {
        delete (users as { insert?: unknown }).insert;
    }
    expect(exited, "pulumi up did not end").to.equal(true);
    expect(creates, `pulumi up ended after ${creates} creates, before the kill point ${killAt}`).to.be.at.least(killAt);
    expect(victims, `no ${target} process among ${tree.map((p) => p.cmdline).join(" | ")}`).to.not.be.empty;
    await waitForExit(tree, 60_000);
    // A CLI killed while writing a checkpoint leaves it cut short (recover puts Pulumi's backup back).
    const exported = await project.attempt("stack", "export");
    const state = exported.code === 0 ? { text: exported.stdout, resources: JSON.parse(exported.stdout).deployment.resources ?? [] } : { text: '{"deployment":{}}', resources: [] as any[] };
    return {
        killed: victims.map((v) => v.cmdline.split(" ").find((w) => /pulumi|dynamic-provider|cmd\/run/.test(w))?.split("/").slice(-2).join("/") ?? String(v.pid)),
        createsAtKill: killAt,
        // The program's users: the org's own super administrator is not one of them.
        usersInOkta: [...org.emulator.store.users.values()].filter((u) => u.id !== org.emulator.store.superAdminId()).length,
        usersInState: exported.code === 0 ? state.resources.filter((r: any) => r.type === "pulumi-nodejs:dynamic/okta:User").length : "unreadable (checkpoint cut short)",
        pendingCreates: (JSON.parse(state.text).deployment.pending_operations ?? []).length,
    };
}

function victimsOf(target: Target, cliPid: number, tree: ProcessInfo[]): ProcessInfo[] {
    switch (target) {
        case "cli":
            return [{ pid: cliPid, ppid: process.pid, cmdline: "pulumi up" }];
        case "language-host":
            // The language host and the node process running the program under it.
            return tree.filter((p) => /pulumi-language-nodejs|@pulumi\/pulumi\/cmd\/run/.test(p.cmdline));
        case "provider-host":
            return tree.filter((p) => /dynamic-provider/.test(p.cmdline) && /^\S*node /.test(p.cmdline));
    }
}

async function waitForExit(processes: ProcessInfo[], graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (processes.some((p) => isAlive(p.pid)) && Date.now() < deadline) {
        await sleep(100);
    }
    for (const p of processes.filter((p) => isAlive(p.pid))) {
        process.kill(p.pid, "SIGKILL");
    }
}

function declaredStack(seed: number): { resources: DeclaredResource[]; logins: Set<string>; groupNames: string[] } {
    const groupNames = Array.from({ length: GROUPS }, (_, i) => `Recovery ${seed} team ${i}`);
    const groups = groupNames.map((name, i) => ({ type: "Group", name: `g${i}`, args: { name } }));
    const users = Array.from({ length: USERS }, (_, i) => user(`u${i}`, `r${seed}-user-${i}@example.com`));
    const memberships = Array.from({ length: MEMBERSHIPS }, (_, i) => ({
        type: "GroupMembership",
        name: `m${i}`,
        args: { groupId: { $ref: `g${i % GROUPS}` }, userId: { $ref: `u${i * 7}` } },
    }));
    return { resources: [...groups, ...users, ...memberships], logins: new Set(users.map((u) => u.args.login)), groupNames };
}

function user(name: string, login: string) {
    return { type: "User", name, args: { login, email: login, firstName: "Test", lastName: name } };
}

function membershipPairs(resources: any[]): [string, string][] {
    return resources.filter((r) => r.type === "pulumi-nodejs:dynamic/okta:GroupMembership").map((r) => [r.outputs.groupId, r.outputs.userId]);
}

async function createUser(org: TestOrg, login: string): Promise<string> {
    const response = await org.api("POST", "/api/v1/users?activate=false", { body: { profile: { login, email: login, firstName: "Made", lastName: "Before" } } });
    expect(response.status).to.equal(200);
    return response.body.id;
}

/** The CLI's environment: the project's Pulumi settings (PATH with the Pulumi CLI, file backend, passphrase). */
function cliEnv(project: DeclaredProject): Record<string, string> {
    return Object.fromEntries(Object.entries(project.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Deterministic in [0, 1) per seed (mulberry32). */
function random(seed: number): number {
    let t = (seed + 0x6d2b79f5) | 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
