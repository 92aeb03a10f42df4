import type { OktaAppUser, OktaApplication, OktaEventHook, OktaGroup, OktaUser } from "../../core/okta/types";
import type { UserInputs } from "../../provider/generated/types";
import { resourceSpec } from "../../provider/schema";
import { byKey, NameBook } from "./names";
import type { OrgSnapshot } from "./read-org";

/**
 * The entries of the generated data files: each is the arguments of one resource of this package, under its Pulumi
 * name (`resource`), as the generated index.ts passes them (docs/generate.md#data-files).
 */

/** The profile arguments of User (named ones and the other attributes), with the status as generate declares it. */
export type UserEntry = { resource: string; status?: DeclaredStatus } & Pick<UserInputs, (typeof NAMED_PROFILE)[number] | "profileAttributes">;

export interface GroupEntry {
    resource: string;
    name: string;
    description?: string;
    profileAttributes?: Record<string, unknown>;
    /** Members not listed are removed (else only the listed ones are managed). */
    authoritative?: boolean;
    /** Logins of the members; absent when members are not managed. */
    members?: string[];
}

export interface AppAssignmentEntry {
    login: string;
    username?: string;
    profile?: Record<string, unknown>;
}

export interface AppEntry {
    resource: string;
    appId: string;
    /** The app's label, for the reader (apps themselves are not managed by this package). */
    label: string;
    assignments: AppAssignmentEntry[];
}

export interface HookEntry {
    resource: string;
    name: string;
    url: string;
    description?: string;
    status: "ACTIVE" | "INACTIVE";
    eventTypes: string[];
    headers?: Record<string, string>;
    filters?: Record<string, string>;
    authHeaderName?: string;
    /** The stack config secret holding the auth header's value, which Okta never returns. */
    authHeaderValueSecret?: string;
}

export interface DataSet {
    users: UserEntry[];
    groups: GroupEntry[];
    apps: AppEntry[];
    hooks: HookEntry[];
}

export type DeclaredStatus = "STAGED" | "ACTIVE" | "SUSPENDED" | "DEPROVISIONED";

/**
 * The desired status that the live one already satisfies, so that the first `up` runs no lifecycle operation
 * (docs/generate.md#user-statuses): accounts waiting for their user count as ACTIVE. A LOCKED_OUT user gets none:
 * ACTIVE would unlock it, and unlocking is a decision for an administrator, not for a migration.
 */
const DECLARED_STATUS: Record<string, DeclaredStatus | undefined> = {
    STAGED: "STAGED",
    PROVISIONED: "ACTIVE",
    ACTIVE: "ACTIVE",
    RECOVERY: "ACTIVE",
    PASSWORD_EXPIRED: "ACTIVE",
    LOCKED_OUT: undefined,
    SUSPENDED: "SUSPENDED",
    DEPROVISIONED: "DEPROVISIONED",
};

/** Profile attributes that are named arguments of User. */
const NAMED_PROFILE = ["login", "email", "firstName", "lastName", "department", "employeeNumber", "locale", "mobilePhone"] as const;

/** Apps whose users share the app's credentials: Okta refuses a user name per assignment. */
const SHARED_CREDENTIALS = "SHARED_USERNAME_AND_PASSWORD";

/** The resource names already used in `existing`, per kind: new entries never take them. */
export interface TakenNames {
    users?: Iterable<string>;
    groups?: Iterable<string>;
    apps?: Iterable<string>;
    hooks?: Iterable<string>;
}

/**
 * The entries for everything in the snapshot, sorted by natural key, with names not in `taken`. Members and
 * assignments name users by login; those of users outside the snapshot are left out unless `knownLogins` has them.
 */
export function entriesOf(snapshot: OrgSnapshot, options: { authoritative: boolean; taken?: TakenNames; knownLogins?: Map<string, string> }): DataSet {
    const taken = options.taken ?? {};
    const users = [...snapshot.users].sort(byKey((u) => u.profile.login));
    const userNames = new NameBook(taken.users);
    const userEntries = users.map((user) => userEntry(user, userNames.claim(user.profile.login)));
    const loginOf = new Map<string, string>(options.knownLogins);
    users.forEach((user) => loginOf.set(user.id, user.profile.login));

    const groupNames = new NameBook(taken.groups);
    const groups = [...snapshot.groups].sort(byKey((g) => `${g.profile.name}\u0000${g.id}`));
    const groupEntries = groups.map((group) => groupEntry(group, groupNames.claim(group.profile.name), snapshot.members.get(group.id), loginOf, options.authoritative));

    const appNames = new NameBook(taken.apps);
    const apps = snapshot.apps.filter(({ assignments }) => assignments.length > 0).sort(byKey(({ app }) => `${app.label}\u0000${app.id}`));
    const appEntries = apps.map(({ app, assignments }) => appEntry(app, appNames.claim(app.label), assignments, loginOf));

    const hookNames = new NameBook(taken.hooks);
    const hooks = [...snapshot.hooks].sort(byKey((h) => `${h.name}\u0000${h.id}`));
    const hookEntries = hooks.map((hook) => hookEntry(hook, hookNames.claim(hook.name)));
    return { users: userEntries, groups: groupEntries, apps: appEntries, hooks: hookEntries };
}

function userEntry(user: OktaUser, resource: string): UserEntry {
    const profile = user.profile as Record<string, unknown>;
    const entry: Record<string, unknown> = { resource };
    const defaults = resourceSpec("okta:index:User").inputProperties;
    for (const key of NAMED_PROFILE) {
        if (!isEmpty(profile[key])) {
            entry[key] = profile[key];
        } else if (defaults[key]?.default !== undefined) {
            // An attribute Okta left empty but the package defaults (locale: en_US) is declared empty, or the first
            // `up` would set the default (docs/generate.md#the-first-up-writes-nothing).
            entry[key] = "";
        }
    }
    const attributes = sortedWithout(profile, NAMED_PROFILE);
    if (attributes) {
        entry.profileAttributes = attributes;
    }
    const status = DECLARED_STATUS[user.status];
    if (status) {
        entry.status = status;
    }
    return entry as unknown as UserEntry;
}

function groupEntry(group: OktaGroup, resource: string, memberIds: string[] | undefined, loginOf: Map<string, string>, authoritative: boolean): GroupEntry {
    const { name, description, ...custom } = group.profile as Record<string, unknown> & { name: string; description?: string | null };
    const entry: GroupEntry = { resource, name };
    if (!isEmpty(description)) {
        entry.description = description as string;
    }
    const attributes = sortedWithout(custom, []);
    if (attributes) {
        entry.profileAttributes = attributes;
    }
    if (memberIds) {
        if (authoritative) {
            entry.authoritative = true;
        }
        entry.members = loginsOf(memberIds, loginOf);
    }
    return entry;
}

function appEntry(app: OktaApplication, resource: string, assignments: OktaAppUser[], loginOf: Map<string, string>): AppEntry {
    const shared = (app.credentials as { scheme?: string } | undefined)?.scheme === SHARED_CREDENTIALS;
    const entries = assignments
        .filter((assignment) => loginOf.has(assignment.id))
        .map((assignment) => {
            const entry: AppAssignmentEntry = { login: loginOf.get(assignment.id)! };
            const username = assignment.credentials?.userName;
            if (!shared && !isEmpty(username)) {
                entry.username = username;
            }
            const profile = sortedWithout(assignment.profile ?? {}, []);
            if (profile) {
                entry.profile = profile;
            }
            return entry;
        })
        .sort(byKey((entry) => entry.login));
    return { resource, appId: app.id, label: app.label, assignments: entries };
}

function hookEntry(hook: OktaEventHook, resource: string): HookEntry {
    const config = hook.channel.config;
    const entry: HookEntry = { resource, name: hook.name, url: config.uri, status: hook.status, eventTypes: [...hook.events.items].sort() };
    if (!isEmpty(hook.description)) {
        entry.description = hook.description!;
    }
    if (config.headers?.length) {
        entry.headers = Object.fromEntries([...config.headers].sort(byKey((h) => h.key)).map(({ key, value }) => [key, value]));
    }
    const filters = hook.events.filter?.eventFilterMap ?? [];
    if (filters.length > 0) {
        entry.filters = Object.fromEntries([...filters].sort(byKey((f) => f.event)).map(({ event, condition }) => [event, condition.expression]));
    }
    if (config.authScheme) {
        entry.authHeaderName = config.authScheme.key;
        entry.authHeaderValueSecret = `${resource}-auth-value`;
    }
    return entry;
}

/** Logins of the members, sorted; members outside the generated users are left out (additive lists allow it). */
function loginsOf(ids: string[], loginOf: Map<string, string>): string[] {
    return ids
        .map((id) => loginOf.get(id))
        .filter((login): login is string => login !== undefined)
        .sort(byKey((login) => login));
}

/** The non-empty attributes other than `named`, with keys sorted; `undefined` when there are none. */
function sortedWithout(attributes: Record<string, unknown>, named: readonly string[]): Record<string, unknown> | undefined {
    const keys = Object.keys(attributes)
        .filter((key) => !named.includes(key) && !isEmpty(attributes[key]))
        .sort();
    return keys.length > 0 ? Object.fromEntries(keys.map((key) => [key, attributes[key]])) : undefined;
}

function isEmpty(value: unknown): boolean {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}
