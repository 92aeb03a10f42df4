import * as pulumi from "@pulumi/pulumi";
import type { PasswordHash } from "../provider/operations/passwords";
import clearUserSessionsProvider = require("./shims/clear-user-sessions");
import resetUserPasswordProvider = require("./shims/reset-user-password");
import setUserPasswordProvider = require("./shims/set-user-password");
import unenrollUserFactorProvider = require("./shims/unenroll-user-factor");
import userLifecycleOperationProvider = require("./shims/user-lifecycle-operation");
import verifyEventHookProvider = require("./shims/verify-event-hook");

/**
 * Operations as resources (the pattern of `@pulumi/command`): the operation runs when the resource is created, and again
 * whenever an input changes: put anything that should cause a new run in `triggers`. Deleting the resource undoes
 * nothing.
 *
 * ```ts
 * new okta.ResetUserPassword("reset-ada", { userId: ada.id, triggers: ["INC-4711"] });
 * ```
 */
interface OperationArgs {
    /** Any values; when one changes, the operation runs again. */
    triggers?: pulumi.Input<unknown[]>;
}

/** Shared by every operation resource: secret outputs are forced secret, output-only keys are declared. */
abstract class OperationResource extends pulumi.dynamic.Resource {
    /** When the operation last ran (ISO-8601). */
    declare readonly ranAt: pulumi.Output<string>;

    protected constructor(
        type: string,
        provider: pulumi.dynamic.ResourceProvider,
        name: string,
        props: Record<string, unknown>,
        outputs: string[],
        secretOutputs: string[],
        opts?: pulumi.CustomResourceOptions,
    ) {
        const withOutputs = { ...props, ...Object.fromEntries([...outputs, "ranAt"].map((key) => [key, undefined])) };
        super(provider, name, withOutputs, pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputs }), "okta", type);
    }
}

export interface ResetUserPasswordArgs extends OperationArgs {
    /** An id, login, or login shortname of an existing Okta user. */
    userId: pulumi.Input<string>;
    /** Email the reset link to the user (default true); when false, it is returned in `resetPasswordUrl`. */
    sendEmail?: pulumi.Input<boolean>;
    /** Also revoke the user's sessions (default false). */
    revokeSessions?: pulumi.Input<boolean>;
}

/** Starts a password reset (the product's "Reset User Password"). */
export class ResetUserPassword extends OperationResource {
    /** The one-time reset link when `sendEmail` is false (secret). */
    declare readonly resetPasswordUrl: pulumi.Output<string | undefined>;

    constructor(name: string, args: ResetUserPasswordArgs, opts?: pulumi.CustomResourceOptions) {
        super("ResetUserPassword", resetUserPasswordProvider, name, { ...args }, ["resetPasswordUrl"], ["resetPasswordUrl"], opts);
    }
}

export interface SetUserPasswordArgs extends OperationArgs {
    /** Id (or login) of an existing Okta user. */
    userId: pulumi.Input<string>;
    /** The new password (stored as a secret). Give this or `newHashPassword`. */
    newPassword?: pulumi.Input<string>;
    newHashPassword?: pulumi.Input<PasswordHash>;
    /** The current password; when given, Okta checks it before changing. */
    oldPassword?: pulumi.Input<string>;
    /** Also revoke the user's sessions (default false). */
    revokeSessions?: pulumi.Input<boolean>;
}

/** Sets a user's password (the product's "Set User Password"). Passwords are kept as secrets in state. */
export class SetUserPassword extends OperationResource {
    /** `change` (old password checked) or `set` (by an admin). */
    declare readonly method: pulumi.Output<string>;

    constructor(name: string, args: SetUserPasswordArgs, opts?: pulumi.CustomResourceOptions) {
        const secret = <T>(value: pulumi.Input<T> | undefined) => (value === undefined ? undefined : pulumi.secret(value));
        const props = { ...args, newPassword: secret(args.newPassword), newHashPassword: secret(args.newHashPassword), oldPassword: secret(args.oldPassword) };
        super("SetUserPassword", setUserPasswordProvider, name, props, ["method"], ["newPassword", "newHashPassword", "oldPassword"], opts);
    }
}

export interface ClearUserSessionsArgs extends OperationArgs {
    userId: pulumi.Input<string>;
    /** Also revoke OpenID Connect and OAuth tokens issued to the user (default false). */
    oauthTokens?: pulumi.Input<boolean>;
    /** Also forget remembered factors on every device (default false). */
    forgetDevices?: pulumi.Input<boolean>;
}

/** Ends all of a user's sessions (the product's "Clear User Sessions"). */
export class ClearUserSessions extends OperationResource {
    constructor(name: string, args: ClearUserSessionsArgs, opts?: pulumi.CustomResourceOptions) {
        super("ClearUserSessions", clearUserSessionsProvider, name, { ...args }, [], [], opts);
    }
}

export interface UnenrollUserFactorArgs extends OperationArgs {
    userId: pulumi.Input<string>;
    factorId: pulumi.Input<string>;
    /** sms and call factors: also remove the phone as a recovery method (default false). */
    removeRecoveryEnrollment?: pulumi.Input<boolean>;
}

/** Unenrolls one of a user's factors (the product's "Unenroll User Factor"). */
export class UnenrollUserFactor extends OperationResource {
    constructor(name: string, args: UnenrollUserFactorArgs, opts?: pulumi.CustomResourceOptions) {
        super("UnenrollUserFactor", unenrollUserFactorProvider, name, { ...args }, [], [], opts);
    }
}

export interface UserLifecycleOperationArgs extends OperationArgs {
    /** An id, login, or login shortname of an existing Okta user. */
    userId: pulumi.Input<string>;
    operation: pulumi.Input<"activate" | "deactivate" | "reactivate" | "suspend" | "unsuspend" | "unlock">;
    /** activate, deactivate, reactivate: have Okta email the user (default false). */
    sendEmail?: pulumi.Input<boolean>;
}

/** Runs one user lifecycle operation (e.g. unlock a user when a ticket changes). */
export class UserLifecycleOperation extends OperationResource {
    /** activate/reactivate without email: the one-time activation token and link (secrets). */
    declare readonly activationToken: pulumi.Output<string | undefined>;
    declare readonly activationUrl: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserLifecycleOperationArgs, opts?: pulumi.CustomResourceOptions) {
        const secrets = ["activationToken", "activationUrl"];
        super("UserLifecycleOperation", userLifecycleOperationProvider, name, { ...args }, secrets, secrets, opts);
    }
}

export interface VerifyEventHookArgs extends OperationArgs {
    eventHookId: pulumi.Input<string>;
}

/** Has Okta verify an event hook's endpoint (the product's "Verify Event Hook"); the endpoint must answer the challenge. */
export class VerifyEventHook extends OperationResource {
    /** `VERIFIED` once Okta accepted the endpoint's answer. */
    declare readonly verificationStatus: pulumi.Output<string>;

    constructor(name: string, args: VerifyEventHookArgs, opts?: pulumi.CustomResourceOptions) {
        super("VerifyEventHook", verifyEventHookProvider, name, { ...args }, ["verificationStatus"], [], opts);
    }
}
