import { requiredId } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaPolicy } from "./types";
import { managementPath } from "./paths";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";

/** The product's "List Policies". Okta requires `type`. */
export interface ListPoliciesArgs extends ListOptions {
    /** e.g. `OKTA_SIGN_ON`, `PASSWORD`, `MFA_ENROLL`, `ACCESS_POLICY`, `PROFILE_ENROLLMENT`, `IDP_DISCOVERY`. */
    type: string;
    /** `ACTIVE` or `INACTIVE`. */
    status?: string;
    /** Prefix match on the policy name. */
    q?: string;
    /** Okta's `expand` (e.g. `rules`). */
    expand?: string;
    sortBy?: string;
    /** The authorization server (or other resource) the policies belong to. */
    resourceId?: string;
}

export async function listPolicies(client: OktaClient, args: ListPoliciesArgs, onProgress?: PageProgress): Promise<ListResult<OktaPolicy>> {
    const query = {
        type: requiredId("type", args.type),
        status: args.status,
        q: args.q,
        expand: args.expand,
        sortBy: args.sortBy,
        resourceId: args.resourceId,
    };
    return list<OktaPolicy>(client, { path: managementPath("policies"), query }, args, onProgress);
}
