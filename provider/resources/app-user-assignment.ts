import { OktaApiError, type OktaClient } from "../../core/client";
import type { AppUserAssignmentInputs, AppUserAssignmentOutputs } from "../generated/types";
import { looksForExisting, takesOver } from "../recovery";
import { attributesToWrite, managedAttributes, orUndefined, sameScalar, sameValue } from "./compare";
import type { ResourceHandler } from "./handler";
import { CollectionReads } from "./listings";

/** Okta's app user object, as far as this resource uses it. */
interface OktaAppUser {
    id: string;
    scope: "USER" | "GROUP";
    status: string;
    syncState?: string;
    created: string;
    lastUpdated: string;
    statusChanged?: string | null;
    credentials?: { userName?: string; password?: Record<string, unknown> };
    profile?: Record<string, unknown>;
}

/** `/apps/{id}/users` pages hold at most 500 assignments. */
const ASSIGNMENT_PAGE_SIZE = 500;

/** Apps whose users share one set of credentials: Okta refuses user-level credentials for them. */
const SHARED_CREDENTIALS = "SHARED_USERNAME_AND_PASSWORD";

const assignmentReads = new CollectionReads<OktaAppUser>(async (client, appId) => {
    const assignments = new Map<string, OktaAppUser>();
    for await (const assignment of client.paginate<OktaAppUser>(`${appPath(appId)}/users`, { limit: ASSIGNMENT_PAGE_SIZE })) {
        assignments.set(assignment.id, assignment);
    }
    return assignments;
});

/** Each app's credentials scheme, looked up once per provider process. */
const schemes = new WeakMap<OktaClient, Map<string, Promise<string | undefined>>>();

export const appUserAssignmentHandler: ResourceHandler<AppUserAssignmentInputs, AppUserAssignmentOutputs> = {
    token: "okta:index:AppUserAssignment",
    // A new assignment with a new scope needs the old one gone first: Okta holds one per app and user.
    deleteBeforeReplace: true,

    changedInputs(olds, news) {
        const changed: string[] = (["appId", "userId", "scope"] as const).filter((key) => !sameScalar(olds[key], news[key]));
        if (news.username !== undefined && !sameScalar(olds.username, news.username)) {
            changed.push("username");
        }
        if (news.password !== undefined && news.password !== olds.password) {
            changed.push("password");
        }
        if (!sameValue(olds.profile ?? {}, news.profile ?? {})) {
            changed.push("profile");
        }
        return changed;
    },

    async create(client, inputs) {
        const scheme = await credentialsScheme(client, inputs.appId);
        assertCredentialsAllowed(inputs, scheme);
        const found = looksForExisting(inputs.adopt) ? await getAssignment(client, inputs.appId, inputs.userId) : undefined;
        const existing = takesOver(inputs.adopt, found, "AppUserAssignment", assignmentId(inputs.appId, inputs.userId)) ? found : undefined;
        assignmentReads.invalidate(client, inputs.appId);
        const assignment = existing
            ? await client.post<OktaAppUser>(assignmentPath(inputs.appId, inputs.userId), assignmentBody(inputs, existing.profile ?? {}), undefined, { idempotent: true })
            : await client.post<OktaAppUser>(
                  `${appPath(inputs.appId)}/users`,
                  { id: inputs.userId, scope: inputs.scope ?? "USER", ...assignmentBody(inputs, {}) },
                  undefined,
                  // One assignment per app and user: a retried create finds the one an earlier attempt made.
                  { probe: () => getAssignment(client, inputs.appId, inputs.userId) },
              );
        return { id: assignmentId(inputs.appId, inputs.userId), outs: outputsOf(assignment, inputs, scheme) };
    },

    async read(client, id, olds) {
        const [appId, userId] = olds.appId && olds.userId ? [olds.appId, olds.userId] : id.split("/");
        const assignment = await assignmentReads.find(client, appId, userId, () => getAssignment(client, appId, userId));
        if (!assignment) {
            return undefined;
        }
        const outs = outputsOf(assignment, { ...olds, appId, userId }, olds.credentialsScheme);
        return { id: assignmentId(appId, userId), outs, inputs: inputsOf(outs) };
    },

    async update(client, _id, olds, news) {
        const scheme = await credentialsScheme(client, news.appId);
        assertCredentialsAllowed(news, scheme);
        assignmentReads.invalidate(client, news.appId);
        const assignment = await client.post<OktaAppUser>(assignmentPath(news.appId, news.userId), assignmentBody(news, olds.profile ?? {}), undefined, {
            idempotent: true,
        });
        return outputsOf(assignment, news, scheme);
    },

    async delete(client, _id, olds) {
        assignmentReads.invalidate(client, olds.appId!);
        await client.delete(assignmentPath(olds.appId!, olds.userId!), { sendEmail: false });
    },
};

/** Credentials (when the app takes them) and the managed profile, with cleared attributes set to `null`. */
function assignmentBody(inputs: AppUserAssignmentInputs, previousProfile: Record<string, unknown>): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    const credentials: Record<string, unknown> = {};
    if (inputs.username !== undefined) {
        credentials.userName = inputs.username;
    }
    if (inputs.password !== undefined) {
        credentials.password = { value: inputs.password };
    }
    if (Object.keys(credentials).length > 0) {
        body.credentials = credentials;
    }
    if (inputs.profile !== undefined || Object.keys(previousProfile).length > 0) {
        body.profile = attributesToWrite(inputs.profile, previousProfile);
    }
    return body;
}

/** Okta rejects user credentials on shared-credential apps ("Credentials should not be set on this resource ..."). */
function assertCredentialsAllowed(inputs: AppUserAssignmentInputs, scheme: string | undefined): void {
    if (scheme === SHARED_CREDENTIALS && (inputs.username !== undefined || inputs.password !== undefined)) {
        throw new Error(
            `application ${inputs.appId} uses shared credentials (${SHARED_CREDENTIALS}): all its users sign in with the ` +
                "app's own username and password, so leave `username` and `password` unset for this assignment",
        );
    }
}

function credentialsScheme(client: OktaClient, appId: string): Promise<string | undefined> {
    let byApp = schemes.get(client);
    if (!byApp) {
        byApp = new Map();
        schemes.set(client, byApp);
    }
    let scheme = byApp.get(appId);
    if (!scheme) {
        scheme = client.get<{ credentials?: { scheme?: string } }>(appPath(appId)).then((app) => app.credentials?.scheme);
        scheme.catch(() => byApp.delete(appId));
        byApp.set(appId, scheme);
    }
    return scheme;
}

async function getAssignment(client: OktaClient, appId: string, userId: string): Promise<OktaAppUser | undefined> {
    try {
        return await client.get<OktaAppUser>(assignmentPath(appId, userId));
    } catch (err) {
        if (err instanceof OktaApiError && err.isNotFound) {
            return undefined;
        }
        throw err;
    }
}

function outputsOf(assignment: OktaAppUser, managed: Partial<AppUserAssignmentInputs>, scheme: string | undefined): AppUserAssignmentOutputs {
    return {
        appId: managed.appId!,
        userId: assignment.id,
        username: orUndefined(assignment.credentials?.userName),
        password: managed.password,
        scope: assignment.scope,
        profile: managedAttributes(Object.keys(managed.profile ?? {}), assignment.profile ?? {}),
        adopt: managed.adopt,
        status: assignment.status,
        syncState: orUndefined(assignment.syncState),
        credentialsScheme: scheme,
        created: assignment.created,
        lastUpdated: assignment.lastUpdated,
        statusChanged: orUndefined(assignment.statusChanged),
    };
}

function inputsOf(outs: AppUserAssignmentOutputs): AppUserAssignmentInputs {
    return {
        appId: outs.appId,
        userId: outs.userId,
        username: outs.username,
        password: outs.password,
        scope: outs.scope,
        profile: outs.profile,
        adopt: outs.adopt,
    };
}

function assignmentId(appId: string, userId: string): string {
    return `${appId}/${userId}`;
}

function appPath(appId: string): string {
    return `/api/v1/apps/${encodeURIComponent(appId)}`;
}

function assignmentPath(appId: string, userId: string): string {
    return `${appPath(appId)}/users/${encodeURIComponent(userId)}`;
}
