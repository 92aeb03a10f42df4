import { OktaApiError, type OktaClient } from "../client";
import { requiredId } from "./arguments";
import { CollectionReads } from "./collection-reads";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";
import { managementPath } from "./paths";
import type { AppUserWrite, OktaAppUser, OktaApplication } from "./types";

/** Apps and their user assignments (docs/okta/apps.md). */

/** `/apps/{id}/users` pages hold at most 500 assignments (docs/okta/pagination.md#page-sizes). */
const ASSIGNMENT_PAGE_SIZE = 500;

function appPath(appId: string, ...rest: string[]): string {
    return managementPath("apps", requiredId("appId", appId), ...rest);
}

function assignmentPath(appId: string, userId: string): string {
    return appPath(appId, "users", requiredId("userId", userId));
}

/** The product's "Get Application". */
export async function getApplication(client: OktaClient, args: { appId: string; expand?: string }): Promise<OktaApplication> {
    const appId = requiredId("appId", args.appId);
    return client.get<OktaApplication>(appPath(appId), { expand: args.expand });
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
    return list<OktaApplication>(client, { path: managementPath("apps"), query }, args, onProgress);
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
    return client.get<OktaAppUser>(assignmentPath(appId, userId), { expand: args.expand });
}

/** The user's assignment to the app, or undefined when there is none. */
export async function findAppUser(client: OktaClient, appId: string, userId: string): Promise<OktaAppUser | undefined> {
    try {
        return await client.get<OktaAppUser>(assignmentPath(appId, userId));
    } catch (err) {
        if (err instanceof OktaApiError && err.isNotFound) {
            return undefined;
        }
        throw err;
    }
}

/**
 * Coalesced reads of an app's assignments: concurrent questions about one app (a refresh of many assignments) are
 * answered from one listing of its users (see collection-reads.ts); a lone question costs one GET.
 */
const assignmentReads = new CollectionReads<OktaAppUser>(async (client, appId) => {
    const assignments = new Map<string, OktaAppUser>();
    for await (const assignment of client.paginate<OktaAppUser>(appPath(appId, "users"), { limit: ASSIGNMENT_PAGE_SIZE })) {
        assignments.set(assignment.id, assignment);
    }
    return assignments;
});

/** The user's assignment to the app (undefined when there is none), coalesced with concurrent reads of the same app. */
export function readAppUser(client: OktaClient, appId: string, userId: string): Promise<OktaAppUser | undefined> {
    return assignmentReads.find(client, appId, userId, () => findAppUser(client, appId, userId));
}

/** Assigns the user to the app. One assignment per app and user: a retried create finds the one an earlier attempt made. */
export async function assignUserToApp(client: OktaClient, appId: string, userId: string, assignment: AppUserWrite): Promise<OktaAppUser> {
    assignmentReads.invalidate(client, appId);
    return client.post<OktaAppUser>(appPath(appId, "users"), { id: userId, ...assignment }, undefined, {
        probe: () => findAppUser(client, appId, userId),
    });
}

/** Changes an assignment's credentials or profile; it sets values, so sending it twice changes nothing more. */
export async function updateAppUser(client: OktaClient, appId: string, userId: string, changes: AppUserWrite): Promise<OktaAppUser> {
    assignmentReads.invalidate(client, appId);
    return client.post<OktaAppUser>(assignmentPath(appId, userId), changes, undefined, { idempotent: true });
}

export async function unassignUserFromApp(client: OktaClient, appId: string, userId: string): Promise<void> {
    assignmentReads.invalidate(client, appId);
    await client.delete(assignmentPath(appId, userId), { sendEmail: false });
}

/** Each app's credentials scheme (docs/okta/apps.md#credentials-follow-the-apps-scheme), looked up once per process. */
const schemes = new WeakMap<OktaClient, Map<string, Promise<string | undefined>>>();

export function appCredentialsScheme(client: OktaClient, appId: string): Promise<string | undefined> {
    let byApp = schemes.get(client);
    if (!byApp) {
        byApp = new Map();
        schemes.set(client, byApp);
    }
    let scheme = byApp.get(appId);
    if (!scheme) {
        scheme = client.get<OktaApplication>(appPath(appId)).then((app) => app.credentials?.scheme);
        scheme.catch(() => byApp.delete(appId));
        byApp.set(appId, scheme);
    }
    return scheme;
}

/** The product's "List Application Users": the app's assignments, direct (`USER`) and through groups (`GROUP`). */
export interface ListAppUsersArgs extends ListOptions {
    appId: string;
    /** Okta's `expand` (`user` embeds each Okta user). */
    expand?: string;
}

export async function listAppUsers(client: OktaClient, args: ListAppUsersArgs, onProgress?: PageProgress): Promise<ListResult<OktaAppUser>> {
    return list<OktaAppUser>(client, { path: appPath(args.appId, "users"), query: { expand: args.expand } }, args, onProgress);
}
