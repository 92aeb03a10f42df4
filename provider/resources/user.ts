import type { OktaClient } from "../../core/client";
import type { UserInputs, UserOutputs } from "../generated/types";
import type { CheckFailure } from "../schema";
import { attributesToWrite, changedScalars, isEmpty, managedAttributes, orUndefined, sameScalar, sameSet, sameValue } from "./compare";
import { addMember, membershipsOfUser, removeMember } from "../../core/okta/group-members";
import { setUserPassword, changeUserPassword } from "../../core/okta/passwords";
import type { OktaUser, PasswordHash, UserWrite } from "../../core/okta/types";
import { lifecycle } from "../../core/okta/user-lifecycle";
import { readUser } from "../../core/okta/user-reads";
import { deleteUser } from "../../core/okta/user-lifecycle";
import { createUser, findUserByLogin, getUser, groupIdsOfUser, replaceUser, updateUser } from "../../core/okta/users";
import { looksForExisting, takesOver } from "../recovery";
import { PartialFailure, type ResourceHandler } from "./handler";
import { nextLifecycleStep, satisfies, type DesiredUserStatus, type LifecycleStep } from "./user-lifecycle";

/** Inputs that are attributes of Okta's user profile, under the same names. */
const PROFILE_INPUTS = ["login", "email", "firstName", "lastName", "department", "employeeNumber", "locale", "mobilePhone"] as const;

/** Inputs managed only when the program sets them: Okta gives them a value of its own otherwise. */
const OPTIONAL_SCALARS = ["recoveryQuestion", "providerType", "providerName", "realmId", "typeId"] as const;

/** Inputs that only shape the creation request. */
const CREATE_ONLY = ["activate", "provider", "nextLogin", "adopt"] as const;

/** Okta finishes some lifecycle operations asynchronously; wait this long at most for `transitioningToStatus`. */
const TRANSITION_POLL_MS = 500;
const TRANSITION_POLLS = 60;

export const userHandler: ResourceHandler<UserInputs, UserOutputs> = {
    token: "okta:index:User",

    changedInputs(olds, news) {
        const changed: string[] = changedScalars(olds, news, PROFILE_INPUTS);
        changed.push(...OPTIONAL_SCALARS.filter((key) => news[key] !== undefined && !sameScalar(olds[key], news[key])));
        if (!sameValue(olds.profileAttributes ?? {}, news.profileAttributes ?? {})) {
            changed.push("profileAttributes");
        }
        // Okta never returns secrets: a change is a new desired value, compared with the one last set.
        for (const key of ["password", "recoveryAnswer"] as const) {
            if (news[key] !== undefined && news[key] !== olds[key]) {
                changed.push(key);
            }
        }
        if (news.passwordHash !== undefined && !sameValue(news.passwordHash, olds.passwordHash)) {
            changed.push("passwordHash");
        }
        if (!sameSet(olds.groupIds, news.groupIds)) {
            changed.push("groupIds");
        }
        const statusChanged = news.status !== undefined && (news.status !== olds.status || !satisfies(olds.rawStatus, news.status));
        if (olds.rawStatus === "DEPROVISIONED" && (news.status === undefined || news.status === "DEPROVISIONED")) {
            // Okta refuses changes to a deactivated user: they wait until it is activated again.
            return statusChanged ? ["status"] : [];
        }
        if (statusChanged) {
            changed.push("status");
        }
        return changed;
    },

    validate(inputs, creating) {
        const failures: CheckFailure[] = [];
        const fail = (property: string, reason: string) => failures.push({ property, reason });
        if (inputs.password !== undefined && inputs.passwordHash !== undefined) {
            fail("passwordHash", "passwordHash and password cannot both be set: give the password or its hash");
        }
        if (inputs.oldPassword !== undefined && inputs.password === undefined) {
            fail("oldPassword", "oldPassword is only used to change `password`; set password too");
        }
        if (inputs.nextLogin !== undefined && inputs.password === undefined) {
            fail("nextLogin", "nextLogin changePassword needs `password` (Okta E0000124)");
        }
        if (inputs.nextLogin !== undefined && createsInactive(inputs)) {
            fail("nextLogin", "nextLogin changePassword needs the user to be activated at creation (Okta E0000125)");
        }
        if (creating && suspendsWithoutPassword(inputs)) {
            fail("status", SUSPEND_NEEDS_PASSWORD);
        }
        if ((inputs.recoveryQuestion === undefined) !== (inputs.recoveryAnswer === undefined)) {
            const missing = inputs.recoveryQuestion === undefined ? "recoveryQuestion" : "recoveryAnswer";
            fail(missing, "recoveryQuestion and recoveryAnswer are set together");
        }
        if (inputs.providerName !== undefined && inputs.providerType === undefined) {
            fail("providerType", "providerType is required with providerName");
        }
        if (inputs.provider === true && inputs.providerType === undefined) {
            fail("providerType", "provider: true creates the user with its authentication provider; set providerType");
        }
        return failures;
    },

    async create(client, inputs) {
        const existing = looksForExisting(inputs.adopt) ? await findUserByLogin(client, inputs.login) : undefined;
        if (existing && takesOver(inputs.adopt, existing, "User", inputs.login)) {
            // Taken over as it is: only what differs from the inputs is written.
            // Concurrent adoptions are answered from the member listings of the declared groups, as a refresh is.
            const groupIds = inputs.groupIds?.length ? (await membershipsOfUser(client, existing.id, inputs.groupIds)).groupIds : inputs.groupIds;
            const adopted = outputsOf(existing, { profileAttributes: inputs.profileAttributes }, groupIds);
            return { id: existing.id, outs: await converge(client, existing, adopted, inputs, this.changedInputs(adopted, inputs)) };
        }
        const user = await createUser(client, creationBody(inputs), { activate: !createsInactive(inputs), provider: inputs.provider, nextLogin: inputs.nextLogin });
        try {
            return { id: user.id, outs: outputsOf(await reachStatusOf(client, user, inputs), inputs, inputs.groupIds) };
        } catch (err) {
            throw partial(err, user.id, outputsOf(user, inputs, inputs.groupIds));
        }
    },

    async read(client, id, olds) {
        // A refresh reads users in batches, and the listed groups from their member listings, which hold the user
        // too (docs/okta/users.md#batched-reads).
        const memberships = olds.groupIds?.length ? await membershipsOfUser(client, id, olds.groupIds) : undefined;
        const user = memberships?.user ?? (await readUser(client, id));
        const outs = outputsOf(user, olds, memberships ? memberships.groupIds : olds.groupIds);
        return { id: user.id, outs, inputs: inputsOf(outs, olds) };
    },

    async update(client, id, olds, news, changed) {
        const current = await getUser(client, { id });
        return converge(client, current, olds, news, changed);
    },

    async delete(client, id) {
        await deleteUser(client, id);
    },
};

/**
 * A new user declared SUSPENDED that Okta would create PROVISIONED (no password, hash or external provider: it waits
 * for activation, docs/okta/users.md#create), which Okta cannot suspend (docs/okta/users.md#transitions). Refused at
 * preview rather than failing half-way through the `up`; an adopted user is taken as it is and may already be ACTIVE.
 */
function suspendsWithoutPassword(inputs: Partial<UserInputs>): boolean {
    const external = inputs.providerType !== undefined && inputs.providerType !== "OKTA";
    return inputs.status === "SUSPENDED" && inputs.adopt !== true && inputs.password === undefined && inputs.passwordHash === undefined && !external;
}

const SUSPEND_NEEDS_PASSWORD =
    "a new user declared SUSPENDED needs `password` (or `passwordHash`): created without one it waits for activation " +
    "(PROVISIONED), and Okta suspends only ACTIVE users. Give a password (it is set, then the user is suspended), or " +
    "declare the user STAGED until it has one";

/** The status `create` asks Okta for: `status` when set, else `activate`. */
function createsInactive(inputs: Partial<UserInputs>): boolean {
    return inputs.status !== undefined ? inputs.status === "STAGED" || inputs.status === "DEPROVISIONED" : inputs.activate === false;
}

function creationBody(inputs: UserInputs): UserWrite & { profile: { login: string } } {
    const profile = Object.fromEntries(Object.entries(profileToWrite(inputs, undefined)).filter(([, value]) => value !== null));
    const body: UserWrite & { profile: { login: string } } = { profile: profile as { login: string } };
    const credentials = credentialsToWrite(inputs, ["password", "passwordHash", "recoveryAnswer", "providerType"]);
    if (credentials) {
        body.credentials = credentials;
    }
    if (inputs.groupIds?.length) {
        body.groupIds = inputs.groupIds;
    }
    if (inputs.typeId) {
        body.type = { id: inputs.typeId };
    }
    if (inputs.realmId) {
        body.realmId = inputs.realmId;
    }
    return body;
}

/**
 * Brings an existing user to `news`: profile and credentials, group memberships, then the lifecycle status. A user
 * that is DEPROVISIONED is activated first, since Okta refuses profile changes to deactivated users.
 */
async function converge(client: OktaClient, current: OktaUser, olds: Partial<UserOutputs>, news: UserInputs, changed: string[]): Promise<UserOutputs> {
    let user = current;
    try {
        if (user.status === "DEPROVISIONED" && news.status !== undefined && news.status !== "DEPROVISIONED") {
            user = await reachStatusOf(client, user, news);
        }
        user = await writeAttributes(client, user, olds, news, changed);
        if (changed.includes("groupIds")) {
            await syncListedGroups(client, user.id, olds.groupIds ?? [], news.groupIds ?? []);
        }
        user = await reachStatusOf(client, user, news);
        return outputsOf(user, news, news.groupIds);
    } catch (err) {
        // State keeps the previous desired values (secrets included), so the next `up` tries the rest again.
        throw partial(err, user.id, outputsOf(user, olds, olds.groupIds));
    }
}

/** Runs lifecycle steps until the live status satisfies `news.status` (when set). */
async function reachStatusOf(client: OktaClient, start: OktaUser, news: UserInputs): Promise<OktaUser> {
    let user = start;
    const desired = news.status as DesiredUserStatus | undefined;
    if (desired === undefined) {
        return user;
    }
    const taken: LifecycleStep[] = [];
    for (;;) {
        const step = nextLifecycleStep(user.status, desired, news.password !== undefined);
        if (step === undefined) {
            return user;
        }
        if (taken.includes(step) || taken.length >= 4) {
            throw new Error(
                `user ${user.id} is ${user.status} after ${taken.join(", ")}; Okta did not reach ${desired} (the status may be ` +
                    "changing asynchronously: run `pulumi up` again)",
            );
        }
        taken.push(step);
        user = await runStep(client, user, step, news);
    }
}

async function runStep(client: OktaClient, user: OktaUser, step: LifecycleStep, news: UserInputs): Promise<OktaUser> {
    if (step === "setPassword") {
        return setUserPassword(client, user.id, { value: news.password! }, { idempotent: true });
    }
    const sendEmail = step === "activate" || step === "deactivate" ? { sendEmail: false } : undefined;
    await lifecycle(client, user.id, step, sendEmail);
    return settled(client, user.id);
}

/** The user once no asynchronous lifecycle operation is running on it. */
async function settled(client: OktaClient, id: string): Promise<OktaUser> {
    let user = await getUser(client, { id });
    for (let poll = 0; user.transitioningToStatus && poll < TRANSITION_POLLS; poll++) {
        await new Promise((resolve) => setTimeout(resolve, TRANSITION_POLL_MS));
        user = await getUser(client, { id });
    }
    return user;
}

/** Profile, credentials, type and realm: at most one partial update (or one replace for a type change). */
async function writeAttributes(client: OktaClient, user: OktaUser, olds: Partial<UserOutputs>, news: UserInputs, changed: string[]): Promise<OktaUser> {
    const profileChanged = changed.some((key) => (PROFILE_INPUTS as readonly string[]).includes(key) || key === "profileAttributes");
    const credentialKeys = changed.filter((key) => ["password", "passwordHash", "recoveryQuestion", "recoveryAnswer", "providerType", "providerName"].includes(key));
    const viaChangePassword = credentialKeys.includes("password") && news.oldPassword !== undefined;
    if (viaChangePassword) {
        // The user's own flow: Okta checks the old password and the password policy's history rules.
        await changeUserPassword(client, user.id, { oldPassword: { value: news.oldPassword! }, newPassword: { value: news.password! } });
    }
    const credentials = credentialsToWrite(news, credentialKeys.filter((key) => !(viaChangePassword && key === "password")));
    const realmChanged = changed.includes("realmId");

    if (changed.includes("typeId")) {
        // Okta changes a user's type only through a full replace, which also replaces the profile: keep what is there.
        const profile = { ...user.profile, ...profileToWrite(news, olds.profileAttributes) };
        return replaceUser(client, user.id, {
            profile,
            type: { id: news.typeId! },
            ...(credentials ? { credentials } : {}),
            ...(news.realmId ? { realmId: news.realmId } : {}),
        });
    }
    if (!profileChanged && !credentials && !realmChanged) {
        return user;
    }
    const changes: UserWrite = {
        ...(profileChanged ? { profile: profileToWrite(news, olds.profileAttributes) } : {}),
        ...(credentials ? { credentials } : {}),
        ...(realmChanged ? { realmId: news.realmId } : {}),
    };
    return updateUser(client, user.id, changes);
}

/** The managed profile: named inputs (an unset one is cleared with `null`) and the extra attributes. */
function profileToWrite(news: UserInputs, previousAttributes: Record<string, unknown> | undefined): Record<string, unknown> {
    const profile: Record<string, unknown> = attributesToWrite(news.profileAttributes, previousAttributes);
    for (const key of PROFILE_INPUTS) {
        profile[key] = isEmpty(news[key]) ? null : news[key];
    }
    return profile;
}

/** Okta's `credentials` object for the given inputs, or `undefined` when there is nothing to send. */
function credentialsToWrite(news: Partial<UserInputs>, keys: string[]): UserWrite["credentials"] | undefined {
    const credentials: NonNullable<UserWrite["credentials"]> = {};
    if (keys.includes("password") && news.password !== undefined) {
        credentials.password = { value: news.password };
    } else if (keys.includes("passwordHash") && news.passwordHash !== undefined) {
        credentials.password = { hash: news.passwordHash as PasswordHash };
    }
    if ((keys.includes("recoveryAnswer") || keys.includes("recoveryQuestion")) && news.recoveryQuestion !== undefined) {
        credentials.recovery_question = { question: news.recoveryQuestion, answer: news.recoveryAnswer };
    }
    if ((keys.includes("providerType") || keys.includes("providerName")) && news.providerType !== undefined) {
        credentials.provider = { type: news.providerType, name: news.providerName ?? news.providerType };
    }
    return Object.keys(credentials).length > 0 ? credentials : undefined;
}

/** Keeps the listed groups and the user's memberships in step: joins new ones, leaves dropped ones. */
async function syncListedGroups(client: OktaClient, userId: string, previous: string[], desired: string[]): Promise<void> {
    const current = await groupIdsOfUser(client, userId);
    for (const groupId of desired.filter((id) => !current.has(id))) {
        await addMember(client, groupId, userId);
    }
    for (const groupId of previous.filter((id) => !desired.includes(id) && current.has(id))) {
        await removeMember(client, groupId, userId);
    }
}

/**
 * Outputs, which are the resource's state: what Okta holds for every managed property, the secrets as last set (Okta
 * never returns them), the creation-time options as given, and the live status. Nothing else Okta returns (its
 * timestamps) is kept: no diff, refresh or adoption reads it, and each field is stored for every user
 * (docs/state.md#what-state-holds).
 */
function outputsOf(user: OktaUser, managed: Partial<UserInputs>, groupIds: string[] | undefined): UserOutputs {
    const profile = user.profile;
    const provider = user.credentials?.provider;
    return {
        login: profile.login,
        email: profile.email,
        firstName: orUndefined(profile.firstName as string),
        lastName: orUndefined(profile.lastName as string),
        department: orUndefined(profile.department as string),
        employeeNumber: orUndefined(profile.employeeNumber as string),
        // An unset locale is "", not absent: a diff fills absent old values with the schema's defaults, and en_US
        // would then differ from the "" a program gives for a user Okta holds without one (docs/generate.md#data-files).
        locale: (orUndefined(profile.locale as string) as string | undefined) ?? "",
        mobilePhone: orUndefined(profile.mobilePhone as string),
        profileAttributes: managedAttributes(Object.keys(managed.profileAttributes ?? {}), profile),
        password: managed.password,
        oldPassword: managed.oldPassword,
        passwordHash: managed.passwordHash,
        recoveryQuestion: orUndefined(user.credentials?.recovery_question?.question),
        recoveryAnswer: managed.recoveryAnswer,
        providerType: managed.providerType !== undefined ? ((provider?.type ?? managed.providerType) as UserOutputs["providerType"]) : undefined,
        providerName: managed.providerName !== undefined ? (provider?.name ?? managed.providerName) : undefined,
        provider: managed.provider,
        groupIds,
        realmId: orUndefined(user.realmId),
        typeId: user.type?.id ?? managed.typeId ?? "",
        nextLogin: managed.nextLogin,
        activate: managed.activate,
        status: managed.status,
        adopt: managed.adopt,
        rawStatus: user.status,
    };
}

/** The inputs a refresh reports: Okta's values for what the program manages, the rest as the program gave it. */
function inputsOf(outs: UserOutputs, olds: Partial<UserOutputs>): UserInputs {
    const inputs: Record<string, unknown> = {};
    for (const key of PROFILE_INPUTS) {
        inputs[key] = outs[key];
    }
    for (const key of OPTIONAL_SCALARS) {
        inputs[key] = olds[key] !== undefined ? outs[key] : undefined;
    }
    for (const key of ["profileAttributes", "password", "oldPassword", "passwordHash", "recoveryAnswer", "groupIds", "status", ...CREATE_ONLY] as const) {
        inputs[key] = outs[key];
    }
    return inputs as unknown as UserInputs;
}

function partial(err: unknown, id: string, properties: UserOutputs): unknown {
    if (err instanceof PartialFailure) {
        return err;
    }
    const message = `user ${id} was changed in Okta but not completely: ${(err as Error).message}`;
    return new PartialFailure(message, id, { ...properties } as Record<string, unknown>);
}
