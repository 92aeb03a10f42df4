import {
    notFound,
    OktaHttpError,
    passwordResetFailed,
    unlockNotAllowed,
    userAlreadyActive,
    userStatusForbids,
} from "../../platform/errors";
import type { UserRecord, UserStatus } from "./model";

/**
 * Okta's user state machine (docs/okta/users.md#lifecycle-operations): which lifecycle operation is allowed from which
 * status, where it leads, and the error Okta answers with from any other status.
 */

export type LifecycleOperation =
    | "activate"
    | "deactivate"
    | "reactivate"
    | "suspend"
    | "unsuspend"
    | "unlock"
    | "expire_password"
    | "expire_password_with_temp_password"
    | "reset_password"
    | "reset_factors";

export const LIFECYCLE_OPERATIONS: readonly LifecycleOperation[] = [
    "activate",
    "deactivate",
    "reactivate",
    "suspend",
    "unsuspend",
    "unlock",
    "expire_password",
    "expire_password_with_temp_password",
    "reset_password",
    "reset_factors",
];

interface Rule {
    allowedFrom: readonly UserStatus[] | "any";
    to: (user: UserRecord) => UserStatus;
    refusal: (user: UserRecord) => OktaHttpError;
}

const keep = (user: UserRecord) => user.status;

const RULES: Record<LifecycleOperation, Rule> = {
    activate: {
        allowedFrom: ["STAGED", "DEPROVISIONED"],
        to: (user) => (canSignInWithoutActivation(user) ? "ACTIVE" : "PROVISIONED"),
        refusal: () => userAlreadyActive(),
    },
    deactivate: {
        allowedFrom: ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED"],
        to: () => "DEPROVISIONED",
        // Okta answers as if a deactivated user were gone (observed in okta/okta-sdk-java#721).
        refusal: (user) => notFound(user.id, "User"),
    },
    reactivate: {
        allowedFrom: ["PROVISIONED", "RECOVERY"],
        to: () => "PROVISIONED",
        refusal: () => userStatusForbids(),
    },
    suspend: {
        allowedFrom: ["ACTIVE"],
        to: () => "SUSPENDED",
        refusal: () =>
            new OktaHttpError(400, "E0000001", "Api validation failed: suspendUser", [
                { errorSummary: "Cannot suspend a user that is not active" },
            ]),
    },
    unsuspend: {
        allowedFrom: ["SUSPENDED"],
        to: () => "ACTIVE",
        refusal: () =>
            new OktaHttpError(400, "E0000001", "Api validation failed: unsuspendUser", [
                { errorSummary: "Cannot unsuspend a user that is not suspended" },
            ]),
    },
    unlock: {
        allowedFrom: ["LOCKED_OUT"],
        to: () => "ACTIVE",
        refusal: () => unlockNotAllowed(),
    },
    expire_password: {
        allowedFrom: ["ACTIVE", "PASSWORD_EXPIRED"],
        to: () => "PASSWORD_EXPIRED",
        refusal: () => userStatusForbids(),
    },
    expire_password_with_temp_password: {
        allowedFrom: ["ACTIVE", "PASSWORD_EXPIRED"],
        to: () => "PASSWORD_EXPIRED",
        refusal: () => userStatusForbids(),
    },
    reset_password: {
        allowedFrom: ["PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"],
        to: () => "RECOVERY",
        refusal: () => passwordResetFailed(),
    },
    reset_factors: {
        allowedFrom: "any",
        to: keep,
        refusal: () => userStatusForbids(),
    },
};

/** The status the operation leads to; throws Okta's error when the user's status does not allow it. */
export function nextStatus(operation: LifecycleOperation, user: UserRecord): UserStatus {
    const rule = RULES[operation];
    if (rule.allowedFrom !== "any" && !rule.allowedFrom.includes(user.status)) {
        throw rule.refusal(user);
    }
    return rule.to(user);
}

/** A user with a password, or one whose credentials live with a federated or social provider, becomes ACTIVE. */
export function canSignInWithoutActivation(user: UserRecord): boolean {
    return user.credentials.password !== undefined || ["FEDERATION", "SOCIAL"].includes(user.credentials.provider.type);
}
