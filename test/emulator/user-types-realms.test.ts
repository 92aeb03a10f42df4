import { expect } from "chai";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { allPages, expectOktaError } from "../support/okta-assertions";

describe("emulator: user types", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    const base = "/api/v1/meta/types/user";

    it("has the default type, also addressable as `default`", async () => {
        const list = (await org.api("GET", base)).body;
        expect(list).to.have.length(1);
        expect(list[0]).to.include({ name: "user", displayName: "User", default: true });
        expect((await org.api("GET", `${base}/default`)).body).to.deep.equal(list[0]);
    });

    it("creates, reads, updates (POST partial, PUT full) and deletes a type, in the recorded shape", async () => {
        const created = await org.api("POST", base, {
            body: { description: "Terraform Acceptance Test User Type", displayName: "Terraform Acceptance Test User Type", name: "testAcc_1" },
        });
        expect(created.status).to.equal(200);
        const type = created.body;
        expect(Object.keys(type)).to.deep.equal([
            "id", "displayName", "name", "description", "createdBy", "lastUpdatedBy", "created", "lastUpdated", "default", "_links",
        ]);
        expect(type.id).to.match(/^oty\w{17}$/);
        expect(type._links.self).to.deep.equal({ rel: "self", href: `${org.url}${base}/${type.id}`, method: "GET" });
        expect(type._links.schema.href).to.equal(`${org.url}/api/v1/meta/schemas/user/osc${type.id.slice(3)}`);
        expect((await org.api("GET", `${base}/${type.id}`)).body).to.deep.equal(type);

        const patched = await org.api("POST", `${base}/${type.id}`, { body: { displayName: "Updated" } });
        expect(patched.body).to.include({ displayName: "Updated", description: "Terraform Acceptance Test User Type", name: "testAcc_1" });
        const replaced = await org.api("PUT", `${base}/${type.id}`, { body: { name: "testAcc_1", displayName: "Replaced" } });
        expect(replaced.body).to.include({ displayName: "Replaced" });
        expect(replaced.body, "PUT without a description removes it").not.to.have.property("description");
        expectOktaError(await org.api("PUT", `${base}/${type.id}`, { body: { name: "renamed", displayName: "X" } }), 400, "E0000001");
        expectOktaError(await org.api("PUT", `${base}/${type.id}`, { body: { displayName: "X" } }), 400, "E0000001");

        expect((await org.api("DELETE", `${base}/${type.id}`)).status).to.equal(204);
        const gone = await org.api("GET", `${base}/${type.id}`);
        expectOktaError(gone, 404, "E0000007");
        expect(gone.body.errorSummary).to.equal(`Not found: Resource not found: ${type.id} (UserType)`);
    });

    it("refuses to delete the default type or a type in use (E0000142)", async () => {
        expectOktaError(await org.api("DELETE", `${base}/default`), 403, "E0000142");
        const type = (await org.api("POST", base, { body: { name: "robot", displayName: "Robot" } })).body;
        const login = "r2@example.com";
        const user = (await org.api("POST", "/api/v1/users", { body: { profile: { login, email: login, firstName: "R", lastName: "Two" }, type: { id: type.id } } })).body;
        expectOktaError(await org.api("DELETE", `${base}/${type.id}`), 403, "E0000142");
        await org.api("DELETE", `/api/v1/users/${user.id}`);
        await org.api("DELETE", `/api/v1/users/${user.id}`);
        expect((await org.api("DELETE", `${base}/${type.id}`)).status).to.equal(204);
    });

    it("validates names, duplicates and the limit of nine extra types", async () => {
        expectOktaError(await org.api("POST", base, { body: { name: "9lives", displayName: "Cat" } }), 400, "E0000001");
        expectOktaError(await org.api("POST", base, { body: { name: "cat" } }), 400, "E0000001");
        expectOktaError(await org.api("POST", base, { body: { name: "cat", displayName: "Cat", colour: "black" } }), 400, "E0000003");
        expectOktaError(await org.api("POST", base, { body: { name: 7, displayName: "Cat" } }), 400, "E0000003");
        for (let i = 0; i < 9; i++) {
            expect((await org.api("POST", base, { body: { name: `t${i}`, displayName: `T${i}` } })).status).to.equal(200);
        }
        expectOktaError(await org.api("POST", base, { body: { name: "t0", displayName: "Again" } }), 400, "E0000001");
        expectOktaError(await org.api("POST", base, { body: { name: "t9", displayName: "Tenth" } }), 400, "E0000001");
    });
});

describe("emulator: realms", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    it("has a default realm that every user starts in and that cannot be deleted", async () => {
        const [realm] = (await org.api("GET", "/api/v1/realms")).body;
        expect(realm).to.include({ isDefault: true });
        expectOktaError(await org.api("DELETE", `/api/v1/realms/${realm.id}`), 400, "E0000178");
    });

    it("creates, reads, replaces and deletes a realm in the recorded shape (realmType not echoed)", async () => {
        const created = await org.api("POST", "/api/v1/realms", { body: { profile: { name: "TestAcc Example Realm", realmType: "DEFAULT" } } });
        expect(created.status).to.equal(200);
        const realm = created.body;
        expect(realm.id).to.match(/^guo\w{17}$/);
        expect(Object.keys(realm)).to.deep.equal(["id", "created", "lastUpdated", "profile", "isDefault", "_links"]);
        expect(realm.profile).to.deep.equal({ name: "TestAcc Example Realm", domains: [] });
        expect(realm._links.self).to.deep.equal({ rel: "self", href: `${org.url}/api/v1/realms/${realm.id}`, method: "GET" });
        const replaced = await org.api("PUT", `/api/v1/realms/${realm.id}`, { body: { profile: { name: "Updated", realmType: "PARTNER" } } });
        expect(replaced.body.profile).to.deep.equal({ name: "Updated", domains: [] });
        expect((await org.api("DELETE", `/api/v1/realms/${realm.id}`)).status).to.equal(204);
        expectOktaError(await org.api("GET", `/api/v1/realms/${realm.id}`), 404, "E0000007");
    });

    it("searches by profile.name, with a limit of 10 by default and results without domains (recorded)", async () => {
        await org.api("POST", "/api/v1/realms", { body: { profile: { name: "AccTest Example Realm", domains: ["acc.example"] } } });
        const res = await org.api("GET", '/api/v1/realms?search=profile.name eq "AccTest Example Realm"');
        expect(res.body).to.have.length(1);
        expect(res.body[0].profile).to.deep.equal({ name: "AccTest Example Realm" });
        expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/realms?limit=10&search=profile.name+eq+%22AccTest+Example+Realm%22>; rel="self"`);
        expect((await org.api("GET", '/api/v1/realms?search=profile.name co "example"')).body).to.have.length(1);
        expect((await org.api("GET", '/api/v1/realms?search=profile.name eq "Unknown Example Realm"')).body).to.deep.equal([]);
        expectOktaError(await org.api("GET", '/api/v1/realms?search=profile.colour eq "red"'), 400, "E0000031");
    });

    it("sorts search results by sortBy/sortOrder across pages, and ignores them without a search", async () => {
        for (const name of ["Realm C", "Realm A", "Realm B"]) {
            await org.api("POST", "/api/v1/realms", { body: { profile: { name } } });
        }
        const names = (pages: { body: { profile: { name: string } }[] }[]) => pages.flatMap((p) => p.body.map((r) => r.profile.name));
        const search = encodeURIComponent('profile.name sw "Realm"');
        expect(names(await allPages(org, `/api/v1/realms?search=${search}&sortBy=profile.name&limit=2`))).to.deep.equal(["Realm A", "Realm B", "Realm C"]);
        expect(names(await allPages(org, `/api/v1/realms?search=${search}&sortBy=profile.name&sortOrder=desc&limit=2`))).to.deep.equal(["Realm C", "Realm B", "Realm A"]);
        const unsorted = names(await allPages(org, "/api/v1/realms?sortBy=profile.name&sortOrder=desc"));
        expect(unsorted.filter((n) => n.startsWith("Realm "))).to.deep.equal(["Realm C", "Realm A", "Realm B"]);
        expectOktaError(await org.api("GET", `/api/v1/realms?search=${search}&sortBy=profile.colour`), 400, "E0000031");
        expectOktaError(await org.api("GET", `/api/v1/realms?search=${search}&sortBy=profile.name&sortOrder=up`), 400, "E0000031");
    });

    it("refuses to delete a realm that holds users, and validates profiles", async () => {
        const realm = (await org.api("POST", "/api/v1/realms", { body: { profile: { name: "Occupied" } } })).body;
        const login = "o@example.com";
        await org.api("POST", "/api/v1/users", { body: { profile: { login, email: login, firstName: "O", lastName: "P" }, realmId: realm.id } });
        expectOktaError(await org.api("DELETE", `/api/v1/realms/${realm.id}`), 400, "E0000178");
        expectOktaError(await org.api("POST", "/api/v1/realms", { body: { profile: {} } }), 400, "E0000001");
        expectOktaError(await org.api("POST", "/api/v1/realms", { body: { profile: { name: "Occupied" } } }), 400, "E0000001");
        expectOktaError(await org.api("POST", "/api/v1/realms", { body: { profile: { name: "X", realmType: "VIP" } } }), 400, "E0000001");
        expectOktaError(await org.api("POST", "/api/v1/realms", { body: { profile: { name: "X", domains: ["bad/domain"] } } }), 400, "E0000001");
        expectOktaError(await org.api("POST", "/api/v1/realms", { body: { profile: { name: "X", domains: "a.example" } } }), 400, "E0000003");
    });
});

describe("emulator: user factors", () => {
    let org: TestOrg;
    let userId: string;
    beforeEach(async () => {
        org = await startTestOrg({
            seed: {
                users: [
                    {
                        login: "mfa@example.com",
                        password: "Xylophone42",
                        factors: [{ type: "sms", phoneNumber: "+15551234567" }, { type: "token:software:totp" }, { type: "question" }],
                    },
                ],
            },
        });
        userId = (await org.api("GET", "/api/v1/users/mfa")).body.id;
    });
    afterEach(() => org.close());

    it("lists and reads a user's factors", async () => {
        const list = (await org.api("GET", `/api/v1/users/${userId}/factors`)).body;
        expect(list.map((f: any) => [f.factorType, f.provider, f.status])).to.deep.equal([
            ["sms", "OKTA", "ACTIVE"],
            ["token:software:totp", "OKTA", "ACTIVE"],
            ["question", "OKTA", "ACTIVE"],
        ]);
        expect(list[0].id).to.match(/^mbl\w{17}$/);
        expect(list[0].profile).to.deep.equal({ phoneNumber: "+15551234567" });
        const one = await org.api("GET", `/api/v1/users/${userId}/factors/${list[0].id}`);
        expect(one.body).to.deep.equal(list[0]);
        expect(one.body._links.self.href).to.equal(`${org.url}/api/v1/users/${userId}/factors/${list[0].id}`);
        expectOktaError(await org.api("GET", `/api/v1/users/${userId}/factors/mblnope`), 404, "E0000007");
    });

    it("unenrolls a factor (204, logged) but not for a deactivated user", async () => {
        const [sms, totp] = (await org.api("GET", `/api/v1/users/${userId}/factors`)).body;
        expect((await org.api("DELETE", `/api/v1/users/${userId}/factors/${sms.id}?removeRecoveryEnrollment=true`)).status).to.equal(204);
        const event = org.emulator.store.log.all().find((e) => e.eventType === "user.mfa.factor.deactivate")!;
        expect(event.debugContext.debugData).to.include({ factor: "sms", removeRecoveryEnrollment: true });
        expect((await org.api("GET", `/api/v1/users/${userId}/factors`)).body).to.have.length(2);
        await org.api("POST", `/api/v1/users/${userId}/lifecycle/deactivate`, { rawBody: "" });
        expectOktaError(await org.api("DELETE", `/api/v1/users/${userId}/factors/${totp.id}`), 403, "E0000038");
    });

    it("reset_factors unenrolls them all", async () => {
        expect((await org.api("POST", `/api/v1/users/${userId}/lifecycle/reset_factors`, { rawBody: "" })).status).to.equal(200);
        expect((await org.api("GET", `/api/v1/users/${userId}/factors`)).body).to.deep.equal([]);
    });
});
