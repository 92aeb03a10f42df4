import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NameBook } from "../../cli/review/names";
import { parsePreview } from "../../cli/review/preview";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../cli/review/render-markdown";
import { buildReview } from "../../cli/review/review";
import { privilegedGroups } from "../../cli/review/risk";
import { runCli } from "../support/cli";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, type DeclaredResource } from "./support/project";

/** Values that must never appear in a review: Pulumi secrets, and sensitive values Pulumi does not mark secret. */
const SECRETS = {
    password: "Rv7-Review-Secret-Pass",
    hookAuth: "Bearer review-hook-secret-1",
    hookHeader: "header-secret-value-2",
    urlToken: "query-secret-token-3",
};

const person = (login: string) => ({ login: `${login}@example.com`, email: `${login}@example.com`, firstName: login, lastName: "Example" });
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);
const STAFF = numbered("staff", 20);
const MOVED = STAFF.slice(0, 12);
const NEWCOMERS = numbered("new", 40);

/**
 * `okta-iac review` on what the real Pulumi CLI previews for a realistic change of a running stack: 40 users added,
 * 12 moved from Engineering to Support, one hook URL changed, one user deleted, a password reset, a group adopted, a
 * membership replaced, and memberships of two privileged groups (one named in stack config, Okta Administrators by id, named through the org).
 */
describe("e2e: okta-iac review of a realistic change", function () {
    this.timeout(600_000);

    let org: TestOrg;
    let project: DeclaredProject;
    let env: Record<string, string>;
    let previewText: string;
    let adminsId: string;

    function hook(path: string): DeclaredResource {
        return {
            type: "EventHook",
            name: "audit",
            args: {
                name: "audit",
                url: `http://127.0.0.1:9/${path}?token=${SECRETS.urlToken}`,
                eventTypes: ["user.lifecycle.create"],
                authHeaderName: "Authorization",
                authHeaderValue: SECRETS.hookAuth,
                headers: { "X-Audit-Key": SECRETS.hookHeader },
                doNotActivateOnCreate: true,
            },
        };
    }

    const user = (login: string, groups: string[]): DeclaredResource => ({
        type: "User",
        name: login,
        args: { ...person(login), status: "ACTIVE", password: SECRETS.password, groupIds: groups.map(($ref) => ({ $ref })) },
    });

    const groups: DeclaredResource[] = [
        { type: "Group", name: "eng", args: { name: "Engineering" } },
        { type: "Group", name: "support", args: { name: "Support" } },
        { type: "Group", name: "secadmins", args: { name: "Security Admins" } },
    ];

    function before_(): DeclaredResource[] {
        return [
            ...groups,
            hook("a"),
            ...STAFF.map((login) => user(login, MOVED.includes(login) ? ["eng"] : [])),
            user("leaver", ["support"]),
            { type: "GroupMembership", name: "staff16Team", args: { groupId: { $ref: "eng" }, userId: { $ref: "staff16" } } },
        ];
    }

    function after_(withOktaAdministrators: boolean): DeclaredResource[] {
        return [
            ...groups,
            hook("b"),
            ...STAFF.map((login) => user(login, MOVED.includes(login) ? ["support"] : [])),
            ...NEWCOMERS.map((login, i) => user(login, i % 2 === 0 ? ["eng", "support"] : ["eng"])),
            { type: "Group", name: "contractors", args: { name: "Contractors", adopt: true } },
            { type: "GroupMembership", name: "staff16Team", args: { groupId: { $ref: "support" }, userId: { $ref: "staff16" } } },
            { type: "GroupMembership", name: "staff13Security", args: { groupId: { $ref: "secadmins" }, userId: { $ref: "staff13" } } },
            ...(withOktaAdministrators ? [{ type: "GroupMembership", name: "staff14Admin", args: { groupId: adminsId, userId: { $ref: "staff14" } } }] : []),
            { type: "ResetUserPassword", name: "resetStaff15", args: { userId: { $ref: "staff15" }, sendEmail: false, triggers: ["TICKET-4711"] } },
        ];
    }

    before(async () => {
        org = await startTestOrg();
        const admins = await org.api("GET", `/api/v1/groups?q=${encodeURIComponent("Okta Administrators")}`);
        adminsId = admins.body.find((g: any) => g.profile.name === "Okta Administrators").id;
        project = new DeclaredProject("review");
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, before_());
        await project.pulumi("config", "set", "okta-iac:privilegedGroups", '["Security Admins"]');
        await project.pulumi("up", "--yes", "--skip-preview");
        env = Object.fromEntries(Object.entries(project.env).filter(([key, value]) => value !== undefined && !key.startsWith("OKTA_"))) as Record<string, string>;
        project.declare(after_(true));
        previewText = (await project.pulumi("preview", "--json", "--show-sames")).stdout;
    });
    after(async () => {
        await project?.remove();
        await org?.close();
    });

    const noSecretIn = (text: string) => {
        for (const secret of [...Object.values(SECRETS), TEST_TOKEN]) {
            expect(text, `leaks ${secret}`).not.to.contain(secret);
        }
    };

    it("counts the changes per type and operation (--preview FILE --json)", async () => {
        const file = join(project.dir, "preview.json");
        writeFileSync(file, previewText);
        const run = await runCli(["review", "--preview", file, "--json"], env, { cwd: project.dir });
        expect(run.code, run.stderr).to.equal(0);
        noSecretIn(run.stdout + run.stderr);
        const review = JSON.parse(run.stdout);
        expect(review.counts).to.deep.equal({
            EventHook: { update: 1 },
            Group: { create: 1 },
            GroupMembership: { create: 2, replace: 1 },
            ResetUserPassword: { create: 1 },
            User: { create: 40, update: 12, delete: 1 },
        });
        expect(review.total).to.equal(59);
        const lines = review.changes.map((c: any) => c.line);
        expect(lines).to.include("+ user new01@example.com (ACTIVE) into Engineering, Support");
        expect(lines).to.include("~ user staff01@example.com: groups +Support -Engineering");
        expect(lines).to.include("- user leaver@example.com: deprovisioned and deleted");
        const engineering = review.memberships.find((m: any) => m.group === "Engineering");
        expect(engineering.added).to.have.length(40);
        expect(engineering.removed).to.have.members([...MOVED, "staff16"].map((login) => `${login}@example.com`));
    });

    it("writes the PR comment with the risks on top, names read from the org (--stack --resolve-names --output)", async () => {
        const output = join(project.dir, "comment.md");
        const run = await runCli(["review", "--stack", project.stack, "--resolve-names", "--output", output], env, { cwd: project.dir });
        expect(run.code, run.stderr).to.equal(0);
        const markdown = readFileSync(output, "utf8");
        expect(run.stdout.trim()).to.equal(markdown.trim());
        noSecretIn(markdown + run.stderr);
        writeFileSync(join(project.dir, "..", "..", `review-comment-${process.pid}.md`), markdown);

        const risks = markdown.slice(markdown.indexOf("### ⚠️ Risks"), markdown.indexOf("### Changes by resource type"));
        expect(markdown.indexOf("### ⚠️ Risks")).to.be.lessThan(markdown.indexOf("### All changes"));
        expect(risks).to.contain("**Privileged group membership** (2)");
        expect(risks).to.contain("`Okta Administrators: + staff14@example.com`");
        expect(risks).to.contain("`Security Admins: + staff13@example.com`");
        expect(risks).to.contain("`- user leaver@example.com: deprovisioned and deleted`");
        expect(risks).to.contain("`~ hook audit: url http://127.0.0.1:9/a?token=%E2%80%A6 -> http://127.0.0.1:9/b?token=%E2%80%A6`");
        expect(risks).to.contain("**Replacements (deleted and created again)** (1)");
        expect(risks).to.contain("`+- member staff16@example.com of Engineering -> staff16@example.com of Support`");
        expect(risks).to.contain("`+ group Contractors (adopt: takes over the existing one if there is one)`");
        expect(risks).to.contain("`+ runs: reset the password of staff15@example.com (triggers: TICKET-4711)`");
        expect(markdown).to.contain("| User | 40 | 12 |  | 1 | 53 |");
        expect(markdown).to.match(/needs about \*\*\d+\*\* Okta API calls/);
        expect(markdown).to.contain("<details><summary>User (53)</summary>");
        expect(markdown.length).to.be.at.most(GITHUB_COMMENT_LIMIT);
    });

    it("stays under GitHub's limit with a note on what was cut when the change is huge", () => {
        // The real preview's user creations, repeated as 3,000 distinct users.
        const real = JSON.parse(previewText);
        const creation = real.steps.find((s: any) => s.op === "create" && s.urn.endsWith("::new01"));
        const many = Array.from({ length: 3000 }, (_, i) => {
            const login = `bulk${i}@example.com`;
            const urn = creation.urn.replace(/::new01$/, `::bulk${i}`);
            return { ...creation, urn, newState: { ...creation.newState, urn, inputs: { ...creation.newState.inputs, login, email: login } } };
        });
        const preview = parsePreview(JSON.stringify({ ...real, steps: [...real.steps, ...many] }));
        const review = buildReview(preview, new NameBook(preview.steps), { privilegedGroups: privilegedGroups(["Security Admins"]) });
        const markdown = renderMarkdown(review);
        expect(review.changes.filter((c) => c.type === "User")).to.have.length(3053);
        expect(markdown.length).to.be.at.most(GITHUB_COMMENT_LIMIT);
        expect(markdown).to.match(/> ✂️ \d+ lines of long lists were left out to stay under GitHub's 65,536-character limit/);
        expect(markdown).to.contain("`Security Admins: + staff13@example.com`");
        expect(markdown).to.contain("| User | 3040 | 12 |  | 1 | 3053 |");
        noSecretIn(markdown);
    });

    it("estimates the API calls the up makes (compared with the emulator's count of the real up)", async () => {
        project.declare(after_(false));
        const file = join(project.dir, "preview-up.json");
        writeFileSync(file, (await project.pulumi("preview", "--json", "--show-sames")).stdout);
        const run = await runCli(["review", "--preview", file, "--json"], env, { cwd: project.dir });
        expect(run.code, run.stderr).to.equal(0);
        const estimate = JSON.parse(run.stdout).estimate;
        await org.control.resetStats();
        await project.pulumi("up", "--yes", "--skip-preview");
        const stats = await org.control.stats();
        const actual = Object.entries(stats.byRoute)
            .filter(([route]) => !route.includes("/__emulator/") && !route.includes("/oauth2/"))
            .reduce((sum, [, n]) => sum + n, 0);
        console.log(`      estimated ${estimate.calls} API calls, the up made ${actual}`);
        expect(estimate.calls).to.be.within(Math.floor(actual * 0.8), Math.ceil(actual * 1.2));
    });
});
