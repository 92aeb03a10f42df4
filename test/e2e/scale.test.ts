import { expect } from "chai";
import { TEST_TOKEN } from "../support/emulator";
import { startRecordingOrg, type LoggedRequest, type RecordingOrg } from "../support/requests";
import { createGroup, createUsers } from "../support/users";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const MEMBERS = 2000;
const MEMBERSHIP_GROUPS = 5;

/**
 * Thousands of memberships through the real Pulumi CLI, counting the API calls the emulator answers:
 * - one GroupMembers resource with 2,000 members converges with API calls within 1.05 times the minimum (Okta adds one
 *   member per call);
 * - a refresh of 2,000 GroupMembership resources in 5 groups uses at most 60 calls (reads are coalesced into listings).
 */
describe("e2e: thousands of memberships with the real Pulumi CLI", function () {
    this.timeout(600_000);

    let org: RecordingOrg;
    let project: DeclaredProject;
    let userIds: string[];
    let membersGroup: string;
    let groups: string[];

    const inGroup = (groupIds: string[]) => (r: LoggedRequest) => groupIds.some((id) => r.path.includes(`/groups/${id}/`));
    const userGroupReads = (r: LoggedRequest) => /^\/api\/v1\/users\/[^/]+\/groups/.test(r.path);

    before(async () => {
        org = await startRecordingOrg();
        userIds = await createUsers(org, MEMBERS, "member");
        membersGroup = await createGroup(org, "Everyone in the company");
        groups = await Promise.all(Array.from({ length: MEMBERSHIP_GROUPS }, (_, i) => createGroup(org, `Team ${i}`)));
        project = new DeclaredProject("scale");
        // With thousands of resources, the file backend's checkpoint after every step makes a run quadratic (352 s for
        // this up, measured); Pulumi's PULUMI_SKIP_CHECKPOINTS writes the state once, at the end of each command.
        project.env.PULUMI_SKIP_CHECKPOINTS = "true";
        await project.init({ url: org.url, apiToken: TEST_TOKEN });
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it(`a GroupMembers of ${MEMBERS} users converges within 1.05 times the minimum number of calls`, async () => {
        project.declare([{ type: "GroupMembers", name: "company", args: { groupId: membersGroup, userIds, authoritative: true } }]);
        await org.resetCounts();
        await project.pulumi("up", "--yes", "--skip-preview");
        const stats = await org.control.stats();
        const calls = stats.total;
        const minimum = MEMBERS;
        console.log(
            `      GroupMembers create, ${MEMBERS} members: ${calls} API calls (minimum ${minimum}: ratio ${(calls / minimum).toFixed(4)}) ` +
                JSON.stringify(stats.byRoute),
        );
        expect(org.count()).to.equal(calls);
        expect(org.emulator.store.memberships.usersOf(membersGroup)).to.have.length(MEMBERS);
        expect(calls).to.be.at.most(Math.floor(minimum * 1.05));

        // Drift made in Okta: 100 members removed, 50 strangers added; refresh, then up.
        const removed = userIds.slice(0, 100);
        removed.forEach((id) => org.emulator.store.memberships.remove(membersGroup, id));
        const strangers = await createUsers(org, 50, "stranger");
        strangers.forEach((id) => org.emulator.store.memberships.add(membersGroup, id));
        await org.resetCounts();
        await project.pulumi("refresh", "--yes", "--skip-preview");
        const refreshCalls = (await org.control.stats()).total;
        await org.resetCounts();
        await project.pulumi("up", "--yes", "--skip-preview");
        const upCalls = (await org.control.stats()).total;
        console.log(`      GroupMembers drift of 150: refresh ${refreshCalls} calls (2,050 members / 200 a page), up ${upCalls} calls (minimum 150)`);
        expect(upCalls).to.equal(150);
        expect(refreshCalls).to.equal(Math.ceil((MEMBERS + 50 - 100) / 200));
        expect(new Set(org.emulator.store.memberships.usersOf(membersGroup))).to.deep.equal(new Set(userIds));
    });

    it(`a refresh of ${MEMBERS} GroupMembership resources in ${MEMBERSHIP_GROUPS} groups uses at most 60 API calls`, async () => {
        const perGroup = MEMBERS / MEMBERSHIP_GROUPS;
        const memberships: DeclaredResource[] = userIds.map((userId, i) => ({
            type: "GroupMembership",
            name: `m${i}`,
            args: { groupId: groups[Math.floor(i / perGroup)], userId },
        }));
        project.declare([{ type: "GroupMembers", name: "company", args: { groupId: membersGroup, userIds, authoritative: true } }, ...memberships]);
        org.clearRequests();
        const started = Date.now();
        await project.pulumi("up", "--yes", "--skip-preview");
        console.log(`      up of ${MEMBERS} GroupMembership resources: ${org.count((r) => r.method === "PUT")} PUTs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        for (const groupId of groups) {
            expect(org.emulator.store.memberships.usersOf(groupId)).to.have.length(perGroup);
        }

        await org.resetCounts();
        await project.pulumi("refresh", "--yes", "--skip-preview", "--expect-no-changes");
        const stats = await org.control.stats();
        // The emulator counts by route; the journal tells which group each listing was for.
        const membershipCalls = org.count(inGroup(groups)) + org.count(userGroupReads);
        const membersCalls = org.count(inGroup([membersGroup]));
        console.log(
            `      refresh of ${MEMBERS} GroupMembership in ${MEMBERSHIP_GROUPS} groups: ${membershipCalls} API calls ` +
                `(${org.count(inGroup(groups))} member pages, ${org.count(userGroupReads)} single reads); ` +
                `the GroupMembers of ${MEMBERS} in the same stack: ${membersCalls}; emulator total ${stats.total} ${JSON.stringify(stats.byRoute)}`,
        );
        expect(membershipCalls + membersCalls).to.equal(stats.total);
        expect(membershipCalls).to.be.at.most(60);
    });

    it("`destroy` removes every membership", async () => {
        await project.pulumi("destroy", "--yes", "--skip-preview");
        for (const groupId of [membersGroup, ...groups]) {
            expect(org.emulator.store.memberships.usersOf(groupId)).to.deep.equal([]);
        }
    });
});
