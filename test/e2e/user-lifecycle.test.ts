import { expect } from "chai";
import { satisfies, type DesiredUserStatus, type LiveUserStatus } from "../../provider/resources/user-lifecycle";
import { TEST_TOKEN } from "../support/emulator";
import { startRecordingOrg, type RecordingOrg } from "../support/requests";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const LIVE: LiveUserStatus[] = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
const DESIRED: DesiredUserStatus[] = ["ACTIVE", "SUSPENDED", "DEPROVISIONED"];
const PASSWORD = "Qz8-Lifecycle-Pass";

const name = (live: string, desired: string) => `${live}-to-${desired}`.toLowerCase().replace(/_/g, "-");

/**
 * Every desired status from every live status, end to end: users are created, their live status is changed in Okta, and
 * one `refresh` + `up` brings each to its desired status with the right lifecycle operations.
 */
describe("e2e: user lifecycle from every live status with the real Pulumi CLI", function () {
    this.timeout(300_000);

    let org: RecordingOrg;
    let project: DeclaredProject;
    // Every user has a password, so even one whose activation is pending reaches SUSPENDED (the password is set first).
    const cases = LIVE.flatMap((live) => DESIRED.map((desired) => ({ live, desired })));

    const user = (resourceName: string, status: string): DeclaredResource => ({
        type: "User",
        name: resourceName,
        args: { login: `${resourceName}@example.com`, email: `${resourceName}@example.com`, firstName: "Test", lastName: "Person", password: PASSWORD, status },
    });

    before(async () => {
        org = await startRecordingOrg();
        project = new DeclaredProject("lifecycle");
        // Everyone starts ACTIVE; one user is created and kept STAGED, the only way to STAGED.
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, [
            ...cases.map(({ live, desired }) => user(name(live, desired), "ACTIVE")),
            user("staged-to-staged", "STAGED"),
        ]);
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("`up` creates the users, ACTIVE or STAGED as asked", async () => {
        await project.pulumi("up", "--yes", "--skip-preview");
        const ids = await project.ids();
        expect(org.emulator.store.users.get(ids["staged-to-staged"])!.status).to.equal("STAGED");
        for (const { live, desired } of cases) {
            expect(org.emulator.store.users.get(ids[name(live, desired)])!.status).to.equal("ACTIVE");
        }
    });

    it(`after Okta moves them to every live status, one refresh and up reach every desired status (${cases.length + 1} cases)`, async () => {
        const ids = await project.ids();
        for (const { live, desired } of cases) {
            // As sign-in failures, password flows or an admin would leave them.
            org.emulator.store.users.get(ids[name(live, desired)])!.status = live;
        }
        project.declare([...cases.map(({ live, desired }) => user(name(live, desired), desired)), user("staged-to-staged", "STAGED")]);
        await project.pulumi("refresh", "--yes", "--skip-preview");
        org.clearRequests();
        await project.pulumi("up", "--yes", "--skip-preview");

        const reached = cases.map(({ live, desired }) => {
            const status = org.emulator.store.users.get(ids[name(live, desired)])!.status;
            return { case: `${live} -> ${desired}`, status, ok: satisfies(status, desired) };
        });
        expect(reached.filter((r) => !r.ok)).to.deep.equal([]);
        expect(org.emulator.store.users.get(ids["staged-to-staged"])!.status).to.equal("STAGED");
        // Nothing to do where the live status already satisfies the desired one.
        const satisfied = cases.filter(({ live, desired }) => satisfies(live, desired)).map(({ live, desired }) => ids[name(live, desired)]);
        expect(org.writes().filter((r) => satisfied.some((id) => r.path.includes(id)))).to.deep.equal([]);
        const operations = org.writes().map((r) => r.path.split("/lifecycle/")[1]?.split("?")[0] ?? "set password");
        console.log(`      lifecycle calls of that up: ${JSON.stringify(count(operations))}`);
        expect(operations).not.to.include("reactivate");
    });

    it("a second `up` changes nothing, whatever the live status", async () => {
        org.clearRequests();
        await project.pulumi("up", "--yes", "--expect-no-changes", "--skip-preview");
        expect(org.writes()).to.deep.equal([]);
    });

    it("`destroy` deletes every user", async () => {
        await project.pulumi("destroy", "--yes", "--skip-preview");
        // What remains is the org's own super administrator.
        expect((await org.api("GET", "/api/v1/users")).body.map((u: any) => u.id)).to.deep.equal([org.emulator.store.superAdminId()]);
        expect((await org.api("GET", `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`)).body).to.deep.equal([]);
    });
});

function count(items: string[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const item of items) {
        counts[item] = (counts[item] ?? 0) + 1;
    }
    return counts;
}
