import { expect } from "chai";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, stringify } from "yaml";
import { initOktaStack, offlinePulumiEnv, REPO_ROOT, runPulumi } from "../../scripts/pulumi-offline";
import { runCli } from "../support/cli";
import { TEST_TOKEN } from "../support/emulator";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { assignApps, existingOrgSeed, FULL_SHAPE, loginOf, STATUSES } from "./support/existing-org";

/**
 * `okta-iac generate` round trip (docs/generate.md): an org made by hand (1,040 users in every status, 50 groups with
 * 5,200 memberships, 100 direct app assignments on 3 apps, 5 event hooks with filters and headers) becomes a Pulumi
 * project whose first `up` writes nothing to Okta and records every object; then no changes, no drift, an edit sends
 * exactly its calls, generate is byte-identical, and `--into` adds only what was made by hand since.
 */
describe("e2e: okta-iac generate round trip with the real CLI and Pulumi", function () {
    this.timeout(1_800_000);

    const root = join(REPO_ROOT, ".tmp", `e2e-generate-${process.pid}`);
    const project = join(root, "org");
    let env: NodeJS.ProcessEnv;
    const pulumi = (...args: string[]) => runPulumi(args, { cwd: project, env });
    let org: RecordingOrg;
    let cliEnv: Record<string, string>;
    let assignments: number;
    const timings: Record<string, number> = {};

    const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
        const started = Date.now();
        try {
            return await step();
        } finally {
            timings[label] = (Date.now() - started) / 1000;
        }
    };
    const generate = async (...args: string[]) => {
        const run = await runCli(["generate", ...args, "--progress"], cliEnv);
        expect(run.code, run.stderr).to.equal(0);
        return run;
    };
    const userId = (login: string) => org.emulator.store.users.find((u) => u.profile.login === login)!.id;
    const groupId = (name: string) => org.emulator.store.groups.find((g) => g.profile.name === name)!.id;
    const stats = () => org.control.stats();

    before(async () => {
        rmSync(root, { recursive: true, force: true });
        mkdirSync(root, { recursive: true });
        env = offlinePulumiEnv(join(root, "state"));
        // Thousands of resources: Pulumi writes the state once per command, not after every step (test/e2e/scale.test.ts).
        env.PULUMI_SKIP_CHECKPOINTS = "true";
        org = await startRecordingOrg({ seed: existingOrgSeed(FULL_SHAPE) });
        assignments = await assignApps(org, FULL_SHAPE, userId);
        cliEnv = { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: TEST_TOKEN, HOME: root };
    });

    after(async () => {
        console.log(`      times (s): ${JSON.stringify(timings)}`);
        await org?.close();
        rmSync(root, { recursive: true, force: true });
    });

    it("generate writes a project and reads the org without writing; a second run is byte-identical", async () => {
        await org.resetCounts();
        const run = await timed("generate", () => generate("--out", project, "--name", "okta-org"));
        const reads = await stats();
        console.log(`      generate: ${run.stdout.trim()}\n      generate's API calls: ${reads.total} (writes ${org.writes().length})`);
        expect(org.writes()).to.deep.equal([]);
        expect(run.stderr).to.match(/fetched \d+ users/);

        await timed("second generate", () => generate("--out", join(root, "again"), "--name", "okta-org"));
        expect(treeOf(join(root, "again"))).to.deep.equal(treeOf(project));
        console.log(`      generated project:\n${Object.keys(treeOf(project)).map((f) => `        ${f} (${statSync(join(project, f)).size} bytes)`).join("\n")}`);

        const users = parse(readFileSync(join(project, "data/users.yaml"), "utf8"));
        const groups = parse(readFileSync(join(project, "data/groups.yaml"), "utf8"));
        const apps = parse(readFileSync(join(project, "data/app-assignments.yaml"), "utf8"));
        const hooks = parse(readFileSync(join(project, "data/event-hooks.yaml"), "utf8"));
        const seededUsers = STATUSES.length * FULL_SHAPE.usersPerStatus;
        expect(users).to.have.length(seededUsers + 1); // and the org's super administrator
        expect(new Set(users.map((u: any) => u.resource)).size).to.equal(users.length);
        expect(users.find((u: any) => u.login === loginOf("PROVISIONED", 0)).status).to.equal("ACTIVE");
        expect(users.find((u: any) => u.login === loginOf("LOCKED_OUT", 0))).to.not.have.property("status");
        expect(groups.map((g: any) => g.name)).to.not.include.members(["Everyone", "Wiki readers"]);
        expect(groups).to.have.length(FULL_SHAPE.groups);
        expect(groups.filter((g: any) => g.name.startsWith("Sales")).map((g: any) => g.resource)).to.deep.equal(["sales-emea", "sales-emea-2"]);
        expect(groups.reduce((sum: number, g: any) => sum + g.members.length, 0)).to.equal(seededUsers * FULL_SHAPE.groupsPerUser);
        expect(apps.reduce((sum: number, a: any) => sum + a.assignments.length, 0)).to.equal(assignments);
        expect(hooks).to.have.length(FULL_SHAPE.hooks);
        expect(hooks[0]).to.include.keys("filters", "headers");
    });

    it("the first `up` writes nothing to Okta and records every object", async () => {
        // The package as users install it (make example), as the other end-to-end projects use it.
        symlinkSync(join(REPO_ROOT, "examples", "quickstart", "node_modules"), join(project, "node_modules"), "dir");
        await initOktaStack({ cwd: project, env }, "prod", { url: org.url, apiToken: TEST_TOKEN });
        await org.resetCounts();
        await timed("first up", () => pulumi("up", "--yes", "--skip-preview"));
        const calls = await stats();
        const reads = Object.entries(calls.byRoute).filter(([route]) => route.startsWith("GET "));
        console.log(`      first up: ${calls.total} API calls, writes ${org.writes().length}, reads ${reads.reduce((s, [, n]) => s + n, 0)} ${JSON.stringify(calls.byRoute)}`);
        expect(org.writes()).to.deep.equal([]);

        const state = JSON.parse((await pulumi("stack", "export")).stdout).deployment.resources as { type: string }[];
        const byType = (name: string) => state.filter((r) => r.type === `pulumi-nodejs:dynamic/okta:${name}`).length;
        const counts = { User: byType("User"), Group: byType("Group"), GroupMembers: byType("GroupMembers"), AppUserAssignment: byType("AppUserAssignment"), EventHook: byType("EventHook") };
        console.log(`      recorded in state: ${JSON.stringify(counts)}`);
        expect(counts).to.deep.equal({
            User: STATUSES.length * FULL_SHAPE.usersPerStatus + 1,
            Group: FULL_SHAPE.groups,
            GroupMembers: FULL_SHAPE.groups,
            AppUserAssignment: assignments,
            EventHook: FULL_SHAPE.hooks,
        });
    });

    it("a second `up` has nothing to do and `refresh` finds no drift", async () => {
        await org.resetCounts();
        await timed("preview --expect-no-changes", () => pulumi("preview", "--expect-no-changes"));
        expect((await stats()).total).to.equal(0);
        await org.resetCounts();
        await timed("refresh --expect-no-changes", () => pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes"));
        const refresh = await stats();
        console.log(`      refresh: ${refresh.total} API calls, writes ${org.writes().length}`);
        expect(org.writes()).to.deep.equal([]);
    });

    it("moving a user between groups in groups.yaml sends exactly one removal and one addition", async () => {
        const file = join(project, "data/groups.yaml");
        const text = readFileSync(file, "utf8");
        const groups = parse(text);
        const from = groups.find((g: any) => g.name === "Team 00");
        const to = groups.find((g: any) => g.name === "Team 01");
        const login = from.members.find((m: string) => !to.members.includes(m));
        from.members = from.members.filter((m: string) => m !== login);
        to.members.push(login);
        writeFileSync(file, text.split("\n").filter((line) => line.startsWith("#")).join("\n") + "\n" + stringify(groups, { lineWidth: 0 }));

        await org.resetCounts();
        await timed("up after the move", () => pulumi("up", "--yes", "--skip-preview"));
        const calls = await stats();
        console.log(`      up after moving ${login}: ${JSON.stringify(calls.byRoute)}`);
        expect(calls.byRoute).to.deep.equal({ "DELETE /api/v1/groups/:groupId/users/:userId": 1, "PUT /api/v1/groups/:groupId/users/:userId": 1 });
        expect(org.emulator.store.memberships.usersOf(groupId("Team 00"))).to.not.include(userId(login));
        expect(org.emulator.store.memberships.usersOf(groupId("Team 01"))).to.include(userId(login));
    });

    it("generate --into adds only the users made by hand since, and their `up` adopts them", async () => {
        const before = treeOf(project);
        const made: string[] = [];
        for (const i of [0, 1, 2]) {
            const login = `by-hand.${i}@example.com`;
            const response = await org.api("POST", "/api/v1/users?activate=true", { body: { profile: { login, email: login, firstName: "By", lastName: `Hand ${i}` } } });
            expect(response.status).to.equal(200);
            made.push(response.body.id);
        }
        expect((await org.api("PUT", `/api/v1/groups/${groupId("Team 02")}/users/${made[0]}`)).status).to.equal(204);

        await org.resetCounts();
        const run = await timed("generate --into", () => generate("--into", project));
        console.log(`      generate --into: ${run.stdout.trim()}`);
        expect(run.stdout).to.match(/3 users, 0 groups, 1 membership, 0 app assignments, 0 event hooks/);
        const after = treeOf(project);
        const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
        expect(changed.sort()).to.deep.equal(["README.md", "data/groups.yaml", "data/users.yaml"]);
        // Existing entries stay as they were: the users file only grows at its end.
        expect(after["data/users.yaml"].startsWith(before["data/users.yaml"])).to.equal(true);
        expect(after["data/users.yaml"].slice(before["data/users.yaml"].length).match(/^- resource:/gm)).to.have.length(3);

        await org.resetCounts();
        await timed("up after --into", () => pulumi("up", "--yes", "--skip-preview"));
        const calls = await stats();
        console.log(`      up after --into: ${JSON.stringify(calls.byRoute)}`);
        // The users are adopted without a write; the GroupMembers update adds its new member (Okta's PUT is idempotent).
        expect(org.writes().map((w) => w.method + " " + w.path)).to.deep.equal([`PUT /api/v1/groups/${groupId("Team 02")}/users/${made[0]}`]);
        await timed("preview after --into", () => pulumi("preview", "--expect-no-changes"));
    });
});

/** Every file of a generated project (node_modules aside), path -> text. */
function treeOf(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (at: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true })) {
            const path = join(at, entry.name);
            if (entry.name === "node_modules") continue;
            if (entry.isDirectory()) walk(path);
            else files[relative(dir, path)] = readFileSync(path, "utf8");
        }
    };
    walk(dir);
    return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}
