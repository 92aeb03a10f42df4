import { expect } from "chai";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, type DeclaredResource } from "./support/project";

const GROUPS = 50;
/** Creates a window may make: the last of the 50 goes out in the tenth window, at least 9 s after the first. */
const CREATES_PER_WINDOW = 5;
const DEADLINE_SECONDS = 5;

/**
 * A big `up` with a high `--parallel` queues its own creates on one bucket for longer than `okta:requestDeadline`;
 * through the real CLI, every create still succeeds, because a line that keeps moving does not use a waiting
 * request's deadline up (docs/okta/rate-limits.md#deadline). Before, the creates queued past the deadline failed
 * (7,901 of 10,000 users at Okta's default limits, docs/scale.md#figures-scale-10000-default).
 */
describe("e2e: creates queued on one bucket for longer than the request deadline", function () {
    this.timeout(300_000);

    let org: TestOrg;
    let project: DeclaredProject;

    before(async () => {
        org = await startTestOrg({ rateLimits: { windowMs: 1000, tokenShare: 100, limits: { groups: CREATES_PER_WINDOW } } });
        project = new DeclaredProject("queued-creates");
        await project.init({ url: org.url, apiToken: TEST_TOKEN });
        // Enough for one wait at the front of the line (a window of 1 to 2 s, Okta's whole-second Reset and Date headers,
        // the governor's jitter), not for the whole queue.
        await project.pulumi("config", "set", "okta:requestDeadline", String(DEADLINE_SECONDS));
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it(`creates ${GROUPS} groups at ${CREATES_PER_WINDOW} a window with a ${DEADLINE_SECONDS}-second deadline and --parallel ${GROUPS + 10}`, async () => {
        const groups: DeclaredResource[] = Array.from({ length: GROUPS }, (_, i) => ({ type: "Group", name: `g${i}`, args: { name: `Queued ${i}` } }));
        project.declare(groups);
        const run = await project.attemptWithin(180_000, "up", "--yes", "--skip-preview", "--parallel", String(GROUPS + 10));
        expect(run.code, run.stdout + run.stderr).to.equal(0);
        const stats = await org.control.stats();
        expect(stats.byRoute["POST /api/v1/groups"]).to.equal(GROUPS);
        expect(stats.byStatus["429"] ?? 0).to.equal(0);
        expect(Object.keys(await project.ids()).sort()).to.deep.equal(groups.map((g) => g.name).sort());
        const next = await project.attemptWithin(180_000, "up", "--yes", "--skip-preview", "--expect-no-changes");
        expect(next.code, next.stdout + next.stderr).to.equal(0);
    });

    it("fails every queued create at once when the bucket will not move before the deadline, and the next up converges", async () => {
        const before = Object.keys(await project.ids()).sort();
        // Another integration uses the bucket up for a minute: nothing of ours can go before the deadline.
        await org.control.setRateLimits({ windowMs: 60_000 });
        await org.control.resetRateLimitWindows();
        for (let i = 0; i < CREATES_PER_WINDOW; i++) {
            expect((await org.api("GET", "/api/v1/groups")).status).to.equal(200);
        }
        const more: DeclaredResource[] = Array.from({ length: 20 }, (_, i) => ({ type: "Group", name: `late${i}`, args: { name: `Late ${i}` } }));
        project.declare([...before.map((name) => ({ type: "Group", name, args: { name: `Queued ${name.slice(1)}` } })), ...more]);
        await org.control.resetStats();
        const started = Date.now();
        const run = await project.attemptWithin(180_000, "up", "--yes", "--skip-preview", "--parallel", "30");
        const seconds = (Date.now() - started) / 1000;
        expect(run.code).to.not.equal(0);
        expect(run.stdout + run.stderr).to.match(/Okta API POST \/api\/v1\/groups: rate-limit bucket 'groups' is used up until .*, after the deadline/);
        // Failed as soon as the reset was known to be too late, long before the window's minute was over.
        expect(seconds, `${seconds} s`).to.be.below(45);
        expect(Object.keys(await project.ids()).sort()).to.deep.equal(before);
        // One create learned the window with a 429; the others were never sent.
        expect((await org.control.stats()).byRoute["POST /api/v1/groups"]).to.equal(1);

        await org.control.setRateLimits({ windowMs: 1000 });
        await org.control.resetRateLimitWindows();
        const again = await project.attemptWithin(180_000, "up", "--yes", "--skip-preview", "--parallel", "30");
        expect(again.code, again.stdout + again.stderr).to.equal(0);
        expect(Object.keys(await project.ids())).to.have.length(before.length + more.length);
        expect([...org.emulator.store.groups.values()].filter((g) => /^(Queued|Late) /.test(g.profile.name))).to.have.length(before.length + more.length);
    });
});
