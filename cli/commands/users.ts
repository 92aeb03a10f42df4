import type { OktaClient } from "../../core/client";
import * as ops from "../../core/okta/operations";
import * as q from "../../core/okta/reads";
import { UsageError } from "../exit-codes";
import type { OptionValue } from "../args";
import { searchOptions, SEARCH_OPTIONS, LIST_OPTIONS, type Command, type CommandContext } from "../command";

const sendEmail = { "send-email": { type: "boolean" as const, description: "have Okta email the user (default: no email)" } };

/** `activate`, `deactivate`, ...: the user lifecycle operations. */
type LifecycleOperation = (client: OktaClient, args: ops.SendEmailArgs) => Promise<ops.ActivationToken | void>;

function lifecycleCommand(word: string, summary: string, done: string, operation: LifecycleOperation, withEmail: boolean): Command {
    return {
        words: ["users", word],
        summary,
        positionals: ["id"],
        options: withEmail ? sendEmail : {},
        async run(ctx, { id }, options) {
            const result = await operation(await ctx.client(), { id, sendEmail: Boolean(options["send-email"]) });
            const link = result?.activationUrl ? `\nactivation link (one-time, keep it secret): ${result.activationUrl}` : "";
            return { type: "done", message: `user ${id} ${done}${link}`, value: { id, ...(result ?? {}) } };
        },
    };
}

export const userCommands: Command[] = [
    {
        words: ["users", "get"],
        summary: "show a user (by id, login or login shortname)",
        positionals: ["id"],
        options: { expand: { type: "string", value: "<what>", description: "Okta's expand parameter" } },
        async run(ctx, { id }, options) {
            return { type: "object", view: "user", value: await q.getUser(await ctx.client(), { id, expand: options.expand as string | undefined }) };
        },
    },
    {
        words: ["users", "list"],
        summary: "list users by search, filter or q",
        options: { ...SEARCH_OPTIONS, ...LIST_OPTIONS },
        async run(ctx, _positionals, options) {
            const result = await q.listUsers(await ctx.client(), searchOptions(options), ctx.progress("users"));
            return { type: "list", view: "user", noun: "users", result, paged: true };
        },
    },
    {
        words: ["users", "groups"],
        summary: "list the groups a user belongs to",
        positionals: ["id"],
        async run(ctx, { id }) {
            return { type: "list", view: "group", noun: "groups", result: await q.listUserGroups(await ctx.client(), { id }), paged: false };
        },
    },
    {
        words: ["users", "apps"],
        summary: "list the applications a user is assigned to",
        positionals: ["id"],
        async run(ctx, { id }) {
            return { type: "list", view: "appLink", noun: "apps", result: await q.listUserApplications(await ctx.client(), { id }), paged: false };
        },
    },
    {
        words: ["users", "factors"],
        summary: "list the factors a user has enrolled",
        positionals: ["userId"],
        async run(ctx, { userId }) {
            return { type: "list", view: "factor", noun: "factors", result: await q.listUserFactors(await ctx.client(), { userId }), paged: false };
        },
    },
    lifecycleCommand("activate", "activate a STAGED or DEPROVISIONED user", "activated", ops.activateUser, true),
    lifecycleCommand("deactivate", "deactivate a user", "deactivated", ops.deactivateUser, true),
    lifecycleCommand("reactivate", "restart the activation of a PROVISIONED user", "reactivated", ops.reactivateUser, true),
    lifecycleCommand("suspend", "suspend an ACTIVE user", "suspended", ops.suspendUser, false),
    lifecycleCommand("unsuspend", "unsuspend a SUSPENDED user", "unsuspended", ops.unsuspendUser, false),
    lifecycleCommand("unlock", "unlock a LOCKED_OUT user", "unlocked", ops.unlockUser, false),
    {
        words: ["users", "reset-password"],
        summary: "start a password reset (emails the user unless --no-email)",
        positionals: ["id"],
        options: {
            "no-email": { type: "boolean", description: "do not email the user; print the one-time reset link instead" },
            "revoke-sessions": { type: "boolean", description: "also end the user's sessions" },
        },
        async run(ctx, { id }, options) {
            const result = await ops.resetPassword(await ctx.client(), {
                id,
                sendEmail: !options["no-email"],
                revokeSessions: Boolean(options["revoke-sessions"]),
            });
            const link = result.resetPasswordUrl ? `\nreset link (one-time, keep it secret): ${result.resetPasswordUrl}` : "";
            return { type: "done", message: `password reset started for user ${id}${link}`, value: { id, ...result } };
        },
    },
    {
        words: ["users", "set-password"],
        summary: "set a user's password (read from an environment variable or stdin, never from the command line)",
        positionals: ["userId"],
        options: {
            "new-password-env": { type: "string", value: "<VAR>", description: "environment variable holding the new password" },
            "new-password-stdin": { type: "boolean", description: "read the new password from the first line of stdin" },
            "new-hash": { type: "string", value: "<json>", description: 'the new password as an Okta hash object, e.g. \'{"algorithm":"BCRYPT",...}\'' },
            "old-password-env": { type: "string", value: "<VAR>", description: "environment variable holding the current password (Okta checks it)" },
            "revoke-sessions": { type: "boolean", description: "also end the user's sessions" },
        },
        async run(ctx, { userId }, options) {
            const result = await ops.setPassword(await ctx.client(), {
                userId,
                ...(await newPassword(ctx, options)),
                oldPassword: fromEnv(ctx, options["old-password-env"] as string | undefined),
                revokeSessions: Boolean(options["revoke-sessions"]),
            });
            const how = result.method === "change" ? "changed (old password checked)" : "set";
            return { type: "done", message: `password of user ${userId} ${how}`, value: { userId, ...result } };
        },
    },
    {
        words: ["users", "clear-sessions"],
        summary: "end all of a user's sessions",
        positionals: ["userId"],
        options: {
            "oauth-tokens": { type: "boolean", description: "also revoke OpenID Connect and OAuth tokens issued to the user" },
            "forget-devices": { type: "boolean", description: "also forget remembered factors on every device" },
        },
        async run(ctx, { userId }, options) {
            await ops.clearUserSessions(await ctx.client(), {
                userId,
                oauthTokens: Boolean(options["oauth-tokens"]),
                forgetDevices: Boolean(options["forget-devices"]),
            });
            return { type: "done", message: `sessions of user ${userId} cleared`, value: { userId } };
        },
    },
    {
        words: ["users", "unenroll-factor"],
        summary: "unenroll one of a user's factors",
        positionals: ["userId", "factorId"],
        options: {
            "remove-recovery-enrollment": { type: "boolean", description: "sms/call factors: also remove the phone as a recovery method" },
        },
        async run(ctx, { userId, factorId }, options) {
            await ops.unenrollFactor(await ctx.client(), {
                userId,
                factorId,
                removeRecoveryEnrollment: Boolean(options["remove-recovery-enrollment"]),
            });
            return { type: "done", message: `factor ${factorId} of user ${userId} unenrolled`, value: { userId, factorId } };
        },
    },
];

async function newPassword(ctx: CommandContext, options: Record<string, OptionValue>): Promise<Pick<ops.SetPasswordArgs, "newPassword" | "newHashPassword">> {
    const sources = ["new-password-env", "new-password-stdin", "new-hash"].filter((name) => options[name] !== undefined);
    if (sources.length !== 1) {
        throw new UsageError("give the new password with exactly one of --new-password-env, --new-password-stdin, --new-hash");
    }
    if (options["new-hash"] !== undefined) {
        try {
            return { newHashPassword: JSON.parse(options["new-hash"] as string) };
        } catch {
            throw new UsageError("--new-hash must be a JSON object");
        }
    }
    if (options["new-password-stdin"]) {
        return { newPassword: (await ctx.readStdin()).split(/\r?\n/)[0] };
    }
    return { newPassword: fromEnv(ctx, options["new-password-env"] as string) };
}

function fromEnv(ctx: CommandContext, variable: string | undefined): string | undefined {
    if (variable === undefined) {
        return undefined;
    }
    const value = ctx.env[variable];
    if (value === undefined || value === "") {
        throw new UsageError(`environment variable ${variable} is not set`);
    }
    return value;
}
