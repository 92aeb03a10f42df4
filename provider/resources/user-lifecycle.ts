/**
 * Which Okta lifecycle operation takes a user from its live status towards the status a program asks for.
 *
 * Okta's statuses (docs/okta/users.md#transitions): STAGED -> PROVISIONED (activate without password) or ACTIVE (with
 * one); ACTIVE <-> SUSPENDED (suspend / unsuspend); ACTIVE <-> LOCKED_OUT (sign-in failures / unlock); ACTIVE <->
 * RECOVERY and PASSWORD_EXPIRED (user-driven password flows); anything -> DEPROVISIONED (deactivate) -> PROVISIONED or
 * ACTIVE (activate). Nothing leads back to STAGED.
 */

import type { OktaUserStatus } from "../../core/okta/types";

/** Every status Okta reports. */
export type LiveUserStatus = OktaUserStatus;

export type DesiredUserStatus = "STAGED" | "ACTIVE" | "SUSPENDED" | "DEPROVISIONED";

/** A lifecycle operation (`POST /users/{id}/lifecycle/<op>`), or an admin password set (`setPassword`). */
export type LifecycleStep = "activate" | "deactivate" | "suspend" | "unsuspend" | "unlock" | "setPassword";

/**
 * Live statuses that count as ACTIVE: the account is enabled and waiting for its user (to finish activation, to
 * recover or to change an expired password). No admin operation should disturb them, so they cause no diff.
 */
const ACTIVE_LIKE: readonly LiveUserStatus[] = ["ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED"];

/** Whether the live status already is what `desired` asks for. */
export function satisfies(live: string | undefined, desired: DesiredUserStatus): boolean {
    return desired === "ACTIVE" ? ACTIVE_LIKE.includes(live as LiveUserStatus) : live === desired;
}

/**
 * The next step from `live` towards `desired`; `undefined` when there is nothing to do. Throws, naming the way out,
 * when Okta has no operation that leads there. `havePassword`: the program gives a password, so an account waiting
 * for its user can be made ACTIVE by setting it.
 */
export function nextLifecycleStep(live: LiveUserStatus, desired: DesiredUserStatus, havePassword: boolean): LifecycleStep | undefined {
    if (satisfies(live, desired)) {
        return undefined;
    }
    switch (desired) {
        case "DEPROVISIONED":
            return "deactivate";
        case "STAGED":
            throw new Error(
                `the user is ${live} and Okta has no operation that returns a user to STAGED; ` +
                    "set `status` to ACTIVE, SUSPENDED or DEPROVISIONED, or replace the user (delete and create it again)",
            );
        case "ACTIVE":
            return towardsActive(live);
        case "SUSPENDED":
            if (live === "ACTIVE") {
                return "suspend";
            }
            if (ACTIVE_LIKE.includes(live)) {
                // An account waiting for its user (activation, recovery, expired password) becomes ACTIVE when an admin
                // sets its password; a failed create of a SUSPENDED user without one then converges once it is given.
                if (havePassword) {
                    return "setPassword";
                }
                const waiting = live === "PROVISIONED" ? "PROVISIONED (activation pending)" : live;
                const completes = live === "PROVISIONED" ? "completes activation" : "sets a password";
                throw new Error(
                    `the user is ${waiting} and Okta suspends only ACTIVE users; the account becomes ACTIVE when its user ` +
                        `${completes}, or give \`password\` so that it is set before suspending`,
                );
            }
            return towardsActive(live);
    }
}

function towardsActive(live: LiveUserStatus): LifecycleStep {
    switch (live) {
        case "SUSPENDED":
            return "unsuspend";
        case "LOCKED_OUT":
            return "unlock";
        default:
            // STAGED and DEPROVISIONED: activation gives PROVISIONED, or ACTIVE when the user has a password.
            return "activate";
    }
}
