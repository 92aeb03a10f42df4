import { expect } from "chai";
import type { UserStatus } from "../../emulator/areas/users/model";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { expectOktaError } from "../support/okta-assertions";

/**
 * The user state machine, operation by operation from every status (docs/okta/users.md#lifecycle-operations). Each case
 * starts a fresh org seeded with one user in the status under test (all with a password, so activation leads to
 * ACTIVE).
 */

const STATUSES: UserStatus[] = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];

type Outcome = UserStatus | { error: [number, string] };

/** Expected result of each operation from each status; any status not listed gets the operation's error. */
const TABLE: Record<string, { query?: string; allowed: Partial<Record<UserStatus, UserStatus>>; error: [number, string] }> = {
    activate: { allowed: { STAGED: "ACTIVE", DEPROVISIONED: "ACTIVE" }, error: [403, "E0000016"] },
    deactivate: {
        allowed: {
            STAGED: "DEPROVISIONED",
            PROVISIONED: "DEPROVISIONED",
            ACTIVE: "DEPROVISIONED",
            RECOVERY: "DEPROVISIONED",
            PASSWORD_EXPIRED: "DEPROVISIONED",
            LOCKED_OUT: "DEPROVISIONED",
            SUSPENDED: "DEPROVISIONED",
        },
        error: [404, "E0000007"],
    },
    reactivate: { allowed: { PROVISIONED: "PROVISIONED", RECOVERY: "PROVISIONED" }, error: [403, "E0000038"] },
    suspend: { allowed: { ACTIVE: "SUSPENDED" }, error: [400, "E0000001"] },
    unsuspend: { allowed: { SUSPENDED: "ACTIVE" }, error: [400, "E0000001"] },
    unlock: { allowed: { LOCKED_OUT: "ACTIVE" }, error: [403, "E0000032"] },
    expire_password: { allowed: { ACTIVE: "PASSWORD_EXPIRED", PASSWORD_EXPIRED: "PASSWORD_EXPIRED" }, error: [403, "E0000038"] },
    expire_password_with_temp_password: {
        allowed: { ACTIVE: "PASSWORD_EXPIRED", PASSWORD_EXPIRED: "PASSWORD_EXPIRED" },
        error: [403, "E0000038"],
    },
    reset_password: {
        query: "?sendEmail=false",
        allowed: { PROVISIONED: "RECOVERY", ACTIVE: "RECOVERY", RECOVERY: "RECOVERY", PASSWORD_EXPIRED: "RECOVERY", LOCKED_OUT: "RECOVERY" },
        error: [403, "E0000017"],
    },
    reset_factors: {
        allowed: Object.fromEntries(STATUSES.map((s) => [s, s])),
        error: [500, "unused"],
    },
};

async function orgWithUserIn(status: UserStatus): Promise<{ org: TestOrg; id: string }> {
    const org = await startTestOrg({
        seed: {
            users: [
                {
                    login: "subject@example.com",
                    firstName: "Sam",
                    lastName: "Subject",
                    status,
                    password: "Xylophone42",
                    factors: [{ type: "sms", phoneNumber: "+15551234567" }],
                },
            ],
        },
    });
    const res = await org.api("GET", "/api/v1/users/subject@example.com");
    return { org, id: res.body.id };
}

describe("emulator: user lifecycle from every status", () => {
    for (const [operation, rule] of Object.entries(TABLE)) {
        describe(operation, () => {
            for (const from of STATUSES) {
                const outcome: Outcome = rule.allowed[from] ?? { error: rule.error };
                const expected = typeof outcome === "string" ? `-> ${outcome}` : `-> ${outcome.error.join(" ")}`;
                it(`from ${from} ${expected}`, async () => {
                    const { org, id } = await orgWithUserIn(from);
                    try {
                        const res = await org.api("POST", `/api/v1/users/${id}/lifecycle/${operation}${rule.query ?? ""}`, {
                            rawBody: "",
                        });
                        const after = await org.api("GET", `/api/v1/users/${id}`);
                        if (typeof outcome === "string") {
                            expect(res.status, JSON.stringify(res.body)).to.equal(200);
                            expect(after.body.status).to.equal(outcome);
                        } else {
                            expectOktaError(res, ...outcome.error);
                            expect(after.body.status, "a refused operation leaves the status alone").to.equal(from);
                        }
                    } finally {
                        await org.close();
                    }
                });
            }
        });
    }

    describe("DELETE /api/v1/users/{id}", () => {
        for (const from of STATUSES) {
            const expected = from === "DEPROVISIONED" ? "deletes the user" : "only deactivates";
            it(`from ${from} ${expected} (204)`, async () => {
                const { org, id } = await orgWithUserIn(from);
                try {
                    expect((await org.api("DELETE", `/api/v1/users/${id}`)).status).to.equal(204);
                    const after = await org.api("GET", `/api/v1/users/${id}`);
                    if (from === "DEPROVISIONED") {
                        expectOktaError(after, 404, "E0000007");
                    } else {
                        expect(after.body.status).to.equal("DEPROVISIONED");
                    }
                } finally {
                    await org.close();
                }
            });
        }
    });
});

describe("emulator: lifecycle responses", () => {
    let org: TestOrg;
    beforeEach(async () => {
        org = await startTestOrg();
    });
    afterEach(() => org.close());

    const create = async (query: string, credentials?: unknown) => {
        const login = `u${Math.random().toString(36).slice(2, 8)}@example.com`;
        const res = await org.api("POST", `/api/v1/users${query}`, {
            body: { profile: { login, email: login, firstName: "Uma", lastName: "User" }, credentials },
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body;
    };
    const post = (path: string) => org.api("POST", path, { rawBody: "" });

    it("activates a STAGED user without a password to PROVISIONED, sending `{}` or an activation token", async () => {
        const staged = await create("?activate=false");
        expect(staged.status).to.equal("STAGED");
        const res = await post(`/api/v1/users/${staged.id}/lifecycle/activate?sendEmail=false`);
        expect(res.status).to.equal(200);
        expect(res.body).to.have.all.keys("activationUrl", "activationToken");
        expect(res.body.activationUrl).to.equal(`${org.url}/tokens/${res.body.activationToken}/verify`);
        const user = (await org.api("GET", `/api/v1/users/${staged.id}`)).body;
        expect(user.status).to.equal("PROVISIONED");
        expect(user.activated).to.be.a("string");
        const other = await create("?activate=false");
        expect((await post(`/api/v1/users/${other.id}/lifecycle/activate`)).body).to.deep.equal({});
    });

    it("reactivate returns an activation token unless sendEmail=true", async () => {
        const provisioned = await create("");
        expect(provisioned.status).to.equal("PROVISIONED");
        expect((await post(`/api/v1/users/${provisioned.id}/lifecycle/reactivate`)).body).to.have.all.keys("activationUrl", "activationToken");
        expect((await post(`/api/v1/users/${provisioned.id}/lifecycle/reactivate?sendEmail=true`)).body).to.deep.equal({});
    });

    it("expire_password answers with the user; with a temporary password only {tempPassword}", async () => {
        const active = await create("", { password: { value: "Xylophone42" } });
        const expired = await post(`/api/v1/users/${active.id}/lifecycle/expire_password`);
        expect(expired.body).to.include({ id: active.id, status: "PASSWORD_EXPIRED" });
        const temp = await post(`/api/v1/users/${active.id}/lifecycle/expire_password_with_temp_password`);
        expect(temp.body).to.have.all.keys("tempPassword");
        // The temporary password is now the user's password.
        const changed = await org.api("POST", `/api/v1/users/${active.id}/credentials/change_password`, {
            body: { oldPassword: { value: temp.body.tempPassword }, newPassword: { value: "Harmonica77" } },
        });
        expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
        expect((await org.api("GET", `/api/v1/users/${active.id}`)).body.status).to.equal("ACTIVE");
    });

    it("reset_password requires sendEmail (E0000028) and returns a reset link when it is false", async () => {
        const active = await create("", { password: { value: "Xylophone42" } });
        expectOktaError(await post(`/api/v1/users/${active.id}/lifecycle/reset_password`), 400, "E0000028");
        const res = await post(`/api/v1/users/${active.id}/lifecycle/reset_password?sendEmail=false&revokeSessions=true`);
        expect(res.body.resetPasswordUrl).to.match(new RegExp(`^${org.url}/signin/reset-password/[\\w-]+$`));
        expect((await post(`/api/v1/users/${active.id}/lifecycle/reset_password?sendEmail=true`)).body).to.deep.equal({});
    });

    it("refusals carry Okta's summaries", async () => {
        const active = await create("", { password: { value: "Xylophone42" } });
        const activate = await post(`/api/v1/users/${active.id}/lifecycle/activate`);
        expect(activate.body.errorSummary).to.equal("Activation failed because the user is already active");
        const unsuspend = await post(`/api/v1/users/${active.id}/lifecycle/unsuspend`);
        expect(unsuspend.body.errorCauses).to.deep.equal([{ errorSummary: "Cannot unsuspend a user that is not suspended" }]);
        const staged = await create("?activate=false");
        const suspend = await post(`/api/v1/users/${staged.id}/lifecycle/suspend`);
        expect(suspend.body.errorSummary).to.equal("Api validation failed: suspendUser");
        expect(suspend.body.errorCauses).to.deep.equal([{ errorSummary: "Cannot suspend a user that is not active" }]);
    });

    it("an unknown user or operation gets 404 (E0000007 / E0000008)", async () => {
        expectOktaError(await post(`/api/v1/users/00unope/lifecycle/suspend`), 404, "E0000007");
        const active = await create("", { password: { value: "Xylophone42" } });
        expectOktaError(await post(`/api/v1/users/${active.id}/lifecycle/explode`), 404, "E0000008");
    });

    it("logs each transition to the System Log with Okta's event types", async () => {
        const active = await create("", { password: { value: "Xylophone42" } });
        await post(`/api/v1/users/${active.id}/lifecycle/suspend`);
        await post(`/api/v1/users/${active.id}/lifecycle/unsuspend`);
        await post(`/api/v1/users/${active.id}/lifecycle/deactivate`);
        await org.api("DELETE", `/api/v1/users/${active.id}`);
        const events = org.emulator.store.log.all().filter((e) => e.target[0]?.id === active.id);
        expect(events.map((e) => e.eventType)).to.deep.equal([
            "user.lifecycle.create",
            "user.lifecycle.activate",
            "user.lifecycle.suspend",
            "user.lifecycle.unsuspend",
            "user.lifecycle.deactivate",
            "user.lifecycle.delete.initiated",
            "user.lifecycle.delete.completed",
        ]);
        expect(events[0].target[0]).to.include({ type: "User", alternateId: active.profile.login, displayName: "Uma User" });
    });
});
