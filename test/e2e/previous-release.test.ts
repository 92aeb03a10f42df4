import { expect } from "chai";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { TEST_APPS } from "../support/apps";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, INSTALLED_PACKAGE, type DeclaredResource } from "./support/project";
import { PREVIOUS_RELEASE, previousReleaseNodeModules } from "./support/previous-release";

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

/**
 * The shim contract (sdk/shim.ts): a stack made by the previous release, whose state holds that release's `__provider`
 * shims, is refreshed and updated by the current package without replacing anything.
 */
describe(`e2e: a stack made by the previous release (${PREVIOUS_RELEASE}) with the current package`, function () {
    this.timeout(600_000);

    let org: TestOrg;
    let project: DeclaredProject;
    let idsBefore: Record<string, string>;

    before(async function () {
        const previous = previousReleaseNodeModules();
        // The old layout (everything under provider/), so the stack below is really written by the previous release.
        expect(existsSync(join(previous, "pulumi-okta-iac", "dist", "provider", "client"))).to.equal(true);
        expect(existsSync(join(previous, "pulumi-okta-iac", "dist", "core"))).to.equal(false);
        org = await startTestOrg({ seed: { apps: TEST_APPS } as any });
        project = new DeclaredProject("previous-release", "e2e", previous);
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, program("Everyone who builds"));
        await project.pulumi("up", "--yes", "--skip-preview");
        idsBefore = await project.ids();
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("refreshes with the current package and then finds nothing to change", async () => {
        project.useNodeModules(INSTALLED_PACKAGE);
        await project.pulumi("refresh", "--yes", "--skip-preview");
        await project.pulumi("preview", "--expect-no-changes");
    });

    it("updates a property in place: no resource is replaced, created or deleted", async () => {
        project.declare(program("Everyone who builds and ships"));
        const preview = JSON.parse((await project.pulumi("preview", "--json")).stdout);
        const operations = (preview.steps ?? []).map((step: { op: string; urn: string }) => `${step.op} ${step.urn.split("::").pop()}`);
        expect(operations.filter((op: string) => !op.startsWith("same "))).to.deep.equal(["update eng"]);
        await project.pulumi("up", "--yes", "--skip-preview");
        expect(await project.ids()).to.deep.equal(idsBefore);
        const group = (await org.api("GET", `/api/v1/groups/${idsBefore.eng}`)).body;
        expect(group.profile.description).to.equal("Everyone who builds and ships");
    });
});
