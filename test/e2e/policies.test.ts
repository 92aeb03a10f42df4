import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-offline";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, type DeclaredResource } from "./support/project";

/** The pack as users get it: the installed package's dist/policies (`make example`). */
const PACK = join(REPO_ROOT, "examples", "quickstart", "node_modules", "pulumi-okta-iac", "dist", "policies");

const CONFIG = {
    "okta-hook-urls": { allowedHosts: ["hooks.example.com"] },
    "okta-privileged-groups": { privilegedGroupNames: ["Okta Administrators", "Production Admins"], allowedMembers: ["ada@example.com"] },
    "okta-user-domains": { allowedDomains: ["example.com"] },
    "okta-user-required-attributes": { enforcementLevel: "mandatory", requiredAttributes: ["department", "manager"] },
    "okta-max-user-deletions": { maxUserDeletions: 1 },
    "okta-operation-tickets": { ticketPattern: "^OPS-[0-9]+$" },
};

const employee = (name: string, extra: Record<string, unknown> = {}) => ({
    type: "User",
    name,
    args: {
        login: `${name}@example.com`,
        email: `${name}@example.com`,
        firstName: name,
        lastName: "Example",
        department: "Engineering",
        profileAttributes: { manager: "grace@example.com" },
        ...extra,
    },
});
const prodAdmins = { type: "Group", name: "prodAdmins", args: { name: "Production Admins" } };
const hook = (name: string, url: string) => ({
    type: "EventHook",
    name,
    args: { name, url, eventTypes: ["user.lifecycle.create"], doNotActivateOnCreate: true },
});
const reset = (triggers: string[]) => ({ type: "ResetUserPassword", name: "reset", args: { userId: { $ref: "ada" }, triggers } });

/**
 * The policy pack shipped with the package (policies/, docs/policies.md) through the real CLI and the Node.js
 * language host of .tools/bin: `pulumi preview --policy-pack` fails on a violating program with each policy's message
 * and passes a compliant one; the deletion limit is checked against the stack's state, mandatory and then advisory.
 * Steps depend on each other and run in order.
 */
describe("e2e: the policy pack with the real Pulumi CLI", function () {
    this.timeout(300_000);

    let org: TestOrg;
    let project: DeclaredProject;

    const withPolicies = async (command: "preview" | "up", config: object = CONFIG) => {
        const configFile = join(project.dir, "policy-config.json");
        writeFileSync(configFile, JSON.stringify(config));
        const extra = command === "up" ? ["--yes", "--skip-preview"] : [];
        const run = await project.attemptWithin(240_000, command, ...extra, "--policy-pack", PACK, "--policy-pack-config", configFile);
        // The CLI wraps long lines; messages are compared with single spaces.
        return { ...run, text: `${run.stdout}\n${run.stderr}`.replace(/\s+/g, " ") };
    };

    before(async () => {
        org = await startTestOrg();
        project = new DeclaredProject("policies", "policies");
        await project.init({ url: org.url, apiToken: TEST_TOKEN });
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("a program that breaks every policy fails preview with each policy's message", async () => {
        const violating: DeclaredResource[] = [
            prodAdmins,
            employee("ada"),
            employee("bo"),
            {
                type: "User",
                name: "mallory",
                args: { login: "mallory@evil.example.org", email: "mallory@evil.example.org", firstName: "Mallory", lastName: "X", groupIds: [{ $ref: "prodAdmins" }] },
            },
            { type: "GroupMembership", name: "grantBo", args: { groupId: { $ref: "prodAdmins" }, userId: { $ref: "bo" } } },
            hook("audit", "http://127.0.0.1:8080/okta"),
            hook("exfil", "https://collector.evil.example.org/okta"),
            reset(["rotate-now"]),
        ];
        project.declare(violating);
        const run = await withPolicies("preview");
        expect(run.code, run.text).to.not.equal(0);
        for (const message of [
            `event hook "audit": url must use HTTPS, not http (host 127.0.0.1)`,
            `event hook "exfil": host collector.evil.example.org is not in allowedHosts (hooks.example.com)`,
            `user "mallory": login mallory@evil.example.org is not in allowedDomains (example.com)`,
            `user "mallory": email mallory@evil.example.org is not in allowedDomains (example.com)`,
            `user "mallory" (mallory@evil.example.org): missing required attribute(s) department, manager`,
            `ResetUserPassword "reset": triggers must include a ticket matching /^OPS-[0-9]+$/`,
            `bo@example.com would be a direct member of privileged group "Production Admins" (via grantBo); only allowedMembers may be`,
            `mallory@evil.example.org would be a direct member of privileged group "Production Admins" (via mallory); only allowedMembers may be`,
        ]) {
            expect(run.text, run.text).to.contain(message);
        }
        expect(run.text).to.contain("mandatory");
        expect((await org.api("GET", "/api/v1/users")).body.map((u: any) => u.profile.login)).not.to.include("mallory@evil.example.org");
    });

    it("a compliant program passes preview and `up` with the pack", async () => {
        project.declare([
            prodAdmins,
            employee("ada"),
            employee("bo"),
            employee("carol"),
            employee("dan"),
            { type: "GroupMembership", name: "grantAda", args: { groupId: { $ref: "prodAdmins" }, userId: { $ref: "ada" } } },
            hook("audit", "https://hooks.example.com/okta"),
            reset(["OPS-42"]),
        ]);
        const preview = await withPolicies("preview");
        expect(preview.code, preview.text).to.equal(0);
        expect(preview.text).not.to.match(/mandatory|advisory/);
        const up = await withPolicies("up");
        expect(up.code, up.text).to.equal(0);
        const logins = (await org.api("GET", "/api/v1/users")).body.map((u: any) => u.profile.login);
        expect(logins).to.include.members(["ada@example.com", "bo@example.com", "carol@example.com", "dan@example.com"]);
    });

    it("deleting more users than maxUserDeletions fails preview; as advisory it only warns", async () => {
        project.declare([
            prodAdmins,
            employee("ada"),
            { type: "GroupMembership", name: "grantAda", args: { groupId: { $ref: "prodAdmins" }, userId: { $ref: "ada" } } },
            hook("audit", "https://hooks.example.com/okta"),
            reset(["OPS-42"]),
        ]);
        const message = "this update would delete 3 users (bo@example.com, carol@example.com, dan@example.com); at most 1 may be deleted in one update (maxUserDeletions)";
        const mandatory = await withPolicies("preview");
        expect(mandatory.code, mandatory.text).to.not.equal(0);
        expect(mandatory.text, mandatory.text).to.contain(message);

        const advisory = await withPolicies("preview", { ...CONFIG, "okta-max-user-deletions": { enforcementLevel: "advisory", maxUserDeletions: 1 } });
        expect(advisory.code, advisory.text).to.equal(0);
        expect(advisory.text).to.contain(message).and.to.contain("advisory");
    });
});
