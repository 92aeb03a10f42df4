import { expect } from "chai";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { createUser } from "../support/org-client";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const NEW_PASSWORD = "Pulumi-Set-Horse-6";

/**
 * The operation resources through the real Pulumi CLI: they run on `up`, not again on an unchanged `up`, again when
 * `triggers` change; one-time links and passwords stay secret in state; refresh and destroy leave Okta alone.
 */
describe("e2e: operation resources with the real Pulumi CLI", function () {
    this.timeout(240_000);
    let org: TestOrg;
    let project: DeclaredProject;
    let userId: string;
    const resets = () => org.emulator.store.log.all().filter((e) => e.eventType === "user.account.reset_password" && e.target[0]?.id === userId).length;
    const passwordSets = () => org.emulator.store.log.all().filter((e) => e.eventType === "user.account.update_password" && e.target[0]?.id === userId).length;

    const program = (ticket: string): DeclaredResource[] => [
        { type: "ResetUserPassword", name: "reset", args: { userId, sendEmail: false, triggers: [ticket] } },
        { type: "SetUserPassword", name: "set", args: { userId, newPassword: NEW_PASSWORD, triggers: [ticket] } },
        { type: "ClearUserSessions", name: "sessions", args: { userId, oauthTokens: true } },
    ];

    before(async () => {
        org = await startTestOrg();
        userId = (await createUser(org, "operated@example.com")).id;
        project = new DeclaredProject("operations");
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, program("INC-1"));
    });
    after(async () => {
        await project.attempt("destroy", "--yes", "--skip-preview");
        await project.remove();
        await org.close();
    });

    it("`up` runs each operation once", async () => {
        await project.pulumi("up", "--yes", "--skip-preview");
        expect([resets(), passwordSets()]).to.deep.equal([1, 1]);
    });

    it("a second `up` and a refresh change nothing and call nothing", async () => {
        const logged = org.emulator.store.log.size;
        await project.pulumi("up", "--yes", "--expect-no-changes");
        await project.pulumi("refresh", "--yes", "--expect-no-changes");
        expect(org.emulator.store.log.size).to.equal(logged);
    });

    it("the reset link and the password are secrets in state", async () => {
        const { text, resources } = await project.exportedState();
        expect(text).not.to.contain(NEW_PASSWORD);
        const reset = resources.find((r) => r.urn.endsWith("::reset"));
        expect(reset.outputs.resetPasswordUrl).to.have.property("4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270");
        expect(text).not.to.match(/signin\/reset-password/);
    });

    it("changing `triggers` runs the operations again (replacement), the others stay", async () => {
        project.declare(program("INC-2"));
        const preview = (await project.pulumi("preview", "--diff")).stdout;
        expect(preview).to.match(/\+-pulumi-nodejs:dynamic\/okta:ResetUserPassword: \(replace\)/);
        expect(preview).to.match(/\+-pulumi-nodejs:dynamic\/okta:SetUserPassword: \(replace\)/);
        expect(preview).not.to.contain("ClearUserSessions");
        await project.pulumi("up", "--yes", "--skip-preview");
        expect([resets(), passwordSets()]).to.deep.equal([2, 2]);
        expect(org.emulator.store.log.all().filter((e) => e.eventType === "user.session.clear").length).to.equal(1);
    });

    it("`destroy` removes them from state and undoes nothing in Okta", async () => {
        const logged = org.emulator.store.log.size;
        await project.pulumi("destroy", "--yes", "--skip-preview");
        expect(org.emulator.store.log.size).to.equal(logged);
    });
});
