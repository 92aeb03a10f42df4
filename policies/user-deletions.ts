import type { StackValidationPolicy } from "@pulumi/policy";
import { previousState } from "./previous-state";
import { USER } from "./resources";

export interface UserDeletionsConfig {
    /** The most users one update may delete. */
    maxUserDeletions: number;
}

/**
 * Deleting a user in Okta deactivates it and then deletes it for good; a program edit that drops a list of users,
 * or points a stack at the wrong org, deletes them all. One update may delete at most `maxUserDeletions` users
 * (docs/policies.md#okta-max-user-deletions). Replacements keep their URN and are not counted.
 */
export const maxUserDeletions: StackValidationPolicy = {
    name: "okta-max-user-deletions",
    description: "One update deletes at most maxUserDeletions users.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { maxUserDeletions: { type: "integer", minimum: 0, default: 5 } },
    },
    validateStack: async (args, reportViolation) => {
        const { maxUserDeletions: limit } = args.getConfig<UserDeletionsConfig>();
        const declared = new Set(args.resources.map((resource) => resource.urn));
        let previous;
        try {
            previous = await previousState();
        } catch (error) {
            const firstLine = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split("\n")[0];
            reportViolation(`could not read the stack's state to count user deletions: ${firstLine}`);
            return;
        }
        const deleted = previous.filter((resource) => resource.type === USER && !declared.has(resource.urn));
        if (deleted.length > limit) {
            const logins = deleted.map((user) => String(user.outputs?.login ?? user.urn.split("::").pop())).sort();
            const shown = logins.slice(0, 10).join(", ") + (logins.length > 10 ? `, and ${logins.length - 10} more` : "");
            reportViolation(`this update would delete ${deleted.length} users (${shown}); at most ${limit} may be deleted in one update (maxUserDeletions)`);
        }
    },
};
