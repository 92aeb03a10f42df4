import { appCredentialsScheme, assignUserToApp, findAppUser, readAppUser, unassignUserFromApp, updateAppUser } from "../../core/okta/apps";
import type { AppUserWrite, OktaAppUser } from "../../core/okta/types";
import type { AppUserAssignmentInputs, AppUserAssignmentOutputs } from "../generated/types";
import { looksForExisting, takesOver } from "../recovery";
import { attributesToWrite, managedAttributes, orUndefined, sameScalar, sameValue } from "./compare";
import type { ResourceHandler } from "./handler";

/** Apps whose users share one set of credentials: Okta refuses user-level credentials for them. */
const SHARED_CREDENTIALS = "SHARED_USERNAME_AND_PASSWORD";

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
        const scheme = await appCredentialsScheme(client, inputs.appId);
        assertCredentialsAllowed(inputs, scheme);
        const found = looksForExisting(inputs.adopt) ? await findAppUser(client, inputs.appId, inputs.userId) : undefined;
        const existing = takesOver(inputs.adopt, found, "AppUserAssignment", assignmentId(inputs.appId, inputs.userId)) ? found : undefined;
        if (existing && !differsFrom(existing, inputs, scheme)) {
            // Taken over as it is: nothing to write (docs/generate.md#the-first-up-writes-nothing).
            return { id: assignmentId(inputs.appId, inputs.userId), outs: outputsOf(existing, inputs, scheme) };
        }
        const assignment = existing
            ? await updateAppUser(client, inputs.appId, inputs.userId, assignmentBody(inputs, existing.profile ?? {}))
            : await assignUserToApp(client, inputs.appId, inputs.userId, { scope: inputs.scope ?? "USER", ...assignmentBody(inputs, {}) });
        return { id: assignmentId(inputs.appId, inputs.userId), outs: outputsOf(assignment, inputs, scheme) };
    },

    async read(client, id, olds) {
        const [appId, userId] = olds.appId && olds.userId ? [olds.appId, olds.userId] : id.split("/");
        const assignment = await readAppUser(client, appId, userId);
        if (!assignment) {
            return undefined;
        }
        const outs = outputsOf(assignment, { ...olds, appId, userId }, olds.credentialsScheme);
        return { id: assignmentId(appId, userId), outs, inputs: inputsOf(outs) };
    },

    async update(client, _id, olds, news) {
        const scheme = await appCredentialsScheme(client, news.appId);
        assertCredentialsAllowed(news, scheme);
        const assignment = await updateAppUser(client, news.appId, news.userId, assignmentBody(news, olds.profile ?? {}));
        return outputsOf(assignment, news, scheme);
    },

    async delete(client, _id, olds) {
        await unassignUserFromApp(client, olds.appId!, olds.userId!);
    },
};

/** Whether an existing assignment needs a write to match `inputs` (a password is always written: Okta never returns it). */
function differsFrom(existing: OktaAppUser, inputs: AppUserAssignmentInputs, scheme: string | undefined): boolean {
    const current = outputsOf(existing, { ...inputs, password: undefined }, scheme);
    return appUserAssignmentHandler.changedInputs(current, { ...inputs, scope: inputs.scope ?? "USER" }).length > 0;
}

/** Credentials (when the app takes them) and the managed profile, with cleared attributes set to `null`. */
function assignmentBody(inputs: AppUserAssignmentInputs, previousProfile: Record<string, unknown>): AppUserWrite {
    const body: AppUserWrite = {};
    const credentials: NonNullable<AppUserWrite["credentials"]> = {};
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

/** The assignment's state: managed values, the password as last set, status and scheme, no timestamps (docs/state.md#what-state-holds). */
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

