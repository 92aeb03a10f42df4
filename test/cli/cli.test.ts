import { expect } from "chai";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SeedDocument } from "../../emulator";
import { CLI, runCli } from "../support/cli";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { createUser } from "../support/org-client";

/** `okta-iac` as a subprocess against the emulator: text and JSON output, and exit codes. */
describe("cli: okta-iac as a subprocess", function () {
    this.timeout(30_000);
    let org: TestOrg;
    let env: Record<string, string>;
    const okta = (...args: string[]) => runCli(args, env);

    before(async () => {
        const users: SeedDocument["users"] = Array.from({ length: 5 }, (_, i) => ({
            login: `cli${i}@example.com`,
            email: `cli${i}@example.com`,
            firstName: `Cli${i}`,
            lastName: "User",
            status: "ACTIVE" as const,
            password: "Correct-Horse-9-Battery",
        }));
        // Only these users (no super administrator): listings are compared whole.
        org = await startTestOrg({ seed: { superAdmin: false, users } });
        env = { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: TEST_TOKEN };
    });
    after(() => org.close());

    describe("usage", () => {
        it("prints the overview with --help (exit 0), and on stderr without a command (exit 2)", async () => {
            const help = await okta("--help");
            expect(help.code).to.equal(0);
            expect(help.stdout).to.contain("users reset-password <id>").and.contain("exit codes:").and.contain("watch logs");
            const bare = await okta();
            expect([bare.code, bare.stdout]).to.deep.equal([2, ""]);
            expect(bare.stderr).to.contain("usage: okta-iac");
        });

        it("shows one command's options", async () => {
            const help = await okta("users", "list", "--help");
            expect(help.code).to.equal(0);
            expect(help.stdout).to.contain("usage: okta-iac users list").and.contain("--sort-order asc|desc").and.contain("--all");
        });

        it("exits 2, sending nothing, on unknown commands, unknown options, missing arguments and bad values", async () => {
            const before = org.emulator.store.log.size;
            for (const args of [["frobnicate"], ["users", "frobnicate"], ["users", "list", "--bogus"], ["users", "get"], ["users", "get", "a", "b"], ["users", "list", "--limit", "ten"], ["users", "list", "--sort-order", "sideways"], ["raw", "FETCH", "/users"], ["raw", "GET", "https://evil.example.com/api/v1/users"], ["raw", "GET", "/users", "--response-type", "xml"]]) {
                const run = await okta(...args);
                expect(run.code, args.join(" ")).to.equal(2);
                expect(run.stdout, args.join(" ")).to.equal("");
                expect(run.stderr, args.join(" ")).to.match(/^okta-iac: /);
            }
            expect(org.emulator.store.log.size).to.equal(before);
        });

        it("exits 3 when the connection settings are missing or invalid", async () => {
            const missing = await runCli(["users", "list"], {});
            expect(missing.code).to.equal(3);
            expect(missing.stderr).to.contain("OKTA_ORG_URL").and.contain("OKTA_API_TOKEN");
            const plainHttp = await runCli(["users", "list"], { OKTA_ORG_URL: "http://example.com", OKTA_API_TOKEN: "x" });
            expect(plainHttp.code).to.equal(3);
            expect(plainHttp.stderr).to.contain("must use https");
        });
    });

    describe("reads", () => {
        it("shows a user as text and as JSON", async () => {
            const text = await okta("users", "get", "cli1@example.com");
            expect(text.code).to.equal(0);
            expect(text.stdout).to.match(/^id: +00u/m).and.match(/^login: +cli1@example\.com$/m).and.match(/^name: +Cli1 User$/m);
            const json = await okta("users", "get", "cli1@example.com", "--json");
            expect(JSON.parse(json.stdout).profile.login).to.equal("cli1@example.com");
        });

        it("lists one page with a hint to continue; --all fetches every page and reports progress", async () => {
            const page = await okta("users", "list", "--limit", "2");
            expect(page.code).to.equal(0);
            expect(page.stdout.trim().split("\n")).to.have.length(3);
            expect(page.stdout).to.match(/^ID +STATUS +LOGIN +NAME +LAST UPDATED$/m);
            const cursor = /--after (\S+)/.exec(page.stderr)?.[1];
            expect(cursor).to.be.a("string");
            const next = JSON.parse((await okta("users", "list", "--limit", "2", "--after", cursor!, "--json")).stdout);
            expect(next.items.map((u: any) => u.profile.login)).to.deep.equal(["cli2@example.com", "cli3@example.com"]);

            const all = await okta("users", "list", "--limit", "2", "--all", "--progress", "--json");
            expect(JSON.parse(all.stdout).items).to.have.length(5);
            expect(all.stderr.trim().split("\n")).to.deep.equal(["fetched 2 users", "fetched 4 users", "fetched 5 users"]);

            const capped = await okta("users", "list", "--limit", "2", "--all", "--max", "3");
            expect(capped.stdout.trim().split("\n")).to.have.length(4);
            expect(capped.stderr).to.contain("stopped at the cap of 3 users");
        });

        it("exits 4 on Okta's 404, with Okta's error on stderr (as JSON with --json)", async () => {
            const text = await okta("users", "get", "nobody@example.com");
            expect(text.code).to.equal(4);
            expect(text.stderr).to.contain("HTTP 404 E0000007").and.contain("request id");
            const json = await okta("groups", "get", "00gmissing", "--json");
            expect(json.code).to.equal(4);
            expect(JSON.parse(json.stderr).error).to.include({ status: 404, errorCode: "E0000007", exitCode: 4 });
        });

        it("exits 1 when Okta refuses a request (400)", async () => {
            const run = await okta("users", "list", "--search", 'status eq "ACTIVE"', "--filter", 'status eq "ACTIVE"');
            expect(run.code).to.equal(1);
            expect(run.stderr).to.contain("E0000033");
        });

        it("exits 5 when Okta refuses the token, and never prints it", async () => {
            const run = await runCli(["users", "list"], { OKTA_ORG_URL: org.url, OKTA_API_TOKEN: "wrong-token-0123456789" });
            expect(run.code).to.equal(5);
            expect(run.stderr).to.contain("E0000011").and.not.contain("wrong-token-0123456789");
        });

        it("exits 7 when nothing answers (after --retries)", async () => {
            const run = await runCli(["users", "list", "--retries", "1"], { OKTA_ORG_URL: "http://127.0.0.1:9", OKTA_API_TOKEN: TEST_TOKEN });
            expect(run.code).to.equal(7);
            expect(run.stderr).to.contain("ECONNREFUSED");
        });

        it("exits 6 when the rate limit does not let a request through before --deadline", async () => {
            const limited = await startTestOrg({ rateLimits: { limits: { "user-get": 1 }, windowMs: 60_000 } });
            try {
                const limitedEnv = { OKTA_ORG_URL: limited.url, OKTA_API_TOKEN: TEST_TOKEN };
                expect((await runCli(["users", "get", "nobody@example.com"], limitedEnv)).code).to.equal(4);
                const run = await runCli(["users", "get", "nobody@example.com", "--deadline", "2", "--json"], limitedEnv);
                expect(run.code, run.stderr).to.equal(6);
                expect(JSON.parse(run.stderr).error.exitCode).to.equal(6);
            } finally {
                await limited.close();
            }
        });
    });

    describe("operations", () => {
        it("suspends, then fails to suspend again with Okta's 400 (exit 1)", async () => {
            const user = await createUser(org, "cli-suspend@example.com");
            const run = await okta("users", "suspend", user.id);
            expect([run.code, run.stdout]).to.deep.equal([0, `user ${user.id} suspended\n`]);
            const again = await okta("users", "suspend", user.id, "--json");
            expect(again.code).to.equal(1);
            expect(JSON.parse(again.stderr).error.errorCode).to.equal("E0000001");
        });

        it("resets a password without email, returning the one-time link in JSON", async () => {
            await createUser(org, "cli-reset@example.com");
            const run = await okta("users", "reset-password", "cli-reset@example.com", "--no-email", "--json");
            expect(run.code).to.equal(0);
            expect(JSON.parse(run.stdout).resetPasswordUrl).to.match(/^https?:\/\//);
        });

        it("sets a password read from the environment or stdin, never from an argument", async () => {
            const user = await createUser(org, "cli-password@example.com");
            const fromEnv = await runCli(["users", "set-password", user.id, "--new-password-env", "NEW_PW"], { ...env, NEW_PW: "Brand-New-Horse-4" });
            expect([fromEnv.code, fromEnv.stdout]).to.deep.equal([0, `password of user ${user.id} set\n`]);
            const fromStdin = await runCli(["users", "set-password", user.id, "--new-password-stdin", "--json"], env, { stdin: "Another-New-Horse-5\n" });
            expect(JSON.parse(fromStdin.stdout)).to.deep.equal({ userId: user.id, method: "set", sessionsRevoked: false });
            const none = await okta("users", "set-password", user.id);
            expect(none.code).to.equal(2);
            const unset = await okta("users", "set-password", user.id, "--new-password-env", "UNSET_VARIABLE");
            expect(unset.code).to.equal(2);
        });

        it("clears sessions and deletes event hooks by URL", async () => {
            const user = await createUser(org, "cli-sessions@example.com");
            expect((await okta("users", "clear-sessions", user.id, "--oauth-tokens")).code).to.equal(0);
            const body = (uri: string) => ({
                name: `hook ${uri}`,
                events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] },
                channel: { type: "HTTP", version: "1.0.0", config: { uri, authScheme: { type: "HEADER", key: "Authorization", value: "v" } } },
            });
            await org.api("POST", "/api/v1/eventHooks", { body: body("https://a.example.com/hook") });
            await org.api("POST", "/api/v1/eventHooks", { body: body("https://b.example.com/hook") });
            const deleted = await okta("event-hooks", "delete-all", "--url", "https://a.example.com/hook");
            expect(deleted.code).to.equal(0);
            expect(deleted.stdout).to.match(/^deleted 1 event hook\(s\)/);
            const listed = JSON.parse((await okta("event-hooks", "list", "--json")).stdout);
            expect(listed.items.map((h: any) => h.channel.config.uri)).to.deep.equal(["https://b.example.com/hook"]);
        });

        it("sends a raw request, with a JSON body from a file, query and headers; text responses as they are", async () => {
            const run = await okta("raw", "GET", "/groups", "--query", "q=Everyone", "--json");
            expect(run.code).to.equal(0);
            const response = JSON.parse(run.stdout);
            expect(response.status).to.equal(200);
            expect(response.body.map((g: any) => g.profile.name)).to.deep.equal(["Everyone"]);

            const dir = mkdtempSync(join(tmpdir(), "okta-iac-raw-"));
            try {
                writeFileSync(join(dir, "group.json"), JSON.stringify({ profile: { name: "From a file" } }));
                const created = await okta("raw", "post", "groups", "--data", `@${join(dir, "group.json")}`, "--header", "X-Note=cli");
                expect(created.code).to.equal(0);
                expect(created.stdout).to.match(/^HTTP 200\n/);
                expect(JSON.parse(created.stdout.slice("HTTP 200\n".length)).profile.name).to.equal("From a file");
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
            const text = await okta("raw", "GET", "/groups", "--query", "q=From", "--response-type", "text");
            expect(text.stdout.split("\n")[1]).to.match(/^\[\{"id":"00g/);
        });
    });

    describe("triggers", () => {
        it("`watch new-users --once` keeps its cursor in a file: the first run starts, the next delivers what is new", async () => {
            const dir = mkdtempSync(join(tmpdir(), "okta-iac-cli-"));
            try {
                const cursorFile = join(dir, "cursor");
                const first = await okta("watch", "new-users", "--once", "--cursor-file", cursorFile, "--json");
                expect(first.code).to.equal(0);
                expect(JSON.parse(first.stdout).items).to.deep.equal([]);
                await createUser(org, "cli-watched@example.com");
                const second = await okta("watch", "new-users", "--once", "--cursor-file", cursorFile, "--json");
                expect(JSON.parse(second.stdout).items.map((u: any) => u.profile.login)).to.deep.equal(["cli-watched@example.com"]);
                expect(readFileSync(cursorFile, "utf8").trim()).to.equal(JSON.parse(second.stdout).nextCursor);
                const third = await okta("watch", "new-users", "--once", "--cursor-file", cursorFile);
                expect(third.stdout).to.equal("no users\n");
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        });

        it("`watch new-users` streams each new user as a JSON line until interrupted, then exits 0", async () => {
            const start = JSON.parse((await okta("watch", "new-users", "--once", "--json")).stdout).nextCursor;
            const child = spawn(process.execPath, [CLI, "watch", "new-users", "--cursor", start, "--interval", "1", "--json"], { env: { PATH: process.env.PATH ?? "", ...env } });
            let stdout = "";
            child.stdout.on("data", (chunk) => (stdout += chunk));
            const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
            await createUser(org, "streamed-1@example.com");
            await createUser(org, "streamed-2@example.com");
            while (stdout.split("\n").filter(Boolean).length < 2) {
                await new Promise((resolve) => child.stdout.once("data", resolve));
            }
            child.kill("SIGINT");
            expect(await exited).to.equal(0);
            expect(stdout.trim().split("\n").map((line) => JSON.parse(line).profile.login)).to.deep.equal(["streamed-1@example.com", "streamed-2@example.com"]);
        });

        it("lists System Log events", async () => {
            const run = await okta("logs", "list", "--filter", 'eventType eq "user.lifecycle.create"', "--since", new Date(Date.now() - 3600_000).toISOString(), "--all", "--json");
            expect(run.code).to.equal(0);
            const events = JSON.parse(run.stdout).items;
            expect(events.length).to.be.greaterThan(0);
            expect(events.every((e: any) => e.eventType === "user.lifecycle.create")).to.equal(true);
        });
    });
});
