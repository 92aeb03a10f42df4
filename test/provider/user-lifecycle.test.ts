import { expect } from "chai";
import { dynamicProvider } from "../../provider";
import { nextLifecycleStep, satisfies, type DesiredUserStatus, type LiveUserStatus } from "../../provider/resources/user-lifecycle";

const LIVE: LiveUserStatus[] = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];

/**
 * Where each step leads in Okta (docs/okta/users.md#transitions); `setPassword` makes an account waiting for its user
 * ACTIVE.
 */
function afterStep(live: LiveUserStatus, step: string, hasPassword: boolean): LiveUserStatus {
    switch (step) {
        case "activate":
            // A user with a password becomes ACTIVE; without one it waits for its user (and nothing leads on to
            // SUSPENDED until a password is given).
            return hasPassword ? "ACTIVE" : "PROVISIONED";
        case "deactivate":
            return "DEPROVISIONED";
        case "suspend":
            return "SUSPENDED";
        case "unsuspend":
        case "unlock":
        case "setPassword":
            return "ACTIVE";
        default:
            throw new Error(`unexpected step ${step} from ${live}`);
    }
}

describe("provider: user lifecycle planning", () => {
    for (const desired of ["ACTIVE", "SUSPENDED", "DEPROVISIONED"] as DesiredUserStatus[]) {
        for (const live of LIVE) {
            for (const hasPassword of [true, false]) {
                const path: string[] = [];
                let status = live;
                let error: Error | undefined;
                try {
                    for (let step = nextLifecycleStep(status, desired, hasPassword); step; step = nextLifecycleStep(status, desired, hasPassword)) {
                        path.push(step);
                        status = afterStep(status, step, hasPassword);
                        if (path.length > 4) throw new Error("no end");
                    }
                } catch (err) {
                    error = err as Error;
                }
                const blocked =
                    desired === "SUSPENDED" &&
                    !hasPassword &&
                    ["STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "DEPROVISIONED"].includes(live);
                const start = `${live} -> ${desired}${hasPassword ? " (password given)" : ""}`;
                const label = blocked
                    ? `${start}: refused${path.length > 0 ? ` after ${path.join(", ")}` : ""}, naming the way out`
                    : `${start}: ${path.join(", ") || "nothing to do"}`;
                it(label, () => {
                    if (blocked) {
                        expect(error?.message).to.match(/Okta suspends only ACTIVE users; the account becomes ACTIVE when its user/);
                    } else {
                        expect(error).to.equal(undefined);
                        expect(satisfies(status, desired)).to.equal(true);
                    }
                });
            }
        }
    }

    it("uses unlock for a locked-out user, never activate", () => {
        expect(nextLifecycleStep("LOCKED_OUT", "ACTIVE", true)).to.equal("unlock");
        expect(nextLifecycleStep("SUSPENDED", "ACTIVE", true)).to.equal("unsuspend");
    });

    it("never asks for an operation on an account waiting for its user when ACTIVE is desired", () => {
        for (const live of ["ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED"] as LiveUserStatus[]) {
            expect(nextLifecycleStep(live, "ACTIVE", false), live).to.equal(undefined);
        }
    });

    it("explains that nothing leads back to STAGED", () => {
        expect(nextLifecycleStep("STAGED", "STAGED", false)).to.equal(undefined);
        for (const live of LIVE.filter((s) => s !== "STAGED")) {
            expect(() => nextLifecycleStep(live, "STAGED", true)).to.throw(/no operation that returns a user to STAGED/);
        }
    });
});

describe("provider: User diff", () => {
    const provider = dynamicProvider("User");
    const state = (rawStatus: string, extra: Record<string, unknown> = {}) => ({
        login: "ada@example.com",
        email: "ada@example.com",
        locale: "en_US",
        status: "ACTIVE",
        rawStatus,
        typeId: "oty1",
        realmId: "guo1",
        created: "t",
        lastUpdated: "t",
        ...extra,
    });
    const desired = { login: "ada@example.com", email: "ada@example.com", locale: "en_US", status: "ACTIVE", activate: true, adopt: false, provider: false };

    it("reports PROVISIONED, RECOVERY and PASSWORD_EXPIRED without a diff when ACTIVE is desired", async () => {
        for (const live of ["ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED"]) {
            expect((await provider.diff!("00u1", state(live), desired)).changes, live).to.equal(false);
        }
    });

    it("shows LOCKED_OUT and SUSPENDED as a change of status when ACTIVE is desired", async () => {
        for (const live of ["LOCKED_OUT", "SUSPENDED", "DEPROVISIONED", "STAGED"]) {
            const diff = await provider.diff!("00u1", state(live), desired);
            expect(diff, live).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        }
    });

    it("does not try to change a DEPROVISIONED user that stays deactivated (Okta refuses it)", async () => {
        const deprovisioned = state("DEPROVISIONED", { status: "DEPROVISIONED", department: "Old" });
        expect((await provider.diff!("00u1", deprovisioned, { ...desired, status: "DEPROVISIONED", department: "New" })).changes).to.equal(false);
        expect((await provider.diff!("00u1", deprovisioned, { ...desired, status: "ACTIVE", department: "New" })).changes).to.equal(true);
    });

    it("leaves the lifecycle alone when no status is desired", async () => {
        const { status: _s, ...unmanaged } = desired;
        expect((await provider.diff!("00u1", state("SUSPENDED", { status: undefined }), unmanaged)).changes).to.equal(false);
    });

    it("ignores Okta-assigned type and realm unless the program sets them, and creation-only options", async () => {
        expect((await provider.diff!("00u1", state("ACTIVE"), { ...desired, activate: false, provider: true, adopt: true })).changes).to.equal(false);
        expect((await provider.diff!("00u1", state("ACTIVE"), { ...desired, typeId: "oty2" })).changes).to.equal(true);
    });

    it("sees a new password or a cleared profile attribute, never replacing the user", async () => {
        const withSecret = state("ACTIVE", { password: "old", department: "R&D" });
        const diff = await provider.diff!("00u1", withSecret, { ...desired, password: "new" });
        expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect((await provider.diff!("00u1", withSecret, { ...desired, password: "old", department: "R&D" })).changes).to.equal(false);
    });

    it("changes nothing for state written before newer inputs with defaults existed", async () => {
        // States without `locale`, `adopt` and `profileAttributes` (as an older release wrote them) against inputs where
        // check filled in the defaults.
        const { locale: _l, ...olderState } = state("ACTIVE");
        expect((await provider.diff!("00u1", olderState, desired)).changes).to.equal(false);
        const group = dynamicProvider("Group");
        const oldGroupState = { name: "Eng", description: "d", type: "OKTA_GROUP", created: "t", lastUpdated: "t", lastMembershipUpdated: "t" };
        expect((await group.diff!("00g1", oldGroupState, { name: "Eng", description: "d", adopt: false })).changes).to.equal(false);
    });
});
