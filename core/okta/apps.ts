import { requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaAppUser, OktaApplication } from "./types";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";

/** The product's "Get Application". */
export async function getApplication(client: OktaClient, args: { appId: string; expand?: string }): Promise<OktaApplication> {
    const appId = requiredId("appId", args.appId);
    return client.get<OktaApplication>(`/api/v1/apps/${segment(appId)}`, { expand: args.expand });
}

/** The product's "List Applications". */
export interface ListApplicationsArgs extends ListOptions {
    /** Prefix match on the app's `name` or `label`. */
    q?: string;
    /** Okta filter expression on `id`, `status`, `name`, ... (e.g. `status eq "ACTIVE"`). */
    filter?: string;
    /** Okta's `expand` (e.g. `user/<userId>`). */
    expand?: string;
    /** Return deleted apps as well (default false). */
    includeNonDeleted?: boolean;
    /** Let Okta leave some properties out for a faster answer (default false). */
    useOptimization?: boolean;
}

export async function listApplications(
    client: OktaClient,
    args: ListApplicationsArgs = {},
    onProgress?: PageProgress,
): Promise<ListResult<OktaApplication>> {
    const query = {
        q: args.q,
        filter: args.filter,
        expand: args.expand,
        // Okta's defaults are the product's (false): only a true value is sent.
        includeNonDeleted: args.includeNonDeleted || undefined,
        useOptimization: args.useOptimization || undefined,
    };
    return list<OktaApplication>(client, { path: "/api/v1/apps", query }, args, onProgress);
}

/** The product's "Get Application User Assignment". */
export interface GetAppUserAssignmentArgs {
    appId: string;
    userId: string;
    /** `user` embeds the Okta user in `_embedded.user`. */
    expand?: string;
}

export async function getAppUserAssignment(client: OktaClient, args: GetAppUserAssignmentArgs): Promise<OktaAppUser> {
    const appId = requiredId("appId", args.appId);
    const userId = requiredId("userId", args.userId);
    return client.get<OktaAppUser>(`/api/v1/apps/${segment(appId)}/users/${segment(userId)}`, { expand: args.expand });
}
