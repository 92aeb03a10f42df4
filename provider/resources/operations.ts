import { randomUUID } from "node:crypto";
import type { OktaClient } from "../../core/client";
import { sameValue } from "./compare";
import type { ResourceHandler } from "./handler";
import { resourceSpec, type CheckFailure } from "../schema";
import { verifyEventHook } from "../../core/okta/event-hooks";
import { unenrollFactor } from "../../core/okta/factors";
import { resetPassword, setPassword } from "../../core/okta/passwords";
import { clearUserSessions } from "../../core/okta/sessions";
import { activateUser, deactivateUser, reactivateUser, suspendUser, unlockUser, unsuspendUser } from "../../core/okta/user-lifecycle";

/**
 * Operations as resources, the pattern of `@pulumi/command`: creating the resource runs the operation once; any input
 * change, typically `triggers` (say, a ticket number), replaces it, which runs the operation again. Nothing is undone
 * on delete, and refresh keeps the recorded run (there is nothing in Okta to read back). Every input is
 * `replaceOnChanges` in schema.json, so `update` never runs.
 */

type Props = Record<string, any>;

interface OperationResource {
    /** The resource's type name (`pulumi-nodejs:dynamic/okta:<type>`). */
    type: string;
    /** Runs the operation; returns the outputs it produced (e.g. a one-time link). */
    run(client: OktaClient, inputs: Props): Promise<Props>;
    /** Rules between inputs, checked at preview (see ResourceHandler.validate). */
    validate?(inputs: Props): CheckFailure[];
}

const LIFECYCLE = {
    activate: activateUser,
    deactivate: deactivateUser,
    reactivate: reactivateUser,
    suspend: suspendUser,
    unsuspend: unsuspendUser,
    unlock: unlockUser,
} as const;

const OPERATION_RESOURCES: OperationResource[] = [
    {
        type: "ResetUserPassword",
        async run(client, i) {
            return resetPassword(client, { id: i.userId, sendEmail: i.sendEmail ?? true, revokeSessions: i.revokeSessions ?? false });
        },
    },
    {
        type: "SetUserPassword",
        async run(client, i) {
            const result = await setPassword(client, {
                userId: i.userId,
                newPassword: i.newPassword,
                newHashPassword: i.newHashPassword,
                oldPassword: i.oldPassword,
                oldHashPassword: i.oldHashPassword,
                revokeSessions: i.revokeSessions ?? false,
            });
            return { method: result.method };
        },
        validate: (i) => [...exactlyOne(i, "newPassword", "newHashPassword"), ...atMostOne(i, "oldPassword", "oldHashPassword")],
    },
    {
        type: "ClearUserSessions",
        async run(client, i) {
            await clearUserSessions(client, { userId: i.userId, oauthTokens: i.oauthTokens ?? false, forgetDevices: i.forgetDevices ?? false });
            return {};
        },
    },
    {
        type: "UnenrollUserFactor",
        async run(client, i) {
            await unenrollFactor(client, { userId: i.userId, factorId: i.factorId, removeRecoveryEnrollment: i.removeRecoveryEnrollment ?? false });
            return {};
        },
    },
    {
        type: "UserLifecycleOperation",
        async run(client, i) {
            const operation = LIFECYCLE[i.operation as keyof typeof LIFECYCLE];
            const result = await operation(client, { id: i.userId, sendEmail: i.sendEmail ?? false });
            return { ...(result ?? {}) };
        },
    },
    {
        type: "VerifyEventHook",
        async run(client, i) {
            const hook = await verifyEventHook(client, { eventHookId: i.eventHookId });
            return { verificationStatus: hook.verificationStatus };
        },
    },
];

/** Exactly one of two inputs, as Okta takes one new password (a value unknown at preview counts as set). */
function exactlyOne(inputs: Props, first: string, second: string): CheckFailure[] {
    if (inputs[first] === undefined && inputs[second] === undefined) {
        return [{ property: first, reason: `${first} or ${second} is required` }];
    }
    return atMostOne(inputs, first, second);
}

function atMostOne(inputs: Props, first: string, second: string): CheckFailure[] {
    if (inputs[first] !== undefined && inputs[second] !== undefined) {
        return [{ property: second, reason: `give either ${first} or ${second}, not both` }];
    }
    return [];
}

function handlerOf(operation: OperationResource): ResourceHandler<Props, Props> {
    const token = `okta:index:${operation.type}`;
    // `connection` is handled once for every resource, in dynamic.ts.
    const inputNames = () => Object.keys(resourceSpec(token).inputProperties).filter((name) => name !== "connection");
    const inputsOf = (props: Props) => Object.fromEntries(inputNames().filter((name) => props[name] !== undefined).map((name) => [name, props[name]]));
    const runOnce = async (client: OktaClient, props: Props) => {
        const inputs = inputsOf(props);
        return { ...inputs, ...(await operation.run(client, inputs)), ranAt: new Date().toISOString() };
    };
    return {
        token,
        changedInputs: (olds, news) => inputNames().filter((name) => !sameValue(olds[name], news[name])),
        validate: operation.validate,
        create: async (client, inputs) => ({ id: randomUUID(), outs: await runOnce(client, inputs) }),
        read: async (_client, id, olds) => ({ id, outs: olds, inputs: inputsOf(olds) }),
        update: (client, _id, _olds, news) => runOnce(client, news),
        delete: async () => {},
    };
}

/** The handlers, by type name, for `dynamic.ts`. */
export const OPERATION_HANDLERS: Record<string, ResourceHandler<Props, Props>> = Object.fromEntries(
    OPERATION_RESOURCES.map((operation) => [operation.type, handlerOf(operation)]),
);
