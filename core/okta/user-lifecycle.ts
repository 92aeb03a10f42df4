import { requiredId } from "./arguments";
import { managementPath } from "./paths";
import { usersAhead } from "./users";
import { OktaApiError, type OktaClient } from "../client";

/**
 * User lifecycle operations (docs/okta/users.md#lifecycle-operations-post-apiv1usersidlifecycleoperation). Defaults are the product's, which differ from
 * Okta's in one place: `activate` sends no email unless asked (Okta's own default is `sendEmail=true`).
 */

export interface UserRef {
    /** An id, login, or login shortname (as long as the shortname is unambiguous) of an existing Okta user. */
    id: string;
}

export interface SendEmailArgs extends UserRef {
    /** Whether Okta emails the user (default false). */
    sendEmail?: boolean;
}

/** What `activate` and `reactivate` return when no email is sent: a one-time activation link. A secret. */
export interface ActivationToken {
    activationToken?: string;
    activationUrl?: string;
}

export async function activateUser(client: OktaClient, args: SendEmailArgs): Promise<ActivationToken> {
    return tokenOf(await lifecycle(client, args.id, "activate", { sendEmail: args.sendEmail ?? false }));
}

export async function deactivateUser(client: OktaClient, args: SendEmailArgs): Promise<void> {
    await lifecycle(client, args.id, "deactivate", { sendEmail: args.sendEmail ?? false });
}

/**
 * Deletes a user (docs/okta/users.md#delete): deactivates it, then deletes it for good. The deactivation goes to its
 * lifecycle endpoint rather than being a first DELETE, because that counts against another bucket than the DELETE
 * (docs/okta/rate-limits.md#buckets): a destroy of many users spends half its calls on each (docs/scale.md#parallel).
 * A user already DEPROVISIONED answers the deactivation 404, as one that is gone; the DELETE then deletes the first,
 * and answers the second 404 (gone: the desired end).
 */
export async function deleteUser(client: OktaClient, id: string): Promise<void> {
    try {
        await deactivateUser(client, { id });
    } catch (err) {
        if (!(err instanceof OktaApiError && err.isNotFound)) {
            throw err;
        }
    }
    await client.delete(managementPath("users", requiredId("id", id)), { sendEmail: false });
}

export async function reactivateUser(client: OktaClient, args: SendEmailArgs): Promise<ActivationToken> {
    return tokenOf(await lifecycle(client, args.id, "reactivate", { sendEmail: args.sendEmail ?? false }));
}

export async function suspendUser(client: OktaClient, args: UserRef): Promise<void> {
    await lifecycle(client, args.id, "suspend");
}

export async function unsuspendUser(client: OktaClient, args: UserRef): Promise<void> {
    await lifecycle(client, args.id, "unsuspend");
}

/**
 * Unlocks a LOCKED_OUT user. The product lists a "Send Email" input here, but Okta's unlock endpoint takes no
 * parameter, so it is accepted and not sent.
 */
export async function unlockUser(client: OktaClient, args: SendEmailArgs): Promise<void> {
    await lifecycle(client, args.id, "unlock");
}

export async function lifecycle(client: OktaClient, id: string, operation: string, query?: Record<string, boolean>): Promise<unknown> {
    const user = requiredId("id", id);
    usersAhead.forget(client, user);
    return client.post<unknown>(managementPath("users", user, "lifecycle", operation), undefined, query);
}

function tokenOf(body: unknown): ActivationToken {
    const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const token: ActivationToken = {};
    if (typeof fields.activationToken === "string") {
        token.activationToken = fields.activationToken;
    }
    if (typeof fields.activationUrl === "string") {
        token.activationUrl = fields.activationUrl;
    }
    return token;
}
