import { requiredId } from "./arguments";
import { managementPath } from "./paths";
import type { OktaClient } from "../client";

/** The product's "Clear User Sessions". */
export interface ClearUserSessionsArgs {
    userId: string;
    /** Also revoke the OpenID Connect and OAuth refresh and access tokens issued to the user (default false). */
    oauthTokens?: boolean;
    /** Also forget the user's remembered factors on every device (default false). */
    forgetDevices?: boolean;
}

export async function clearUserSessions(client: OktaClient, args: ClearUserSessionsArgs): Promise<void> {
    const userId = requiredId("userId", args.userId);
    // Okta's own default for forgetDevices is true; the product's is false, so it is always sent.
    await client.delete(managementPath("users", userId, "sessions"), {
        oauthTokens: args.oauthTokens ?? false,
        forgetDevices: args.forgetDevices ?? false,
    });
}
