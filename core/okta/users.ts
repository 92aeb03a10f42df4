import { optionalChoice, requiredId, segment } from "./arguments";
import type { OktaClient, QueryValue } from "../client";
import type { OktaAppLink, OktaGroup, OktaUser, OktaUserFactor, OktaUserType } from "./types";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";

/** The product's "Get User". */
export interface GetUserArgs {
    /** An id, login, or login shortname (as long as the shortname is unambiguous) of an existing Okta user. */
    id: string;
    /** Okta's `expand` (e.g. `blocks`); by default nothing is embedded. */
    expand?: string;
}

export async function getUser(client: OktaClient, args: GetUserArgs): Promise<OktaUser> {
    const id = requiredId("id", args.id);
    return client.get<OktaUser>(`/api/v1/users/${segment(id)}`, { expand: args.expand });
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
    return list<OktaUser>(client, { path: "/api/v1/users", query: searchQuery(args) }, args, onProgress);
}

/** The product's "List User Groups". */
export async function listUserGroups(client: OktaClient, args: { id: string }): Promise<ListResult<OktaGroup>> {
    const id = requiredId("id", args.id);
    return list<OktaGroup>(client, { path: `/api/v1/users/${segment(id)}/groups` }, { fetchAll: true });
}

/** The product's "List User Applications": the user's app links. */
export async function listUserApplications(client: OktaClient, args: { id: string }): Promise<ListResult<OktaAppLink>> {
    const id = requiredId("id", args.id);
    return list<OktaAppLink>(client, { path: `/api/v1/users/${segment(id)}/appLinks` }, { fetchAll: true });
}

/** The product's "List User Factors": the factors the user has enrolled. */
export async function listUserFactors(client: OktaClient, args: { userId: string }): Promise<ListResult<OktaUserFactor>> {
    const userId = requiredId("userId", args.userId);
    return list<OktaUserFactor>(client, { path: `/api/v1/users/${segment(userId)}/factors` }, { fetchAll: true });
}

/** The product's "List User Types". */
export async function listUserTypes(client: OktaClient): Promise<ListResult<OktaUserType>> {
    return list<OktaUserType>(client, { path: "/api/v1/meta/types/user" }, { fetchAll: true });
}
