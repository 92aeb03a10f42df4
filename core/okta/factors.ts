import type { OktaClient } from "../client";
import { requiredId } from "./arguments";
import { list, type ListResult } from "./listing";
import { managementPath } from "./paths";
import type { OktaUserFactor } from "./types";

/** A user's factors (docs/okta/directory.md#factors). */

/** The product's "List User Factors": the factors the user has enrolled. */
export async function listUserFactors(client: OktaClient, args: { userId: string }): Promise<ListResult<OktaUserFactor>> {
    const userId = requiredId("userId", args.userId);
    return list<OktaUserFactor>(client, { path: managementPath("users", userId, "factors") }, { fetchAll: true });
}

/** The product's "Unenroll User Factor". */
export interface UnenrollFactorArgs {
    userId: string;
    factorId: string;
    /** For `sms` and `call` factors: also remove the phone number as a recovery method (default false). */
    removeRecoveryEnrollment?: boolean;
}

export async function unenrollFactor(client: OktaClient, args: UnenrollFactorArgs): Promise<void> {
    const userId = requiredId("userId", args.userId);
    const factorId = requiredId("factorId", args.factorId);
    await client.delete(managementPath("users", userId, "factors", factorId), {
        removeRecoveryEnrollment: args.removeRecoveryEnrollment ?? false,
    });
}
