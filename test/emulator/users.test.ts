import { expect } from "chai";
import { Collection } from "../../emulator/platform/collection";
import { newApp } from "../../emulator/areas/apps/defaults";
import type { AppUserRecord } from "../../emulator/areas/apps/model";
import { validateSeed } from "../../emulator/org/seed";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { expectOktaError } from "../support/okta-assertions";

const PASSWORD = "Xylophone42";

function profileFor(name: string, extra: Record<string, unknown> = {}) {
    const login = `${name}@example.com`;
    return { login, email: login, firstName: name[0].toUpperCase() + name.slice(1), lastName: "Tester", ...extra };
}

describe("emulator: /api/v1/users", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg({
            seed: {
                groups: [{ name: "Engineering" }, { name: "Imported", type: "APP_GROUP" }],
                userSchema: { customAttributes: { costCode: "string", skills: { type: "array", items: "string" }, level: "integer" } },
                userTypes: [{ name: "contractor", displayName: "Contractor" }],
                realms: [{ name: "Partners", realmType: "PARTNER", domains: ["partner.example"] }],
            },
        });
    });
    afterEach(() => org.close());

    const create = (body: unknown, query = "") => org.api("POST", `/api/v1/users${query}`, { body });
    const createOk = async (body: unknown, query = "") => {
        const res = await create(body, query);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body;
    };

    describe("create", () => {
        // docs/okta/users.md#create: password / recovery question / activate -> status.
        const cases: [string, Record<string, unknown> | undefined, string, string][] = [
            ["no credentials, activate=false", undefined, "?activate=false", "STAGED"],
            ["no credentials, activate by default", undefined, "", "PROVISIONED"],
            ["an empty password object (recorded)", { password: {} }, "", "PROVISIONED"],
            ["only a recovery question, activate=false", { recovery_question: { question: "Q?", answer: "Forty Two" } }, "?activate=false", "STAGED"],
            ["only a recovery question", { recovery_question: { question: "Q?", answer: "Forty Two" } }, "", "PROVISIONED"],
            ["a password, activate=false", { password: { value: PASSWORD } }, "?activate=false", "STAGED"],
            ["a password", { password: { value: PASSWORD } }, "?activate=true", "ACTIVE"],
            ["a password and nextLogin=changePassword", { password: { value: PASSWORD } }, "?nextLogin=changePassword", "PASSWORD_EXPIRED"],
        ];
        for (const [what, credentials, query, status] of cases) {
            it(`with ${what} -> ${status}`, async () => {
                const user = await createOk({ profile: profileFor("casey"), credentials }, query);
                expect(user.status).to.equal(status);
                expect(user.activated === null).to.equal(status === "STAGED");
                expect(user.passwordChanged === null).to.equal(!(credentials?.password as { value?: string } | undefined)?.value);
            });
        }

        it("answers 200 with Okta's user object: key order, nulls, credentials without secrets, links", async () => {
            const res = await create({
                profile: { ...profileFor("robin"), postalAddress: null },
                credentials: { password: { value: PASSWORD }, recovery_question: { question: "Which symbol?", answer: "Forty Two" } },
            });
            expect(res.status).to.equal(200);
            const user = res.body;
            expect(Object.keys(user)).to.deep.equal([
                "id", "status", "created", "activated", "statusChanged", "lastLogin", "lastUpdated", "passwordChanged",
                "realmId", "type", "profile", "credentials", "_links",
            ]);
            expect(user.id).to.match(/^00u[0-9A-Za-z]{17}$/);
            expect(user.created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
            expect(user.profile).to.deep.equal({
                firstName: "Robin", lastName: "Tester", mobilePhone: null, secondEmail: null, login: "robin@example.com", email: "robin@example.com",
            });
            expect(user.credentials).to.deep.equal({
                password: {}, recovery_question: { question: "Which symbol?" }, provider: { type: "OKTA", name: "OKTA" },
            });
            expect(JSON.stringify(user)).not.to.contain(PASSWORD).and.not.to.contain("Forty Two");
            expect(Object.keys(user._links).sort(), "recorded ACTIVE user with a recovery question").to.deep.equal([
                "changePassword", "changeRecoveryQuestion", "deactivate", "expirePassword", "forgotPassword", "resetFactors",
                "resetPassword", "schema", "self", "suspend", "type",
            ]);
            expect(user._links.suspend).to.deep.equal({ href: `${org.url}/api/v1/users/${user.id}/lifecycle/suspend`, method: "POST" });
            expect(user._links.type.href).to.equal(`${org.url}/api/v1/meta/types/user/${user.type.id}`);
            expect(user._links.schema.href).to.equal(`${org.url}/api/v1/meta/schemas/user/osc${user.type.id.slice(3)}`);
        });

        it("puts users in the default type and realm unless told otherwise", async () => {
            const types = (await org.api("GET", "/api/v1/meta/types/user")).body;
            const realms = (await org.api("GET", "/api/v1/realms")).body;
            const plain = await createOk({ profile: profileFor("dana") });
            expect(plain.type.id).to.equal(types.find((t: any) => t.default).id);
            expect(plain.realmId).to.equal(realms.find((r: any) => r.isDefault).id);
            const contractorType = types.find((t: any) => t.name === "contractor");
            const partners = realms.find((r: any) => r.profile.name === "Partners");
            const partner = await createOk({ profile: { ...profileFor("x"), login: "pat@partner.example", email: "pat@partner.example" }, type: { id: contractorType.id }, realmId: partners.id });
            expect(partner.type.id).to.equal(contractorType.id);
            expect(partner.realmId).to.equal(partners.id);
            expectOktaError(await create({ profile: profileFor("outsider"), realmId: partners.id }), 400, "E0000001");
            expectOktaError(await create({ profile: profileFor("ghost"), type: { id: "otynope" } }), 400, "E0000001");
            expectOktaError(await create({ profile: profileFor("ghost"), realmId: "guonope" }), 400, "E0000001");
        });

        it("imports a hashed password as provider IMPORT", async () => {
            const hash = { algorithm: "SHA-512", salt: "TXlTYWx0", saltOrder: "PREFIX", value: "QrozP8a+Kfo=", workFactor: 0 };
            const user = await createOk({ profile: profileFor("hana"), credentials: { password: { hash } } }, "?activate=false");
            expect(user.status).to.equal("STAGED");
            expect(user.credentials).to.deep.equal({ password: {}, provider: { type: "IMPORT", name: "IMPORT" } });
            const bcrypt = { algorithm: "BCRYPT", salt: "short", value: "x", workFactor: 10 };
            expectOktaError(await create({ profile: profileFor("bert"), credentials: { password: { hash: bcrypt } } }), 400, "E0000001");
        });

        it("creates federated users ACTIVE (or STAGED) with provider=true, and refuses passwords for them", async () => {
            const federated = { provider: { type: "FEDERATION", name: "FEDERATION" } };
            expect((await createOk({ profile: profileFor("fed"), credentials: federated }, "?provider=true")).status).to.equal("ACTIVE");
            expect((await createOk({ profile: profileFor("fed2"), credentials: federated }, "?provider=true&activate=false")).status).to.equal("STAGED");
            const withPassword = { ...federated, password: { value: PASSWORD } };
            expectOktaError(await create({ profile: profileFor("fed3"), credentials: withPassword }, "?provider=true"), 400, "E0000001");
        });

        it("refuses nextLogin=changePassword without a password (E0000124) or without activation (E0000125)", async () => {
            expectOktaError(await create({ profile: profileFor("nina") }, "?nextLogin=changePassword"), 400, "E0000124");
            const res = await create({ profile: profileFor("nina"), credentials: { password: { value: PASSWORD } } }, "?nextLogin=changePassword&activate=false");
            expectOktaError(res, 400, "E0000125");
        });

        it("adds the user to groupIds (logging each membership), to Everyone always, and refuses too many groups", async () => {
            const groups = (await org.api("GET", "/api/v1/groups")).body;
            const engineering = groups.find((g: any) => g.profile.name === "Engineering");
            const user = await createOk({ profile: profileFor("gabe"), groupIds: [engineering.id] });
            const names = (await org.api("GET", `/api/v1/users/${user.id}/groups`)).body.map((g: any) => g.profile.name);
            expect(names).to.have.members(["Everyone", "Engineering"]);
            const added = org.emulator.store.log.all().filter((e) => e.eventType === "group.user_membership.add");
            expect(added.map((e) => [e.target[0].id, e.target[1].id])).to.deep.equal([[user.id, engineering.id]]);
            const tooMany = await create({ profile: profileFor("gia"), groupIds: Array.from({ length: 101 }, (_, i) => `00g${i}`) });
            expectOktaError(tooMany, 400, "E0000093");
            expect(tooMany.body.errorCauses).to.deep.equal([{ errorSummary: "The number of group targets is too large" }]);
            expectOktaError(await create({ profile: profileFor("gil"), groupIds: ["00gnope"] }), 400, "E0000001");
            const imported = groups.find((g: any) => g.type === "APP_GROUP");
            expectOktaError(await create({ profile: profileFor("gus"), groupIds: [imported.id] }), 400, "E0000001");
        });

        it("refuses a duplicate login, whatever its case, with Okta's cause", async () => {
            await createOk({ profile: profileFor("lee") });
            const dup = await create({ profile: { ...profileFor("lee"), login: "LEE@example.com" } });
            expectOktaError(dup, 400, "E0000001");
            expect(dup.body.errorSummary).to.equal("Api validation failed: login");
            expect(dup.body.errorCauses).to.deep.equal([{ errorSummary: "login: An object with this field already exists in the current organization" }]);
        });

        it("refuses profile attributes the schema does not define (recorded: TestAccResourceOktaUser_invalidCustomProfileAttribute)", async () => {
            const res = await create({ credentials: { password: {} }, profile: { ...profileFor("ivy"), notValid: "this-isnt-valid", postalAddress: null } });
            expectOktaError(res, 400, "E0000001");
            expect(res.body.errorSummary).to.equal("Api validation failed: newUser");
            expect(res.body.errorCauses).to.deep.equal([{ errorSummary: "Property name 'notValid' is not defined in profile" }]);
        });

        it("accepts seeded custom attributes and checks their types", async () => {
            const user = await createOk({ profile: profileFor("cleo", { costCode: "CC-1", skills: ["go", "ts"], level: 3 }) });
            expect(user.profile).to.include({ costCode: "CC-1", level: 3 });
            expect(user.profile.skills).to.deep.equal(["go", "ts"]);
            expectOktaError(await create({ profile: profileFor("cleo2", { level: "three" }) }), 400, "E0000001");
            expectOktaError(await create({ profile: profileFor("cleo3", { skills: "go" }) }), 400, "E0000001");
        });

        it("requires login, email, first and last name, an email-like login, and a password that meets the policy", async () => {
            for (const missing of ["login", "email", "firstName", "lastName"]) {
                const profile: Record<string, unknown> = profileFor("mo");
                delete profile[missing];
                const res = await create({ profile });
                expectOktaError(res, 400, "E0000001");
                expect(res.body.errorCauses.map((c: any) => c.errorSummary)).to.include(`${missing}: The field cannot be left blank`);
            }
            expectOktaError(await create({ profile: { ...profileFor("mo"), login: "not-an-email" } }), 400, "E0000001");
            expectOktaError(await create({ profile: { ...profileFor("mo"), firstName: "x".repeat(51) } }), 400, "E0000001");
            const weak = await create({ profile: profileFor("mo"), credentials: { password: { value: "short" } } });
            expectOktaError(weak, 400, "E0000001");
            expect(weak.body.errorCauses[0].errorSummary).to.match(/^password: Password requirements were not met/);
            expect(JSON.stringify(weak.body)).not.to.contain('"short"');
        });
    });

    describe("read", () => {
        it("finds a user by id, by login in any case, and by an unambiguous shortname, with a weak ETag", async () => {
            const user = await createOk({ profile: profileFor("quinn") });
            for (const key of [user.id, "quinn@example.com", "QUINN@EXAMPLE.COM", "quinn"]) {
                const res = await org.api("GET", `/api/v1/users/${encodeURIComponent(key)}`);
                expect(res.status, key).to.equal(200);
                expect(res.body).to.deep.equal(user);
                expect(res.headers.get("etag")).to.match(/^W\/"[0-9a-f]{64}"$/);
            }
            await createOk({ profile: { ...profileFor("x"), login: "quinn@other.example", email: "q@other.example" } });
            const ambiguous = await org.api("GET", "/api/v1/users/quinn");
            expectOktaError(ambiguous, 404, "E0000007");
            expect(ambiguous.body.errorSummary).to.equal("Not found: Resource not found: quinn (User)");
        });

        it("trims credentials when asked with okta-response", async () => {
            const user = await createOk({ profile: profileFor("tess"), credentials: { password: { value: PASSWORD } } });
            const res = await org.api("GET", `/api/v1/users/${user.id}`, {
                headers: { "Content-Type": 'application/json; okta-response="omitCredentials,omitCredentialsLinks"' },
            });
            expect(res.body).not.to.have.property("credentials");
            expect(res.body._links).not.to.have.any.keys("changePassword", "forgotPassword", "changeRecoveryQuestion");
        });
    });

    describe("update", () => {
        it("merges a partial update (POST); null removes an attribute; a login change moves the login", async () => {
            const user = await createOk({ profile: profileFor("uma", { title: "Dev", city: "Oslo" }) });
            const res = await org.api("POST", `/api/v1/users/${user.id}`, {
                body: { profile: { title: "Lead", city: null, login: "uma.new@example.com" } },
            });
            expect(res.status).to.equal(200);
            expect(res.body.profile).to.include({ title: "Lead", login: "uma.new@example.com", email: "uma@example.com" });
            expect(res.body.profile).not.to.have.property("city");
            expectOktaError(await org.api("GET", "/api/v1/users/uma@example.com"), 404, "E0000007");
            expect((await org.api("GET", "/api/v1/users/uma.new@example.com")).body.id).to.equal(user.id);
            expect(org.emulator.store.log.all().map((e) => e.eventType)).to.include("user.account.update_profile");
        });

        it("replaces the whole profile with PUT, and keeps it when PUT carries only credentials (recorded)", async () => {
            const user = await createOk({ profile: profileFor("vic", { title: "Dev" }), credentials: { password: { value: PASSWORD } } });
            const replaced = await org.api("PUT", `/api/v1/users/${user.id}`, { body: { profile: profileFor("vic") } });
            expect(replaced.body.profile).not.to.have.property("title");
            const passwordOnly = await org.api("PUT", `/api/v1/users/${user.id}`, { body: { credentials: { password: { value: "Harmonica77" } } } });
            expect(passwordOnly.status).to.equal(200);
            expect(passwordOnly.body.profile).to.deep.equal(replaced.body.profile);
            expect(passwordOnly.body.lastUpdated).to.equal(replaced.body.lastUpdated);
            const changed = await org.api("POST", `/api/v1/users/${user.id}/credentials/change_password`, {
                body: { oldPassword: { value: "Harmonica77" }, newPassword: { value: "Trombone88" } },
            });
            expect(changed.status).to.equal(200);
        });

        it("changes the user type only with PUT", async () => {
            const contractor = (await org.api("GET", "/api/v1/meta/types/user")).body.find((t: any) => t.name === "contractor");
            const user = await createOk({ profile: profileFor("wes") });
            expectOktaError(await org.api("POST", `/api/v1/users/${user.id}`, { body: { type: { id: contractor.id } } }), 400, "E0000001");
            const res = await org.api("PUT", `/api/v1/users/${user.id}`, { body: { profile: profileFor("wes"), type: { id: contractor.id } } });
            expect(res.body.type.id).to.equal(contractor.id);
        });

        it("answers 404 for profile updates of a deactivated user (okta-sdk-java#721)", async () => {
            const user = await createOk({ profile: profileFor("xena") });
            await org.api("POST", `/api/v1/users/${user.id}/lifecycle/deactivate`, { rawBody: "" });
            expectOktaError(await org.api("POST", `/api/v1/users/${user.id}`, { body: { profile: { title: "x" } } }), 404, "E0000007");
        });

        it("allows password hashes only on STAGED users", async () => {
            const user = await createOk({ profile: profileFor("yuri") });
            const hash = { algorithm: "SHA-256", value: "abc=" };
            expectOktaError(await org.api("PUT", `/api/v1/users/${user.id}`, { body: { credentials: { password: { hash } } } }), 400, "E0000001");
        });
    });

    describe("credentials", () => {
        it("changes the password with the old one and answers with the credentials", async () => {
            const user = await createOk({
                profile: profileFor("zoe"),
                credentials: { password: { value: PASSWORD }, recovery_question: { question: "Q?", answer: "A1" } },
            });
            const path = `/api/v1/users/${user.id}/credentials/change_password`;
            const wrong = await org.api("POST", path, { body: { oldPassword: { value: "Nope12345" }, newPassword: { value: "Harmonica77" } } });
            expectOktaError(wrong, 403, "E0000014");
            expect(wrong.body.errorCauses).to.deep.equal([{ errorSummary: "oldPassword: The credentials provided were incorrect." }]);
            expectOktaError(await org.api("POST", path, { body: { oldPassword: { value: PASSWORD }, newPassword: { value: "weak" } } }), 403, "E0000014");
            const ok = await org.api("POST", path, { body: { oldPassword: { value: PASSWORD }, newPassword: { value: "Harmonica77" } } });
            expect(ok.status).to.equal(200);
            expect(ok.body).to.deep.equal({ password: {}, recovery_question: { question: "Q?" }, provider: { type: "OKTA", name: "OKTA" } });
        });

        it("changes the recovery question with the password (recorded: TestAccResourceOktaUser_updateCredentials)", async () => {
            const user = await createOk({ profile: profileFor("abe"), credentials: { password: { value: PASSWORD } } });
            const path = `/api/v1/users/${user.id}/credentials/change_recovery_question`;
            const question = { question: "0011 & 1010", answer: "0010" };
            expectOktaError(await org.api("POST", path, { body: { password: { value: "Wrong1234" }, recovery_question: question } }), 403, "E0000014");
            const res = await org.api("POST", path, { body: { password: { value: PASSWORD }, recovery_question: question } });
            expect(res.body.recovery_question).to.deep.equal({ question: "0011 & 1010" });
            expect((await org.api("GET", `/api/v1/users/${user.id}`)).body.credentials.recovery_question.question).to.equal("0011 & 1010");
        });

        it("starts forgot-password recovery only for ACTIVE users with a recovery question (E0000034)", async () => {
            const withQuestion = await createOk({
                profile: profileFor("fern"),
                credentials: { password: { value: PASSWORD }, recovery_question: { question: "Q?", answer: "An answer" } },
            });
            expect(withQuestion._links).to.have.property("forgotPassword");
            const res = await org.api("POST", `/api/v1/users/${withQuestion.id}/credentials/forgot_password?sendEmail=false`, { rawBody: "" });
            expect(res.body.resetPasswordUrl).to.match(/\/signin\/reset-password\/[\w-]+$/);
            expect((await org.api("GET", `/api/v1/users/${withQuestion.id}`)).body.status, "the status does not change").to.equal("ACTIVE");
            const without = await createOk({ profile: profileFor("finn"), credentials: { password: { value: PASSWORD } } });
            expect(without._links).not.to.have.property("forgotPassword");
            expectOktaError(await org.api("POST", `/api/v1/users/${without.id}/credentials/forgot_password`, { rawBody: "" }), 403, "E0000034");
        });

        it("refuses credential changes to users who have not signed up (E0000035, E0000036)", async () => {
            const user = await createOk({ profile: profileFor("bea") });
            const body = { oldPassword: { value: PASSWORD }, newPassword: { value: "Harmonica77" } };
            expectOktaError(await org.api("POST", `/api/v1/users/${user.id}/credentials/change_password`, { body }), 403, "E0000035");
            const question = { password: { value: PASSWORD }, recovery_question: { question: "Q", answer: "A" } };
            expectOktaError(await org.api("POST", `/api/v1/users/${user.id}/credentials/change_recovery_question`, { body: question }), 403, "E0000036");
        });
    });

    describe("delete and related resources", () => {
        it("removes memberships and app assignments with the user; a third DELETE is a 404", async () => {
            const engineering = (await org.api("GET", "/api/v1/groups?q=Engineering")).body[0];
            const user = await createOk({ profile: profileFor("cal"), groupIds: [engineering.id] });
            const store = org.emulator.store;
            const assignments = new Collection<AppUserRecord>();
            store.appUsers.set("0oaapp", assignments);
            assignments.insert(appUser(user.id));
            expect((await org.api("DELETE", `/api/v1/users/${user.id}`)).status).to.equal(204);
            expect(store.memberships.has(engineering.id, user.id), "deactivation keeps memberships").to.equal(true);
            expect((await org.api("DELETE", `/api/v1/users/${user.id}`)).status).to.equal(204);
            expect(store.memberships.has(engineering.id, user.id)).to.equal(false);
            expect(store.memberships.has(store.everyone.id, user.id)).to.equal(false);
            expect(assignments.get(user.id)).to.equal(undefined);
            expectOktaError(await org.api("DELETE", `/api/v1/users/${user.id}`), 404, "E0000007");
            expect((await createOk({ profile: profileFor("cal") })).profile.login, "the login is free again").to.equal("cal@example.com");
        });

        it("lists app links of active apps the user is assigned to", async () => {
            const user = await createOk({ profile: profileFor("dee") });
            const store = org.emulator.store;
            for (const [id, status] of [["0oaactive0000000000x", "ACTIVE"], ["0oainactive00000000x", "INACTIVE"]] as const) {
                store.apps.insert(newApp({ id, name: "bookmark", label: `App ${status}`, status, signOnMode: "BOOKMARK" }));
                const assignments = new Collection<AppUserRecord>();
                assignments.insert(appUser(user.id));
                store.appUsers.set(id, assignments);
            }
            const res = await org.api("GET", `/api/v1/users/${user.id}/appLinks`);
            expect(res.status).to.equal(200);
            expect(res.body).to.have.length(1);
            expect(res.body[0]).to.include({ id: user.id, label: "App ACTIVE", appName: "bookmark", appInstanceId: "0oaactive0000000000x", hidden: false });
            expect(res.body[0]).to.have.all.keys("id", "label", "linkUrl", "logoUrl", "appName", "appInstanceId", "appAssignmentId", "credentialsSetup", "hidden", "sortOrder");
        });

        it("clears sessions with 204 and logs it; unknown users get 404", async () => {
            const user = await createOk({ profile: profileFor("eli") });
            expect((await org.api("DELETE", `/api/v1/users/${user.id}/sessions?oauthTokens=true&forgetDevices=false`)).status).to.equal(204);
            const event = org.emulator.store.log.all().find((e) => e.eventType === "user.session.clear")!;
            expect(event.target[0].id).to.equal(user.id);
            expect(event.debugContext.debugData).to.include({ revokeOauthTokens: true, forgetDevices: false });
            expectOktaError(await org.api("DELETE", "/api/v1/users/00unope/sessions"), 404, "E0000007");
        });

        it("pages a user's groups with a self link", async () => {
            const user = await createOk({ profile: profileFor("fay") });
            const res = await org.api("GET", `/api/v1/users/${user.id}/groups`);
            expect(res.headers.get("link")).to.equal(`<${org.url}/api/v1/users/${user.id}/groups?limit=200>; rel="self"`);
            expect(res.body[0]).to.include({ type: "BUILT_IN" });
        });
    });

    describe("bad input gets Okta-shaped 4xx, never a crash", () => {
        const cases: [string, { rawBody?: string; body?: unknown }, number, string][] = [
            ["malformed JSON", { rawBody: '{"profile": ' }, 400, "E0000003"],
            ["a JSON array", { rawBody: "[]" }, 400, "E0000003"],
            ["a profile that is a string", { body: { profile: "alice" } }, 400, "E0000003"],
            ["a numeric password", { body: { profile: profileFor("n"), credentials: { password: { value: 12345678 } } } }, 400, "E0000003"],
            ["groupIds that are not a list", { body: { profile: profileFor("n"), groupIds: "00g1" } }, 400, "E0000003"],
            ["an unknown top-level field", { body: { profile: profileFor("n"), nickname: "x" } }, 400, "E0000003"],
            ["an unknown credentials field", { body: { profile: profileFor("n"), credentials: { pin: "1234" } } }, 400, "E0000003"],
            ["no profile", { body: {} }, 400, "E0000001"],
            ["a numeric login", { body: { profile: { ...profileFor("n"), login: 42 } } }, 400, "E0000001"],
            ["an oversize body", { rawBody: JSON.stringify({ profile: { login: "x".repeat(2 * 1024 * 1024) } }) }, 413, "E0000003"],
        ];
        for (const [what, request, status, code] of cases) {
            it(`${what} -> ${status} ${code}`, async () => {
                expectOktaError(await org.api("POST", "/api/v1/users", request), status, code);
            });
        }
        it("a body with the wrong content type -> 415", async () => {
            const res = await org.api("POST", "/api/v1/users", { rawBody: "{}", headers: { "Content-Type": "text/plain" } });
            expectOktaError(res, 415, "E0000003");
        });
    });
});

describe("emulator: users area never answers 5xx to odd input", () => {
    const bodies: unknown[] = [
        null, [], "text", 42, true, {}, { profile: [] }, { profile: null }, { profile: { login: {} } }, { profile: { login: ["a"] } },
        { credentials: null }, { credentials: [] }, { credentials: { password: null } }, { credentials: { password: { value: null } } },
        { credentials: { password: { hash: "x" } } }, { credentials: { recovery_question: { question: 1 } } }, { credentials: { provider: 7 } },
        { type: "oty" }, { type: { id: 1 } }, { realmId: {} }, { groupIds: [1, 2] }, { oldPassword: 1 }, { newPassword: { value: [] } },
        { password: "x", recovery_question: null }, { name: {}, displayName: [] }, { profile: { name: 1, domains: {} } },
        { profile: { firstName: "a".repeat(10_000), login: "\u0000@x.y", email: "e@x.y", lastName: "l" } },
    ];
    const targets = (userId: string, typeId: string, realmId: string): [string, string][] => [
        ["POST", "/api/v1/users"],
        ["POST", `/api/v1/users/${userId}`],
        ["PUT", `/api/v1/users/${userId}`],
        ["POST", `/api/v1/users/${userId}/credentials/change_password`],
        ["POST", `/api/v1/users/${userId}/credentials/change_recovery_question`],
        ["POST", "/api/v1/meta/types/user"],
        ["POST", `/api/v1/meta/types/user/${typeId}`],
        ["PUT", `/api/v1/meta/types/user/${typeId}`],
        ["POST", "/api/v1/realms"],
        ["PUT", `/api/v1/realms/${realmId}`],
    ];

    it("answers every odd body to every write endpoint with a 2xx or an Okta-shaped 4xx", async () => {
        const org = await startTestOrg({ seed: { users: [{ login: "odd@example.com", password: PASSWORD }], userTypes: [{ name: "odd" }], realms: [{ name: "Odd" }] } });
        try {
            const userId = (await org.api("GET", "/api/v1/users/odd")).body.id;
            const typeId = (await org.api("GET", "/api/v1/meta/types/user")).body[1].id;
            const realmId = (await org.api("GET", "/api/v1/realms")).body[1].id;
            for (const [method, path] of targets(userId, typeId, realmId)) {
                for (const body of bodies) {
                    const res = await org.api(method, path, { rawBody: JSON.stringify(body) });
                    expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).to.be.below(500);
                    if (res.status >= 400) {
                        expect(res.body.errorCode, `${method} ${path} ${JSON.stringify(body)}`).to.match(/^E0000\d{3}$/);
                    }
                }
            }
            for (const query of ["?search=%", "?filter=%22", "?search=profile.x%20eq%20%22", "?sortBy=&search=id%20pr", "?after=&limit=", "?q="]) {
                expect((await org.api("GET", `/api/v1/users${query}`)).status, query).to.be.below(500);
            }
        } finally {
            await org.close();
        }
    });
});

describe("emulator: user seeds", () => {
    it("seeds users with status, password, groups, type, realm and factors", async () => {
        const org = await startTestOrg({
            seed: {
                groups: [{ name: "Ops" }],
                userTypes: [{ name: "robot" }],
                realms: [{ name: "Lab" }],
                users: [
                    {
                        login: "ada@example.com",
                        firstName: "Ada",
                        lastName: "Lovelace",
                        status: "LOCKED_OUT",
                        password: PASSWORD,
                        groups: ["Ops"],
                        type: "robot",
                        realm: "Lab",
                        factors: [{ type: "sms", phoneNumber: "+15551234567" }, { type: "email" }],
                    },
                ],
            },
        });
        try {
            const user = (await org.api("GET", "/api/v1/users/ada")).body;
            expect(user).to.include({ status: "LOCKED_OUT" });
            expect(user.credentials.password).to.deep.equal({});
            const groups = (await org.api("GET", `/api/v1/users/${user.id}/groups`)).body.map((g: any) => g.profile.name);
            expect(groups).to.have.members(["Everyone", "Ops"]);
            const factors = (await org.api("GET", `/api/v1/users/${user.id}/factors`)).body;
            expect(factors.map((f: any) => f.factorType)).to.deep.equal(["sms", "email"]);
            expect(factors[1].profile).to.deep.equal({ email: "ada@example.com" });
        } finally {
            await org.close();
        }
    });

    it("names the first wrong entry precisely", () => {
        const wrong: [unknown, string][] = [
            [{ users: [{ login: "a@b.example", status: "ASLEEP" }] }, "seed: users[0].status: must be one of"],
            [{ users: [{ login: "nope" }] }, "seed: users[0].login: must be an email-like login"],
            [{ users: [{ login: "a@b.example", factors: [{ type: "sms", phoneNumber: "555" }] }] }, "seed: users[0].factors[0].phoneNumber"],
            [{ users: [{ login: "a@b.example", factors: [{ type: "carrier-pigeon" }] }] }, "seed: users[0].factors[0].type"],
            [{ userTypes: [{ name: "1bad" }] }, "seed: userTypes[0].name"],
            [{ realms: [{ name: "R", realmType: "VIP" }] }, "seed: realms[0].realmType"],
            [{ userSchema: { customAttributes: { shoeSize: "float" } } }, "seed: userSchema.customAttributes.shoeSize.type"],
        ];
        for (const [document, message] of wrong) {
            expect(() => validateSeed(document), JSON.stringify(document)).to.throw(message);
        }
    });

    it("refuses references to groups, types and realms that do not exist, and weak passwords", async () => {
        const bad: [Record<string, unknown>, string][] = [
            [{ groups: ["Nowhere"] }, "users[0].groups[0]"],
            [{ type: "nobody" }, "users[0].type"],
            [{ realm: "Atlantis" }, "users[0].realm"],
            [{ password: "weak" }, "users[0].password"],
            [{ profile: { shoeSize: 44 } }, "users[0].profile: Property name 'shoeSize' is not defined in profile"],
        ];
        for (const [extra, message] of bad) {
            let error: Error | undefined;
            try {
                await startTestOrg({ seed: { users: [{ login: "a@b.example", ...extra }] } as never });
            } catch (err) {
                error = err as Error;
            }
            expect(error?.message, JSON.stringify(extra)).to.contain(message);
        }
    });
});

function appUser(userId: string): AppUserRecord {
    const now = "2026-01-01T00:00:00.000Z";
    return {
        id: userId, appId: "0oaapp", assignmentId: "0uaassignment0000001", scope: "USER", status: "PROVISIONED", syncState: "DISABLED",
        created: now, lastUpdated: now, statusChanged: now, passwordChanged: null, externalId: null, credentials: {}, profile: {},
    };
}
