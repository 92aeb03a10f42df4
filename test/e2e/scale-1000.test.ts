import { expect } from "chai";
import { TEST_TOKEN } from "../support/emulator";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { DeclaredProject } from "./support/project";
import { scaleGroups, scaleStack } from "./support/scale-stack";

const USERS = 1000;
const GROUPS = scaleGroups(USERS);
const MEMBERSHIPS = 2 * USERS;
/** Okta's largest page of group members (docs/okta/pagination.md). */
const MEMBERS_PAGE = 200;

/**
 * The 1,000-user variant of `make bench-scale` (docs/scale.md#the-stack): 1,000 users, 10 groups and 2,000
 * `GroupMembership`s through the real Pulumi CLI, counting the API calls the emulator answers (rate limits out of the
 * way: the counts, not the pacing, are checked here).
 */
describe("e2e: the 1,000-user scale stack with the real Pulumi CLI", function () {
    this.timeout(900_000);

    let org: RecordingOrg;
    let project: DeclaredProject;

    before(async () => {
        org = await startRecordingOrg();
        project = new DeclaredProject("scale-1000");
        // The file backend rewrites the whole checkpoint after every step (docs/scale.md#checkpoints).
        project.env.PULUMI_SKIP_CHECKPOINTS = "true";
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, scaleStack(USERS));
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("creates every object with exactly one call each", async () => {
        await org.resetCounts();
        await project.pulumi("up", "--yes", "--skip-preview");
        const stats = await org.control.stats();
        console.log(`      create: ${stats.total} API calls ${JSON.stringify(stats.byRoute)}`);
        expect(stats.byRoute).to.deep.equal({
            "POST /api/v1/groups": GROUPS,
            "POST /api/v1/users": USERS,
            "PUT /api/v1/groups/:groupId/users/:userId": MEMBERSHIPS,
        });
        expect([...org.emulator.store.users.values()].filter((u) => u.profile.login.startsWith("scale"))).to.have.length(USERS);
        const ids = await project.ids();
        for (let g = 0; g < GROUPS; g++) {
            expect(org.emulator.store.memberships.usersOf(ids[`g${g}`])).to.have.length(MEMBERSHIPS / GROUPS);
        }
    });

    it("a no-change `up` makes no API call", async () => {
        await org.resetCounts();
        await project.pulumi("up", "--yes", "--skip-preview", "--expect-no-changes");
        expect((await org.control.stats()).total).to.equal(0);
    });

    it("a refresh reads each user at most once, and each group and its members' pages once", async () => {
        await org.resetCounts();
        await project.pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes");
        const stats = await org.control.stats();
        const memberPages = GROUPS * Math.ceil(MEMBERSHIPS / GROUPS / MEMBERS_PAGE);
        // Users read together share one listing, but only reads that arrive within a few milliseconds of each other
        // (core/okta/user-reads.ts): how many share depends on how fast the engine sends them, so the bound is one call
        // per user. Per group: its GET, its member pages, and at most one user's group listing (a membership read
        // before the group's listing is shared is answered alone, core/okta/group-members.ts).
        const bound = USERS + GROUPS * 2 + memberPages;
        console.log(`      refresh: ${stats.total} API calls (bound ${bound}) ${JSON.stringify(stats.byRoute)}`);
        expect(stats.byStatus).to.deep.equal({ "200": stats.total });
        expect(stats.total).to.be.at.most(bound);
    });
});
