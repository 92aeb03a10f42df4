import { expect } from "chai";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { TEST_APPS } from "../support/apps";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, INSTALLED_PACKAGE, type DeclaredResource } from "./support/project";
import { FULL_STATE_RELEASE, PREVIOUS_RELEASE, previousReleaseNodeModules } from "./support/previous-release";

const person = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Example" });

/** One of each resource type (an operation resource among them), with a description to change in the update. */
function program(description: string): DeclaredResource[] {
    return [
        { type: "Group", name: "eng", args: { name: "Engineering", description } },
        { type: "User", name: "ada", args: { ...person("ada"), password: "Xq7-Secret-Pass-1", status: "ACTIVE" } },
        { type: "User", name: "bob", args: { ...person("bob"), status: "STAGED" } },
        { type: "GroupMembership", name: "adaInEng", args: { groupId: { $ref: "eng" }, userId: { $ref: "ada" } } },
        { type: "GroupMembers", name: "team", args: { groupId: { $ref: "eng" }, userIds: [{ $ref: "bob" }] } },
        { type: "AppUserAssignment", name: "wiki", args: { appId: TEST_APPS[0].id, userId: { $ref: "ada" }, username: "ada" } },
        {
            type: "EventHook",
            name: "hook",
            args: { name: "Audit", url: "https://hooks.example.com/okta", eventTypes: ["user.lifecycle.create"], doNotActivateOnCreate: true },
        },
        { type: "ClearUserSessions", name: "signOutAda", args: { userId: { $ref: "ada" }, triggers: ["first"] } },
    ];
}

/** Okta's timestamps, which no resource's state holds any more (docs/state.md#what-state-holds). */
const TIMESTAMPS = ["created", "createdBy", "lastUpdated", "activated", "statusChanged", "passwordChanged", "lastMembershipUpdated"];

const RELEASES = [
    // The shim contract (sdk/shim.ts): that release's `__provider` shims still load the current package.
    { release: PREVIOUS_RELEASE, why: "its state holds the shims of the old layout", oldLayout: true },
    // The thin state (docs/state.md): fields the current package no longer writes, which it must read without a diff.
    { release: FULL_STATE_RELEASE, why: "its state holds every output, timestamps included", oldLayout: false },
];

/**
 * A stack made by an earlier release is refreshed and updated by the current package without replacing anything, and
 * its diffs stay right: a change made in the program or in Okta shows on that resource alone.
 */
for (const { release, why, oldLayout } of RELEASES) {
    describe(`e2e: a stack made by an earlier release (${release}: ${why}) with the current package`, function () {
        this.timeout(600_000);

        let org: TestOrg;
        let project: DeclaredProject;
        let idsBefore: Record<string, string>;

        before(async function () {
            const previous = previousReleaseNodeModules(release);
            // The layout, so the stack below is really written by that release.
            expect(existsSync(join(previous, "pulumi-okta-iac", "dist", "provider", "client"))).to.equal(oldLayout);
            expect(existsSync(join(previous, "pulumi-okta-iac", "dist", "core"))).to.equal(!oldLayout);
            org = await startTestOrg({ seed: { apps: TEST_APPS } as any });
            project = new DeclaredProject(`release-${release}`, "e2e", previous);
            await project.init({ url: org.url, apiToken: TEST_TOKEN }, program("Everyone who builds"));
            await project.pulumi("up", "--yes", "--skip-preview");
            idsBefore = await project.ids();
            if (!oldLayout) {
                const user = (await project.resourceState("ada")).outputs;
                expect(user, "the earlier release stored Okta's timestamps").to.include.keys("created", "lastUpdated");
            }
        });

        after(async () => {
            await project?.remove();
            await org?.close();
        });

        it("refreshes with the current package, which leaves no timestamps in state, and then finds nothing to change", async () => {
            project.useNodeModules(INSTALLED_PACKAGE);
            await project.pulumi("refresh", "--yes", "--skip-preview");
            await project.pulumi("preview", "--expect-no-changes");
            for (const resource of (await project.exportedState()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:"))) {
                expect(Object.keys(resource.outputs).filter((key) => TIMESTAMPS.includes(key)), resource.urn).to.deep.equal([]);
            }
        });

        it("diffs a change made in Okta on that resource alone, and puts it back", async () => {
            await org.api("POST", `/api/v1/users/${idsBefore.bob}`, { body: { profile: { lastName: "Changed" } } });
            await project.pulumi("refresh", "--yes", "--skip-preview");
            expect(await changedResources(project)).to.deep.equal(["update bob"]);
            await project.pulumi("up", "--yes", "--skip-preview");
            expect((await org.api("GET", `/api/v1/users/${idsBefore.bob}`)).body.profile.lastName).to.equal("Example");
            await project.pulumi("preview", "--expect-no-changes");
        });

        it("updates a property in place: no resource is replaced, created or deleted", async () => {
            project.declare(program("Everyone who builds and ships"));
            expect(await changedResources(project)).to.deep.equal(["update eng"]);
            await project.pulumi("up", "--yes", "--skip-preview");
            expect(await project.ids()).to.deep.equal(idsBefore);
            const group = (await org.api("GET", `/api/v1/groups/${idsBefore.eng}`)).body;
            expect(group.profile.description).to.equal("Everyone who builds and ships");
        });
    });
}

/** The steps `pulumi preview` plans, other than `same`, as "<op> <name>". */
async function changedResources(project: DeclaredProject): Promise<string[]> {
    const preview = JSON.parse((await project.pulumi("preview", "--json")).stdout);
    const operations = (preview.steps ?? []).map((step: { op: string; urn: string }) => `${step.op} ${step.urn.split("::").pop()}`);
    return operations.filter((op: string) => !op.startsWith("same "));
}
