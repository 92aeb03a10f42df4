import { type OktaClient, type OktaResponse, type Page, type QueryValue } from "../client";
import { optionalChoice, requiredId } from "./arguments";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";
import { managementPath } from "./paths";
import { plainListing, ReadAhead } from "./read-ahead";
import type { OktaAppLink, OktaGroup, OktaUser, UserCreationOptions, UserWrite } from "./types";

/** Users (docs/okta/users.md): reads, creation and updates. Lifecycle operations and deletion are in user-lifecycle.ts. */

const USERS = managementPath("users");

/** Okta pages a user's groups 200 at a time (docs/okta/pagination.md#page-sizes). */
const GROUP_PAGE_SIZE = 200;

/** Okta's users listing sends at most 200 users a page (docs/okta/pagination.md#page-sizes). */
const USER_PAGE_SIZE = 200;

/**
 * Read-ahead of the org's users for a big refresh (docs/okta/users.md#read-ahead): after 100 reads, the plain listing
 * (every user but DEPROVISIONED ones), at most a page per four reads asked.
 */
export const usersAhead = new ReadAhead<OktaUser>(plainListing(USERS, USER_PAGE_SIZE), { threshold: 100 });

function userPath(id: string, ...rest: string[]): string {
    return managementPath("users", id, ...rest);
}

/** The product's "Get User". */
export interface GetUserArgs {
    /** An id, login, or login shortname (as long as the shortname is unambiguous) of an existing Okta user. */
    id: string;
    /** Okta's `expand` (e.g. `blocks`); by default nothing is embedded. */
    expand?: string;
}

export async function getUser(client: OktaClient, args: GetUserArgs): Promise<OktaUser> {
    const id = requiredId("id", args.id);
    return client.get<OktaUser>(userPath(id), { expand: args.expand });
}

export const SORT_ORDERS = ["asc", "desc"] as const;

/** The product's "List Users" (and "List Groups": the same search options). */
export interface SearchListArgs extends ListOptions {
    /** Okta search expression (e.g. `profile.department eq "Engineering"`); case-insensitive, eventually consistent. */
    search?: string;
    /** Okta filter expression (e.g. `status eq "ACTIVE"`); cannot be combined with `search` or `q`. */
    filter?: string;
    /** Prefix match on names or emails; not paged by Okta. */
    q?: string;
    /** Property to sort by (search queries only), e.g. `profile.lastName`. */
    sortBy?: string;
    /** `asc` or `desc` (search queries only; ignored without `sortBy`). */
    sortOrder?: (typeof SORT_ORDERS)[number];
    /** Further query parameters sent as given (the product's "Extra Parameters"). */
    extraParameters?: Record<string, string>;
}

/** The search options as query parameters; extra parameters are sent too, unless an option of the same name is set. */
export function searchQuery(args: SearchListArgs): Record<string, QueryValue> {
    const options: Record<string, QueryValue> = {
        search: args.search,
        filter: args.filter,
        q: args.q,
        sortBy: args.sortBy,
        sortOrder: optionalChoice("sortOrder", args.sortOrder, SORT_ORDERS),
    };
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return { ...args.extraParameters, ...given };
}

export async function listUsers(client: OktaClient, args: SearchListArgs = {}, onProgress?: PageProgress): Promise<ListResult<OktaUser>> {
    return list<OktaUser>(client, { path: USERS, query: searchQuery(args) }, args, onProgress);
}

/** The product's "List User Groups". */
export async function listUserGroups(client: OktaClient, args: { id: string }): Promise<ListResult<OktaGroup>> {
    const id = requiredId("id", args.id);
    return list<OktaGroup>(client, { path: userPath(id, "groups") }, { fetchAll: true });
}

/** The product's "List User Applications": the user's app links. */
export async function listUserApplications(client: OktaClient, args: { id: string }): Promise<ListResult<OktaAppLink>> {
    const id = requiredId("id", args.id);
    return list<OktaAppLink>(client, { path: userPath(id, "appLinks") }, { fetchAll: true });
}

/** The ids of the groups the user belongs to, every page. */
export async function groupIdsOfUser(client: OktaClient, userId: string): Promise<Set<string>> {
    const groups = new Set<string>();
    for await (const group of client.paginate<{ id: string }>(userPath(requiredId("userId", userId), "groups"), { limit: GROUP_PAGE_SIZE })) {
        groups.add(group.id);
    }
    return groups;
}

/**
 * One page of the users a `filter` expression matches (DEPROVISIONED ones included, docs/okta/filters.md#users), for
 * callers that know the answer fits in `limit`.
 */
export async function usersMatching(client: OktaClient, filter: string, limit: number): Promise<OktaUser[]> {
    return client.get<OktaUser[]>(USERS, { filter, limit });
}

/** The request target of `usersMatching`, as the client encodes it (`URLSearchParams`: spaces as `+`, `"` as `%22`). */
export function usersMatchingTarget(filter: string, limit: number): string {
    return `${USERS}?${new URLSearchParams({ filter, limit: String(limit) }).toString()}`;
}

/** The user whose login is exactly `login` (deactivated users included), if any. */
export async function findUserByLogin(client: OktaClient, login: string): Promise<OktaUser | undefined> {
    const quoted = login.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
    const matches = await client.get<OktaUser[]>(USERS, { filter: `profile.login eq "${quoted}"`, limit: 2 });
    return matches.find((user) => user.profile.login === login);
}

/**
 * Creates a user (docs/okta/users.md#create-post-apiv1users). Logins are unique: a retried create finds the user an
 * earlier attempt made instead of making a second one.
 */
export async function createUser(client: OktaClient, user: UserWrite & { profile: { login: string } }, options: UserCreationOptions): Promise<OktaUser> {
    const query = { activate: options.activate, provider: options.provider || undefined, nextLogin: options.nextLogin };
    return client.post<OktaUser>(USERS, user, query, { probe: () => findUserByLogin(client, user.profile.login) });
}

/** A partial update: only the given properties change. It sets values, so sending it twice changes nothing more. */
export async function updateUser(client: OktaClient, id: string, changes: UserWrite): Promise<OktaUser> {
    usersAhead.forget(client, id);
    return client.post<OktaUser>(userPath(requiredId("id", id)), changes, undefined, { idempotent: true });
}

/** A full replace (the only way Okta changes a user's type): properties left out are cleared. */
export async function replaceUser(client: OktaClient, id: string, user: UserWrite): Promise<OktaUser> {
    usersAhead.forget(client, id);
    return client.put<OktaUser>(userPath(requiredId("id", id)), user);
}

/** One response of the users endpoint, for its `Date` (the org's clock) and rate-limit headers. */
export function probeUsers(client: OktaClient): Promise<OktaResponse<unknown>> {
    return client.request({ method: "GET", path: USERS, query: { limit: 1 } });
}

/** The pages of a users search, every one (docs/okta/filters.md#users-get-apiv1users). */
export function searchUserPages(client: OktaClient, query: Record<string, QueryValue>, limit?: number): AsyncGenerator<Page<OktaUser>> {
    return client.pages<OktaUser>(USERS, query, { limit, fetchAll: true });
}
