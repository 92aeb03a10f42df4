import { expect } from "chai";
import { TEST_TOKEN } from "../support/emulator";
import { startRecordingOrg, type LoggedRequest, type RecordingOrg } from "../support/requests";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const USERS = 400;
const GROUPS = 5;
const MAX_REFRESH_CALLS = 30;

/**
 * A refresh of 400 users, 5 groups and 2,000 memberships through the real Pulumi CLI, counting the API calls the
 * emulator answers (docs/okta/users.md#batched-reads): users are read in batches and from the groups' member listings,
 * memberships from the same listings. Every user is in every group (5 GroupMembership resources each) and lists its
 * team (one of the groups) in `groupIds`.
 */
describe("e2e: batched reads in a refresh of 400 users, 5 groups and 2,000 memberships", function () {
    this.timeout(900_000);

    let org: RecordingOrg;
    let project: DeclaredProject;
    let ids: Record<string, string>;

    const teamOf = (i: number) => `g${i % GROUPS}`;
    const userReads = (r: LoggedRequest) => r.path.startsWith("/api/v1/users");
    const memberPages = (r: LoggedRequest) => /^\/api\/v1\/groups\/[^/]+\/users/.test(r.path);
    const groupReads = (r: LoggedRequest) => /^\/api\/v1\/groups\/[^/?]+(\?|$)/.test(r.path);

    before(async () => {
        org = await startRecordingOrg();
        const groups: DeclaredResource[] = Array.from({ length: GROUPS }, (_, j) => ({ type: "Group", name: `g${j}`, args: { name: `Batched team ${j}` } }));
        const users: DeclaredResource[] = Array.from({ length: USERS }, (_, i) => ({
            type: "User",
            name: `u${i}`,
            args: {
                login: `batched${i}@example.com`,
                email: `batched${i}@example.com`,
                firstName: "Batched",
                lastName: `User ${i}`,
                activate: false,
                groupIds: [{ $ref: teamOf(i) }],
            },
        }));
        const memberships: DeclaredResource[] = Array.from({ length: USERS * GROUPS }, (_, k) => {
            const [i, j] = [Math.floor(k / GROUPS), k % GROUPS];
            return { type: "GroupMembership", name: `m${i}-${j}`, args: { groupId: { $ref: `g${j}` }, userId: { $ref: `u${i}` } } };
        });
        project = new DeclaredProject("batched-reads");
        // Thousands of resources: the file backend's checkpoint after every step would make each command quadratic.
        project.env.PULUMI_SKIP_CHECKPOINTS = "true";
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, [...groups, ...users, ...memberships]);
        await project.pulumi("up", "--yes", "--skip-preview");
        ids = await project.ids();
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    /** Runs a refresh, prints its calls and returns their number. */
    async function refresh(label: string, ...args: string[]): Promise<number> {
        await org.resetCounts();
        const started = Date.now();
        await project.pulumi("refresh", "--yes", "--skip-preview", ...args);
        const stats = await org.control.stats();
        console.log(
            `      ${label}: ${stats.total} API calls (${org.count(userReads)} user reads, ${org.count(groupReads)} group reads, ` +
                `${org.count(memberPages)} member pages) in ${((Date.now() - started) / 1000).toFixed(0)} s ${JSON.stringify(stats.byRoute)}`,
        );
        expect(org.count()).to.equal(stats.total);
        return stats.total;
    }

    it(`refreshes ${USERS} users, ${GROUPS} groups and ${USERS * GROUPS} memberships in at most ${MAX_REFRESH_CALLS} calls`, async () => {
        const calls = await refresh("refresh without drift", "--expect-no-changes");
        expect(calls).to.be.at.most(MAX_REFRESH_CALLS);
    });

    it("still reports drift made behind Pulumi's back, in as few calls", async () => {
        const renamed = ids.u7;
        await org.api("POST", `/api/v1/users/${renamed}`, { body: { profile: { lastName: "Renamed" } } });
        const deactivated = ids.u11;
        await org.api("POST", `/api/v1/users/${deactivated}/lifecycle/deactivate`);
        // u12 leaves its team (the GroupMembership and the user's groupIds both tell); u9 leaves another group.
        org.emulator.store.memberships.remove(ids[teamOf(12)], ids.u12);
        org.emulator.store.memberships.remove(ids.g1, ids.u9);
        const deleted = ids.u13;
        await org.api("DELETE", `/api/v1/users/${deleted}`);
        await org.api("DELETE", `/api/v1/users/${deleted}`);

        const calls = await refresh("refresh with drift");
        expect(calls).to.be.at.most(MAX_REFRESH_CALLS + 1);

        const { resources } = await project.exportedState();
        const state = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`));
        expect(state("u7").outputs.lastName).to.equal("Renamed");
        expect(state("u11").outputs.rawStatus).to.equal("DEPROVISIONED");
        expect(state("u12").outputs.groupIds).to.satisfy((g: unknown) => JSON.stringify(g) === "[]" || JSON.stringify(g) === "{}");
        expect(state(`m12-${12 % GROUPS}`)).to.equal(undefined);
        expect(state("m9-1")).to.equal(undefined);
        expect(state("u13")).to.equal(undefined);
        // Everything else is as it was.
        expect(state("u8").outputs.lastName).to.equal("User 8");
        expect(state("m9-0")).to.not.equal(undefined);
        expect(resources.filter((r) => /::m\d+-\d+$/.test(r.urn))).to.have.length(USERS * GROUPS - 2 - GROUPS);
    });

    it(`reads ${USERS} users that list no groups in filtered batches, then from one walk of the org's users listing`, async () => {
        await project.initStack("plain", { url: org.url, apiToken: TEST_TOKEN });
        project.declare(
            Array.from({ length: USERS }, (_, i) => ({
                type: "User",
                name: `p${i}`,
                args: { login: `plain${i}@example.com`, email: `plain${i}@example.com`, firstName: "Plain", lastName: `User ${i}`, activate: false },
            })),
        );
        await project.pulumi("up", "--yes", "--skip-preview");
        const batches = (r: LoggedRequest) => r.path.startsWith("/api/v1/users?filter=");
        const listingPages = (r: LoggedRequest) => /^\/api\/v1\/users\?/.test(r.path) && !/[?&](filter|search|q)=/.test(r.path);
        const singles = (r: LoggedRequest) => /^\/api\/v1\/users\/[^/?]+$/.test(r.path);
        const atDefault = await refresh("refresh of users without groupIds, default --parallel", "--expect-no-changes");
        expect(org.count(batches) + org.count(listingPages) + org.count(singles)).to.equal(atDefault);
        // The first 100 reads go in batches of at most --parallel (8 here); then the org's listing (docs/okta/users.md#read-ahead)
        // answers the rest: the 400 users of this stack, the 400 of the other and the seed fit in at most 5 pages of 200.
        expect(org.count(listingPages)).to.be.at.least(1).and.at.most(5);
        expect(atDefault).to.be.at.most(USERS / 10);
        const wide = await refresh("refresh of users without groupIds, --parallel 200", "--expect-no-changes", "--parallel", "200");
        // With room for 200 reads at once, batches grow: at least 20 reads a call on average.
        expect(wide).to.be.at.most(USERS / 20);
    });

    it("fails a refresh whose users listings fail with Okta's answer, quickly, keeps the state, and the next converges", async () => {
        // Runs on the stack of the test before: 400 users, so that the batches and the read-ahead walk both run.
        const before = (await project.exportedState()).resources;
        // Every GET /api/v1/users (batches and the walk's pages alike; a user's own GET is another path) answers 501.
        await org.control.setFaults({ rules: [{ method: "GET", path: "/api/v1/users", probabilities: { "501": 1 } }] });
        const started = Date.now();
        const run = await project.attemptWithin(90_000, "refresh", "--yes", "--skip-preview");
        const elapsed = Date.now() - started;
        await org.control.clearFaults();
        const output = `${run.stdout}\n${run.stderr}`;
        expect(run.timedOut, output).to.equal(undefined);
        expect(run.code, output).to.not.equal(0);
        expect(elapsed, "a failure must come back quickly").to.be.below(60_000);
        expect(output).to.match(/okta:User \(p\d+\):\s*\n\s*error:/);
        expect(output).to.contain("failed with HTTP 501");
        expect(output).to.contain("GET /api/v1/users");
        const after = (await project.exportedState()).resources;
        // The users as recorded (the default provider's secret config is encrypted anew each time the state is written).
        const recorded = (resources: any[]) =>
            resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:")).map((r) => ({ urn: r.urn, id: r.id, outputs: r.outputs }));
        expect(recorded(after), "a failed refresh leaves the state as it was").to.deep.equal(recorded(before));
        await project.pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes");
    });
});
