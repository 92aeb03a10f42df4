import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brokenCheckpoint, restoreCheckpoint } from "../../cli/recover/checkpoint";
import { chooseWindow, naturalKeyOf, type PendingOperation } from "../../cli/recover/interrupted";
import { holderMayBeAlive, readStackLocks, type StackLock } from "../../cli/recover/lock";
import { RECOVER_REPORT_VARIABLE, RECOVER_SINCE_VARIABLE, RECOVER_UNTIL_VARIABLE, takesOver } from "../../provider/recovery";

/** The parts of `okta-iac recover` that need no Pulumi run (the e2e test drives the whole command). */
describe("cli: recover's lock, window and takeover rules", () => {
    let dir: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "okta-recover-test-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("reads the stack's lock files of a file:// backend (project-scoped layout) and nothing for other backends", () => {
        const lockDir = join(dir, ".pulumi", "locks", "organization", "proj", "dev");
        mkdirSync(lockDir, { recursive: true });
        writeFileSync(join(lockDir, "abc.json"), JSON.stringify({ pid: 4242, username: "ci", hostname: "build-7", timestamp: "2026-05-01T10:00:00.123456789Z" }));
        const locks = readStackLocks(pathToFileURL(dir).href, "proj", "dev");
        expect(locks).to.have.length(1);
        expect(locks[0]).to.include({ pid: 4242, username: "ci", hostname: "build-7" });
        expect(locks[0].timestamp.toISOString()).to.equal("2026-05-01T10:00:00.123Z");
        expect(readStackLocks(pathToFileURL(dir).href, "proj", "prod")).to.deep.equal([]);
        expect(readStackLocks("s3://bucket", "proj", "dev")).to.deep.equal([]);
    });

    it("a lock is only stale when its holder is a dead process on this host", () => {
        const exited = spawnSync(process.execPath, ["-e", "0"]).pid!;
        const lock = (pid: number, host = hostname()): StackLock => ({ file: "x", pid, username: "", hostname: host, timestamp: new Date() });
        expect(holderMayBeAlive(lock(exited))).to.equal(false);
        expect(holderMayBeAlive(lock(exited, "another-host"))).to.equal(true);
        // Alive but not a pulumi process: the pid was reused after the holder died.
        expect(holderMayBeAlive(lock(process.pid))).to.equal(false);
    });

    it("a checkpoint cut short is replaced by its backup, the broken file kept; a whole one is left alone", () => {
        const stacks = join(dir, ".pulumi", "stacks", "proj");
        mkdirSync(stacks, { recursive: true });
        const file = join(stacks, "dev.json");
        writeFileSync(file, '{"version": 3, "checkpoint": {"stack": "dev", "latest": {"resou');
        writeFileSync(`${file}.bak`, '{"version": 3, "checkpoint": {"stack": "dev"}}');
        const broken = brokenCheckpoint(pathToFileURL(dir).href, "proj", "dev");
        expect(broken).to.deep.equal({ file, backup: `${file}.bak` });
        const kept = restoreCheckpoint(broken!);
        expect(readFileSync(file, "utf8")).to.equal('{"version": 3, "checkpoint": {"stack": "dev"}}');
        expect(readFileSync(kept, "utf8")).to.match(/"resou$/);
        expect(brokenCheckpoint(pathToFileURL(dir).href, "proj", "dev")).to.equal(undefined);
        expect(brokenCheckpoint("s3://bucket", "proj", "dev")).to.equal(undefined);
    });

    it("the window: --since first, then the earliest stale lock, then the failed update from the history", () => {
        const lockAt = (iso: string): StackLock => ({ file: "x", pid: 1, username: "", hostname: "h", timestamp: new Date(iso) });
        const failed = { since: new Date("2026-05-01T09:00:00Z"), until: new Date("2026-05-01T09:05:00Z"), source: "history" };
        const locks = [lockAt("2026-05-01T10:00:05Z"), lockAt("2026-05-01T10:00:00Z")];
        expect(chooseWindow(new Date("2026-05-01T08:00:00Z"), locks, failed)?.since.toISOString()).to.equal("2026-05-01T08:00:00.000Z");
        expect(chooseWindow(undefined, locks, failed)?.since.toISOString()).to.equal("2026-05-01T10:00:00.000Z");
        expect(chooseWindow(undefined, [], failed)).to.equal(failed);
        expect(chooseWindow(undefined, [], undefined)).to.equal(undefined);
    });

    it("natural keys of pending creates: login, group name, hook name, app/user pair; none for memberships and operations", () => {
        const op = (type: string, inputs: Record<string, unknown>): PendingOperation => ({ type: "creating", resource: { urn: `urn::${type}`, type: `pulumi-nodejs:dynamic/okta:${type}`, inputs } });
        expect(naturalKeyOf(op("User", { login: "ada@example.com" }))).to.equal("ada@example.com");
        expect(naturalKeyOf(op("Group", { name: "Engineering" }))).to.equal("Engineering");
        expect(naturalKeyOf(op("EventHook", { name: "audit", url: "https://h" }))).to.equal("audit");
        expect(naturalKeyOf(op("AppUserAssignment", { appId: "0oa1", userId: "00u1" }))).to.equal("0oa1/00u1");
        expect(naturalKeyOf(op("GroupMembership", { groupId: "00g1", userId: "00u1" }))).to.equal(undefined);
        expect(naturalKeyOf(op("ResetUserPassword", { userId: "00u1" }))).to.equal(undefined);
    });

    describe("the provider's takeover rule", () => {
        const saved = { ...process.env };
        afterEach(() => {
            for (const name of [RECOVER_SINCE_VARIABLE, RECOVER_UNTIL_VARIABLE, RECOVER_REPORT_VARIABLE]) {
                if (saved[name] === undefined) delete process.env[name];
                else process.env[name] = saved[name];
            }
        });
        const found = (created: string) => ({ id: "00u1", created });

        it("outside a recovery only `adopt` takes over", () => {
            expect(takesOver(undefined, found("2026-05-01T10:00:00.000Z"), "User", "ada")).to.equal(false);
            expect(takesOver(true, found("2000-01-01T00:00:00.000Z"), "User", "ada")).to.equal(true);
            expect(takesOver(true, undefined, "User", "ada")).to.equal(false);
        });

        it("during a recovery, only objects Okta created inside the window, each reported once", () => {
            const report = join(dir, "takeovers.jsonl");
            process.env[RECOVER_SINCE_VARIABLE] = "2026-05-01T10:00:00.000Z";
            process.env[RECOVER_UNTIL_VARIABLE] = "2026-05-01T10:30:00.000Z";
            process.env[RECOVER_REPORT_VARIABLE] = report;
            expect(takesOver(undefined, found("2026-05-01T09:59:59.000Z"), "User", "older")).to.equal(false);
            expect(takesOver(undefined, found("2026-05-01T10:30:01.000Z"), "User", "later")).to.equal(false);
            expect(takesOver(undefined, found("2026-05-01T10:00:00.000Z"), "User", "ada")).to.equal(true);
            expect(takesOver(undefined, { id: "00g1", created: null }, "Group", "no-created")).to.equal(false);
            expect(readFileSync(report, "utf8").trim().split("\n").map((line) => JSON.parse(line))).to.deep.equal([{ type: "User", key: "ada", id: "00u1" }]);
        });

        it("a malformed window is an error, not a silent takeover", () => {
            process.env[RECOVER_SINCE_VARIABLE] = "yesterday";
            expect(() => takesOver(undefined, found("2026-05-01T10:00:00.000Z"), "User", "ada")).to.throw(/OKTA_RECOVER_SINCE must be an ISO-8601 time/);
        });
    });
});
