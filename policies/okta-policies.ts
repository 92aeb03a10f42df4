import type { Policies } from "@pulumi/policy";
import { hookUrls } from "./hook-urls";
import { operationTickets } from "./operation-tickets";
import { privilegedGroups } from "./privileged-groups";
import { requiredAttributes } from "./required-attributes";
import { userDomains } from "./user-domains";
import { maxUserDeletions } from "./user-deletions";

/**
 * The guardrails of the `pulumi-okta-iac/policies` pack (docs/policies.md), for a team's own pack to reuse:
 * `new PolicyPack("mine", { policies: [...oktaPolicies, ...others] })`.
 */
export const oktaPolicies: Policies = [hookUrls, privilegedGroups, userDomains, requiredAttributes, maxUserDeletions, operationTickets];

/** The ready pack's folder, for `pulumi preview --policy-pack <policyPackDirectory>`. */
export const policyPackDirectory = __dirname;

/** The pack's name in PulumiPolicy.yaml and in `--policy-pack-config` files. */
export const POLICY_PACK_NAME = "okta-iac";

export { hookUrls, maxUserDeletions, operationTickets, privilegedGroups, requiredAttributes, userDomains };
