import { requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";

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
    await client.delete(`/api/v1/users/${segment(userId)}/factors/${segment(factorId)}`, {
        removeRecoveryEnrollment: args.removeRecoveryEnrollment ?? false,
    });
}
