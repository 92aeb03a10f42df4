import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type { SeedDocument } from "../../emulator";
import type { OktaClient } from "../../core/client";
import * as okta from "../../sdk";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { failure } from "../support/failure";
import { clientOf, logins } from "../support/org-client";

/** Every Pulumi function against the emulator, in its Promise form (and the Output form of some), checked against raw API reads. */
describe("functions: reads against the emulator", () => {
    let org: TestOrg;
    let client: OktaClient;
    let opts: okta.FunctionOptions;
    const userLogins = logins("reader", 7);

    before(async () => {
        const seed: SeedDocument = {
            groups: [{ name: "Readers", description: "people who read" }, ...Array.from({ length: 4 }, (_, i) => ({ name: `Team ${i}` }))],
            userTypes: [{ name: "contractor", displayName: "Contractor" }],
            realms: [{ name: "Europe" }, { name: "Americas" }, { name: "Asia" }],
            users: userLogins.map((login, i) => ({
                login,
                email: login,
                firstName: `Reader${i}`,
                lastName: i % 2 === 0 ? "Even" : "Odd",
                password: "Correct-Horse-9-Battery",
                status: "ACTIVE",
                groups: i < 5 ? ["Readers"] : [],
                factors: i === 0 ? [{ type: "sms", phoneNumber: "+15555550100" }, { type: "email", email: login }] : [],
            })),
            apps: [
                { name: "bookmark", label: "Wiki", signOnMode: "BOOKMARK" },
                { name: "bookmark", label: "Chat", signOnMode: "BOOKMARK" },
                { name: "bookmark", label: "Mail", signOnMode: "BOOKMARK", status: "INACTIVE" },
            ],
            policies: [
                { type: "PASSWORD", name: "Strict passwords" },
                { type: "PASSWORD", name: "Relaxed passwords", status: "INACTIVE" },
            ],
        };
        org = await startTestOrg({ seed });
        client = clientOf(org);
        opts = { client };
    });
    after(async () => {
        await client.close();
        await org.close();
    });

    const raw = async (path: string) => (await org.api("GET", path)).body;
    const ids = (items: { id: string }[]) => items.map((item) => item.id);
    const userId = async (login: string) => (await raw(`/api/v1/users/${login}`)).id as string;

    describe("users", () => {
        it("getUser by id, login and shortname", async () => {
            const byLogin = await okta.getUser({ id: userLogins[1] }, opts);
            expect(byLogin.profile.login).to.equal(userLogins[1]);
            expect((await okta.getUser({ id: byLogin.id }, opts)).profile.login).to.equal(userLogins[1]);
            expect((await okta.getUser({ id: userLogins[1].split("@")[0] }, opts)).id).to.equal(byLogin.id);
        });

        it("getUser of a missing user fails with Okta's 404 E0000007, and an empty id fails before any request", async () => {
            const missing = await failure(okta.getUser({ id: "nobody@example.com" }, opts));
            expect(missing.status).to.equal(404);
            expect(missing.errorCode).to.equal("E0000007");
            expect((await failure(okta.getUser({ id: " " }, opts))).name).to.equal("ArgumentError");
        });

        it("listUsers pages with limit and after, over more than one page", async () => {
            const all = await raw("/api/v1/users?limit=200");
            const first = await okta.listUsers({ limit: 3 }, opts);
            expect(ids(first.items)).to.deep.equal(ids(all.slice(0, 3)));
            expect(first.nextCursor).to.be.a("string");
            expect(first.truncated).to.equal(false);
            const second = await okta.listUsers({ limit: 3, after: first.nextCursor }, opts);
            expect(ids(second.items)).to.deep.equal(ids(all.slice(3, 6)));
        });

        it("listUsers with fetchAll follows every page; maxItems caps it on a page boundary with an exact cursor", async () => {
            const all = await raw("/api/v1/users?limit=200");
            const everything = await okta.listUsers({ limit: 2, fetchAll: true }, opts);
            expect(ids(everything.items)).to.deep.equal(ids(all));
            expect(everything.nextCursor).to.equal(undefined);
            expect(everything.truncated).to.equal(false);

            const capped = await okta.listUsers({ limit: 2, fetchAll: true, maxItems: 5 }, opts);
            expect(ids(capped.items)).to.deep.equal(ids(all.slice(0, 5)));
            expect(capped.truncated).to.equal(true);
            const rest = await okta.listUsers({ limit: 2, fetchAll: true, after: capped.nextCursor }, opts);
            expect(ids(rest.items)).to.deep.equal(ids(all.slice(5)));
        });

        it("listUsers passes search, sortBy, sortOrder, filter, q and extra parameters to Okta", async () => {
            const odd = await okta.listUsers({ search: 'profile.lastName eq "Odd"', sortBy: "profile.firstName", sortOrder: "desc" }, opts);
            expect(odd.items.map((u) => u.profile.firstName)).to.deep.equal(["Reader5", "Reader3", "Reader1"]);
            const filtered = await okta.listUsers({ filter: `profile.login eq "${userLogins[2]}"` }, opts);
            expect(filtered.items.map((u) => u.profile.login)).to.deep.equal([userLogins[2]]);
            const byQ = await okta.listUsers({ q: "Reader6" }, opts);
            expect(byQ.items.map((u) => u.profile.login)).to.deep.equal([userLogins[6]]);
            const extra = await okta.listUsers({ extraParameters: { search: 'profile.firstName eq "Reader4"' } }, opts);
            expect(extra.items.map((u) => u.profile.login)).to.deep.equal([userLogins[4]]);
        });

        it("listUsers reports Okta's refusal of search combined with filter (400 E0000033)", async () => {
            const error = await failure(okta.listUsers({ search: 'status eq "ACTIVE"', filter: 'status eq "ACTIVE"' }, opts));
            expect([error.status, error.errorCode]).to.deep.equal([400, "E0000033"]);
        });

        it("listUserGroups, listUserApplications and listUserFactors", async () => {
            const id = await userId(userLogins[0]);
            const groups = await okta.listUserGroups({ id }, opts);
            expect(groups.items.map((g) => g.profile.name).sort()).to.deep.equal(["Everyone", "Readers"]);

            const wiki = (await raw("/api/v1/apps?q=Wiki"))[0];
            expect((await org.api("POST", `/api/v1/apps/${wiki.id}/users`, { body: { id, scope: "USER" } })).status).to.equal(200);
            const apps = await okta.listUserApplications({ id: userLogins[0] }, opts);
            expect(apps.items.map((a) => a.label)).to.deep.equal(["Wiki"]);

            const factors = await okta.listUserFactors({ userId: id }, opts);
            expect(factors.items.map((f) => f.factorType).sort()).to.deep.equal(["email", "sms"]);
        });

        it("listUserTypes", async () => {
            const types = await okta.listUserTypes(opts);
            expect(types.items.map((t) => t.name).sort()).to.deep.equal(["contractor", "user"]);
        });
    });

    describe("groups", () => {
        it("getGroup and listGroups over more than one page, with q and a capped fetch-all", async () => {
            const all = await raw("/api/v1/groups?limit=200");
            expect(all.length).to.be.greaterThan(4);
            const readers = all.find((g: any) => g.profile.name === "Readers");
            expect((await okta.getGroup({ groupId: readers.id }, opts)).profile.description).to.equal("people who read");

            const page = await okta.listGroups({ limit: 2 }, opts);
            const next = await okta.listGroups({ limit: 2, after: page.nextCursor }, opts);
            expect(ids([...page.items, ...next.items])).to.deep.equal(ids(all.slice(0, 4)));
            const capped = await okta.listGroups({ limit: 2, fetchAll: true, maxItems: 3 }, opts);
            expect([capped.items.length, capped.truncated]).to.deep.equal([3, true]);
            expect((await okta.listGroups({ q: "Team" }, opts)).items.map((g) => g.profile.name)).to.deep.equal(["Team 0", "Team 1", "Team 2", "Team 3"]);
            expect((await okta.listGroups({ filter: 'type eq "BUILT_IN"' }, opts)).items.every((g) => g.type === "BUILT_IN")).to.equal(true);
        });

        it("listGroupMembers pages over more than one page and fetches all", async () => {
            const readers = (await raw("/api/v1/groups?q=Readers"))[0];
            const members = await raw(`/api/v1/groups/${readers.id}/users`);
            expect(members).to.have.length(5);
            const first = await okta.listGroupMembers({ groupId: readers.id, limit: 2 }, opts);
            expect(ids(first.items)).to.deep.equal(ids(members.slice(0, 2)));
            const all = await okta.listGroupMembers({ groupId: readers.id, limit: 2, fetchAll: true }, opts);
            expect(ids(all.items)).to.deep.equal(ids(members));
        });
    });

    describe("applications", () => {
        it("getApplication, listApplications (q, filter, paging, includeNonDeleted) and getAppUserAssignment", async () => {
            const apps = await raw("/api/v1/apps?limit=200");
            expect((await okta.getApplication({ appId: apps[0].id }, opts)).label).to.equal(apps[0].label);

            const first = await okta.listApplications({ limit: 2 }, opts);
            const rest = await okta.listApplications({ limit: 2, after: first.nextCursor }, opts);
            expect(ids([...first.items, ...rest.items])).to.deep.equal(ids(apps));
            expect((await okta.listApplications({ q: "Ch" }, opts)).items.map((a) => a.label)).to.deep.equal(["Chat"]);
            const inactive = await okta.listApplications({ filter: 'status eq "INACTIVE"', includeNonDeleted: true, useOptimization: true }, opts);
            expect(inactive.items.map((a) => a.label)).to.deep.equal(["Mail"]);

            const chat = apps.find((a: any) => a.label === "Chat");
            const id = await userId(userLogins[3]);
            expect((await org.api("POST", `/api/v1/apps/${chat.id}/users`, { body: { id, scope: "USER" } })).status).to.equal(200);
            const assignment = await okta.getAppUserAssignment({ appId: chat.id, userId: id, expand: "user" }, opts);
            expect(assignment.id).to.equal(id);
            expect((assignment._embedded as any)?.user?.id).to.equal(id);
        });
    });

    describe("event hooks, policies, realms", () => {
        it("getEventHook and listEventHooks", async () => {
            const created = await org.api("POST", "/api/v1/eventHooks", {
                body: {
                    name: "Audit",
                    events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] },
                    channel: { type: "HTTP", version: "1.0.0", config: { uri: "https://example.com/hook", authScheme: { type: "HEADER", key: "Authorization", value: "s3cret-value" } } },
                },
            });
            expect(created.status).to.equal(200);
            const hook = await okta.getEventHook({ eventHookId: created.body.id }, opts);
            expect(hook.name).to.equal("Audit");
            expect(JSON.stringify(hook)).not.to.contain("s3cret-value");
            expect(ids((await okta.listEventHooks(opts)).items)).to.include(created.body.id);
        });

        it("listPolicies by type and status, paged", async () => {
            const all = await okta.listPolicies({ type: "PASSWORD", fetchAll: true }, opts);
            expect(all.items.map((p) => p.name)).to.include.members(["Strict passwords", "Relaxed passwords"]);
            const inactive = await okta.listPolicies({ type: "PASSWORD", status: "INACTIVE" }, opts);
            expect(inactive.items.map((p) => p.name)).to.deep.equal(["Relaxed passwords"]);
            const page = await okta.listPolicies({ type: "PASSWORD", limit: 1 }, opts);
            expect(page.items).to.have.length(1);
            expect(page.nextCursor).to.be.a("string");
            expect((await failure(okta.listPolicies({ type: "" }, opts))).name).to.equal("ArgumentError");
        });

        it("listRealms with search and paging", async () => {
            const all = await raw("/api/v1/realms?limit=200");
            const first = await okta.listRealms({ limit: 2 }, opts);
            const everything = await okta.listRealms({ limit: 2, fetchAll: true }, opts);
            expect(ids(first.items)).to.deep.equal(ids(all.slice(0, 2)));
            expect(ids(everything.items)).to.deep.equal(ids(all));
            expect(everything.items.map((r) => r.profile.name).sort()).to.deep.equal(["Americas", "Asia", "Default Realm", "Europe"]);
            const europe = await okta.listRealms({ search: 'profile.name eq "Europe"', sortBy: "profile.name", sortOrder: "asc" }, opts);
            expect(europe.items.map((r) => r.profile.name)).to.deep.equal(["Europe"]);
            const sorted = await okta.listRealms({ search: 'profile.name co "a"', sortBy: "profile.name", sortOrder: "desc", limit: 1, fetchAll: true }, opts);
            expect(sorted.items.map((r) => r.profile.name)).to.deep.equal(["Default Realm", "Asia", "Americas"]);
        });
    });

    describe("Output forms", () => {
        it("take Inputs, resolve to the same result, and stay secret when an input was secret", async () => {
            const output = okta.getUserOutput({ id: pulumi.output(Promise.resolve(userLogins[2])) }, opts);
            const login = await new Promise((resolve) => output.apply((user) => resolve(user.profile.login)));
            expect(login).to.equal(userLogins[2]);

            const secretInput = okta.listUsersOutput({ q: pulumi.secret("Reader1") }, opts);
            expect(await pulumi.isSecret(secretInput)).to.equal(true);
            const plain = okta.listUserTypesOutput(opts);
            expect(await pulumi.isSecret(plain)).to.equal(false);
        });

        it("with `connection`, read the org it names", async () => {
            const other = await startTestOrg({ seed: { groups: [{ name: "Only elsewhere" }] } });
            try {
                const groups = await okta.listGroups({ q: "Only" }, { connection: { orgUrl: other.url, apiToken: TEST_TOKEN } });
                expect(groups.items.map((g) => g.profile.name)).to.deep.equal(["Only elsewhere"]);
            } finally {
                await other.close();
            }
        });

        it("without a client, read the stack config, then OKTA_ORG_URL and OKTA_API_TOKEN", async () => {
            const saved = { url: process.env.OKTA_ORG_URL, token: process.env.OKTA_API_TOKEN };
            process.env.OKTA_ORG_URL = org.url;
            process.env.OKTA_API_TOKEN = TEST_TOKEN;
            try {
                expect((await okta.getUser({ id: userLogins[0] })).profile.login).to.equal(userLogins[0]);
            } finally {
                restore("OKTA_ORG_URL", saved.url);
                restore("OKTA_API_TOKEN", saved.token);
            }
        });
    });
});

function restore(name: string, value: string | undefined): void {
    if (value === undefined) {
        delete process.env[name];
    } else {
        process.env[name] = value;
    }
}
