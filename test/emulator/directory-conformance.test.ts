import { expect } from "chai";
import { addTestUser } from "../support/directory";
import { startTestOrg, type RawResponse, type TestOrg } from "../support/emulator";
import { describeErrors, ManagementSpec } from "../support/openapi";

/**
 * Groups, members and policies answer with bodies that validate against the response schemas Okta publishes
 * (../shared/okta/openapi/management.yaml). Policy lists are a `oneOf` keyed by `type`, checked against the branch of
 * each type. (Apps and app users carry nulls the spec does not allow but real Okta sends, e.g. `externalId: null`, and
 * app sign-in policies an `_embedded.resourceType` string where the spec says objects; the conformance suite's
 * recorded-evidence exceptions cover those, so they are left to it.)
 */

const POLICY_SCHEMAS: Record<string, string> = {
    PASSWORD: "PasswordPolicy",
    OKTA_SIGN_ON: "OktaSignOnPolicy",
    MFA_ENROLL: "AuthenticatorEnrollmentPolicy",
    IDP_DISCOVERY: "IdpDiscoveryPolicy",
    PROFILE_ENROLLMENT: "ProfileEnrollmentPolicy",
};

describe("emulator: groups, members and policies conform to Okta's OpenAPI response schemas", () => {
    let spec: ManagementSpec;
    let org: TestOrg;
    const covered = new Set<string>();

    before(async function () {
        this.timeout(60_000);
        spec = ManagementSpec.load();
        org = await startTestOrg();
    });
    after(async () => {
        await org?.close();
        console.log(`      directory: ${covered.size} operations checked against the spec`);
    });

    async function call(method: string, specPath: string, path: string, status: number, body?: unknown): Promise<RawResponse> {
        const res = await org.api(method, path, body === undefined && (method === "POST" || method === "PUT") ? { rawBody: "" } : { body });
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).to.equal(status);
        if (res.body !== undefined) {
            const validate = spec.responseValidator(method, specPath, status);
            expect(validate(res.body), `${method} ${specPath} ${status}: ${describeErrors(validate)}`).to.equal(true);
        }
        covered.add(`${method} ${specPath}`);
        return res;
    }

    it("groups: create, get, list (plain, filter, search, q, expand), replace, delete", async () => {
        const group = (await call("POST", "/api/v1/groups", "/api/v1/groups", 200, { profile: { name: "Spec", description: "d" } })).body;
        await call("GET", "/api/v1/groups/{groupId}", `/api/v1/groups/${group.id}?expand=stats`, 200);
        for (const query of ["", "?filter=type+eq+%22BUILT_IN%22", "?search=profile.name+sw+%22s%22&sortBy=profile.name", "?q=Ev", "?expand=stats,app&limit=1"]) {
            await call("GET", "/api/v1/groups", `/api/v1/groups${query}`, 200);
        }
        await call("PUT", "/api/v1/groups/{groupId}", `/api/v1/groups/${group.id}`, 200, { profile: { name: "Spec 2" } });
        await call("GET", "/api/v1/groups/{groupId}", "/api/v1/groups/00gnotagroup00000000", 404);
        await call("DELETE", "/api/v1/groups/{groupId}", `/api/v1/groups/${group.id}`, 204);
    });

    it("members: add, list, remove", async () => {
        const group = (await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Members" } } })).body;
        const user = addTestUser(org, "member@example.com");
        await call("PUT", "/api/v1/groups/{groupId}/users/{userId}", `/api/v1/groups/${group.id}/users/${user.id}`, 204);
        const listed = await call("GET", "/api/v1/groups/{groupId}/users", `/api/v1/groups/${group.id}/users?limit=200`, 200);
        expect(listed.body).to.have.length(1);
        await call("DELETE", "/api/v1/groups/{groupId}/users/{userId}", `/api/v1/groups/${group.id}/users/${user.id}`, 204);
    });

    it("policies: each default type's list and get validate against that type's schema", async () => {
        for (const [type, schema] of Object.entries(POLICY_SCHEMAS)) {
            const res = await org.api("GET", `/api/v1/policies?type=${type}`);
            expect(res.status).to.equal(200);
            for (const policy of [...res.body, (await org.api("GET", `/api/v1/policies/${res.body[0].id}`)).body]) {
                const validate = spec.schemaValidator(schema);
                expect(validate(policy), `${type}: ${describeErrors(validate)}`).to.equal(true);
            }
        }
        covered.add("GET /api/v1/policies").add("GET /api/v1/policies/{policyId}");
    });
});
