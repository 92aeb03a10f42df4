import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_FILES, parseDataFile } from "./data-files";
import { entriesOf, type AppEntry, type DataSet, type GroupEntry, type HookEntry, type UserEntry } from "./entries";
import { byKey } from "./names";
import type { OrgSnapshot } from "./read-org";

/**
 * `generate --into DIR`: the entries already declared in DIR's data files stay exactly as they are (in their order,
 * with their names); objects of the org not declared yet are appended (docs/generate.md#incremental-runs).
 */

/** The entries of an existing generated project. */
export function readDeclared(dir: string): DataSet {
    const read = <T>(file: string): T[] => {
        const path = join(dir, file);
        return parseDataFile<T>(existsSync(path) ? readFileSync(path, "utf8") : undefined, path);
    };
    return {
        users: read<UserEntry>(DATA_FILES.users),
        groups: read<GroupEntry>(DATA_FILES.groups),
        apps: read<AppEntry>(DATA_FILES.apps),
        hooks: read<HookEntry>(DATA_FILES.hooks),
    };
}

/** What `mergeInto` added. */
export interface Added {
    users: number;
    groups: number;
    memberships: number;
    assignments: number;
    hooks: number;
}

export function mergeInto(declared: DataSet, snapshot: OrgSnapshot, authoritative: boolean): { data: DataSet; added: Added } {
    const lower = (login: string) => login.toLowerCase();
    const declaredLogins = new Set(declared.users.map((user) => lower(user.login)));
    const declaredGroups = new Map(declared.groups.map((group) => [group.name, group]));
    const declaredApps = new Map(declared.apps.map((app) => [app.appId, app]));
    const declaredHooks = new Set(declared.hooks.map((hook) => hook.name));
    const loginOf = new Map(snapshot.users.map((user) => [user.id, user.profile.login]));
    const taken = {
        users: declared.users.map((e) => e.resource),
        groups: declared.groups.map((e) => e.resource),
        apps: declared.apps.map((e) => e.resource),
        hooks: declared.hooks.map((e) => e.resource),
    };

    const fresh = entriesOf(
        {
            ...snapshot,
            users: snapshot.users.filter((user) => !declaredLogins.has(lower(user.profile.login))),
            groups: snapshot.groups.filter((group) => !declaredGroups.has(group.profile.name)),
            apps: snapshot.apps.filter(({ app }) => !declaredApps.has(app.id)),
            hooks: snapshot.hooks.filter((hook) => !declaredHooks.has(hook.name)),
        },
        { authoritative, taken, knownLogins: loginOf },
    );
    // The entries the snapshot makes for declared groups and apps: their members and assignments, as logins.
    const current = entriesOf(
        { ...snapshot, users: [], groups: snapshot.groups.filter((g) => declaredGroups.has(g.profile.name)), apps: snapshot.apps.filter(({ app }) => declaredApps.has(app.id)), hooks: [] },
        { authoritative, knownLogins: loginOf },
    );

    let memberships = fresh.groups.reduce((sum, group) => sum + (group.members?.length ?? 0), 0);
    const groups = declared.groups.map((group) => {
        const found = current.groups.find((entry) => entry.name === group.name);
        const missing = group.members && found?.members ? found.members.filter((login) => !group.members!.some((m) => lower(m) === lower(login))) : [];
        memberships += missing.length;
        return missing.length > 0 ? { ...group, members: [...group.members!, ...missing] } : group;
    });
    let assignments = fresh.apps.reduce((sum, app) => sum + app.assignments.length, 0);
    const apps = declared.apps.map((app) => {
        const found = current.apps.find((entry) => entry.appId === app.appId);
        const missing = (found?.assignments ?? []).filter((entry) => !app.assignments.some((a) => lower(a.login) === lower(entry.login)));
        assignments += missing.length;
        return missing.length > 0 ? { ...app, assignments: [...app.assignments, ...missing.sort(byKey((a) => a.login))] } : app;
    });
    return {
        data: {
            users: [...declared.users, ...fresh.users],
            groups: [...groups, ...fresh.groups],
            apps: [...apps, ...fresh.apps],
            hooks: [...declared.hooks, ...fresh.hooks],
        },
        added: { users: fresh.users.length, groups: fresh.groups.length, memberships, assignments, hooks: fresh.hooks.length },
    };
}
