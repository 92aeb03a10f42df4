import { expect } from "chai";
import { startTestOrg, type RawResponse, type TestOrg } from "../support/emulator";
import { describeErrors, ManagementSpec } from "../support/openapi";

/**
 * Every operation of the users area answers with bodies that validate against the response schema Okta publishes for
 * it (../shared/okta/openapi/management.yaml). Operations without a JSON body are checked for their status.
 */

/** Factor lists are a `oneOf` keyed by `factorType` (a discriminator ajv cannot use here): the branch per type. */
const FACTOR_SCHEMAS: Record<string, string> = {
    sms: "UserFactorSMS",
    call: "UserFactorCall",
    email: "UserFactorEmail",
    push: "UserFactorPush",
    question: "UserFactorSecurityQuestion",
    "token:software:totp": "UserFactorTokenSoftwareTOTP",
};

describe("emulator: users area conforms to Okta's OpenAPI response schemas", () => {
    let spec: ManagementSpec;
    let org: TestOrg;
    const covered = new Set<string>();

    before(async function () {
        this.timeout(60_000);
        spec = ManagementSpec.load();
        org = await startTestOrg({
            seed: {
                groups: [{ name: "Engineering" }],
                users: [
                    { login: "locked@example.com", status: "LOCKED_OUT", password: "Xylophone42" },
                    {
                        login: "mfa@example.com",
                        password: "Xylophone42",
                        factors: [{ type: "sms", phoneNumber: "+15551234567" }, { type: "email" }, { type: "question" }, { type: "token:software:totp" }, { type: "push" }, { type: "call", phoneNumber: "+15557654321" }],
                    },
                ],
            },
        });
    });
    after(async () => {
        await org?.close();
        console.log(`      users area: ${covered.size} operations checked against the spec`);
    });

    /** Calls the emulator and validates the body against the spec's schema for that operation and status. */
    async function call(method: string, specPath: string, path: string, expectedStatus: number, body?: unknown): Promise<RawResponse> {
        const res = await org.api(method, path, body === undefined && (method === "POST" || method === "PUT") ? { rawBody: "" } : { body });
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).to.equal(expectedStatus);
        if (res.body !== undefined && !(typeof res.body === "object" && Object.keys(res.body).length === 0 && !Array.isArray(res.body))) {
            const validate = spec.responseValidator(method, specPath, expectedStatus);
            expect(validate(res.body), `${method} ${specPath} ${expectedStatus}: ${describeErrors(validate)}`).to.equal(true);
        }
        covered.add(`${method} ${specPath}`);
        return res;
    }

    const login = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Spec" });

    it("users: create, read, list, search, update, replace, groups, app links, sessions, delete", async () => {
        const user = (await call("POST", "/api/v1/users", "/api/v1/users", 200, { profile: login("ann"), credentials: { password: { value: "Xylophone42" } } })).body;
        await call("GET", "/api/v1/users/{id}", `/api/v1/users/${user.id}`, 200);
        await call("GET", "/api/v1/users", "/api/v1/users", 200);
        await call("GET", "/api/v1/users", '/api/v1/users?search=profile.lastName eq "Spec"&sortBy=id', 200);
        await call("POST", "/api/v1/users/{id}", `/api/v1/users/${user.id}`, 200, { profile: { title: "Dev" } });
        await call("PUT", "/api/v1/users/{id}", `/api/v1/users/${user.id}`, 200, { profile: login("ann") });
        await call("GET", "/api/v1/users/{id}/groups", `/api/v1/users/${user.id}/groups`, 200);
        await call("GET", "/api/v1/users/{id}/appLinks", `/api/v1/users/${user.id}/appLinks`, 200);
        await call("DELETE", "/api/v1/users/{userId}/sessions", `/api/v1/users/${user.id}/sessions`, 204);
        await call("DELETE", "/api/v1/users/{id}", `/api/v1/users/${user.id}`, 204);
        await call("DELETE", "/api/v1/users/{id}", `/api/v1/users/${user.id}`, 204);
    });

    it("lifecycle and credential operations", async () => {
        const staged = (await call("POST", "/api/v1/users", "/api/v1/users?activate=false", 200, { profile: login("bo") })).body;
        const base = `/api/v1/users/${staged.id}`;
        await call("POST", "/api/v1/users/{id}/lifecycle/activate", `${base}/lifecycle/activate?sendEmail=false`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/reactivate", `${base}/lifecycle/reactivate?sendEmail=false`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/reset_password", `${base}/lifecycle/reset_password?sendEmail=false`, 200);
        await call("POST", "/api/v1/users/{id}", base, 200, { credentials: { password: { value: "Xylophone42" } } });
        await call("POST", "/api/v1/users/{id}/lifecycle/suspend", `${base}/lifecycle/suspend`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/unsuspend", `${base}/lifecycle/unsuspend`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/expire_password", `${base}/lifecycle/expire_password`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/expire_password_with_temp_password", `${base}/lifecycle/expire_password_with_temp_password`, 200);
        await call("POST", "/api/v1/users/{id}", base, 200, { credentials: { password: { value: "Xylophone42" } } });
        await call("POST", "/api/v1/users/{userId}/credentials/change_password", `${base}/credentials/change_password`, 200, {
            oldPassword: { value: "Xylophone42" },
            newPassword: { value: "Harmonica77" },
        });
        await call("POST", "/api/v1/users/{userId}/credentials/change_recovery_question", `${base}/credentials/change_recovery_question`, 200, {
            password: { value: "Harmonica77" },
            recovery_question: { question: "Q?", answer: "An answer" },
        });
        await call("POST", "/api/v1/users/{userId}/credentials/forgot_password", `${base}/credentials/forgot_password?sendEmail=false`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/reset_factors", `${base}/lifecycle/reset_factors`, 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/unlock", "/api/v1/users/locked@example.com/lifecycle/unlock", 200);
        await call("POST", "/api/v1/users/{id}/lifecycle/deactivate", `${base}/lifecycle/deactivate`, 200);
    });

    it("factors: list, read, unenroll", async () => {
        const res = await org.api("GET", "/api/v1/users/mfa@example.com/factors");
        covered.add("GET /api/v1/users/{userId}/factors");
        expect(res.body).to.have.length(Object.keys(FACTOR_SCHEMAS).length);
        for (const factor of res.body) {
            const validate = spec.schemaValidator(FACTOR_SCHEMAS[factor.factorType]);
            expect(validate(factor), `${factor.factorType}: ${describeErrors(validate)}`).to.equal(true);
        }
        const userId = res.body[0]._links.user.href.split("/").pop();
        const one = await org.api("GET", `/api/v1/users/${userId}/factors/${res.body[0].id}`);
        expect(spec.schemaValidator("UserFactorSMS")(one.body)).to.equal(true);
        covered.add("GET /api/v1/users/{userId}/factors/{factorId}");
        await call("DELETE", "/api/v1/users/{userId}/factors/{factorId}", `/api/v1/users/${userId}/factors/${res.body[0].id}`, 204);
    });

    it("user types", async () => {
        const base = "/api/v1/meta/types/user";
        const type = (await call("POST", base, base, 200, { name: "spec_type", displayName: "Spec", description: "d" })).body;
        await call("GET", base, base, 200);
        await call("GET", `${base}/{typeId}`, `${base}/${type.id}`, 200);
        await call("POST", `${base}/{typeId}`, `${base}/${type.id}`, 200, { displayName: "Spec 2" });
        await call("PUT", `${base}/{typeId}`, `${base}/${type.id}`, 200, { name: "spec_type", displayName: "Spec 3" });
        await call("DELETE", `${base}/{typeId}`, `${base}/${type.id}`, 204);
    });

    it("realms", async () => {
        const realm = (await call("POST", "/api/v1/realms", "/api/v1/realms", 200, { profile: { name: "Spec Realm", realmType: "PARTNER" } })).body;
        await call("GET", "/api/v1/realms", "/api/v1/realms", 200);
        await call("GET", "/api/v1/realms", '/api/v1/realms?search=profile.name eq "Spec Realm"', 200);
        await call("GET", "/api/v1/realms/{realmId}", `/api/v1/realms/${realm.id}`, 200);
        await call("PUT", "/api/v1/realms/{realmId}", `/api/v1/realms/${realm.id}`, 200, { profile: { name: "Spec Realm 2" } });
        await call("DELETE", "/api/v1/realms/{realmId}", `/api/v1/realms/${realm.id}`, 204);
    });

    it("errors use the Error schema", async () => {
        await call("POST", "/api/v1/users", "/api/v1/users", 400, { profile: { login: "x" } });
        await call("GET", "/api/v1/users/{id}", "/api/v1/users/00unope", 404);
        await call("POST", "/api/v1/users/{id}/lifecycle/suspend", "/api/v1/users/00unope/lifecycle/suspend", 404);
        await call("DELETE", "/api/v1/meta/types/user/{typeId}", "/api/v1/meta/types/user/default", 403);
        await call("DELETE", "/api/v1/realms/{realmId}", `/api/v1/realms/${org.emulator.store.realms.defaultRealm.id}`, 400);
    });
});
