import { optionalChoice } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaRealm } from "./types";
import { managementPath } from "./paths";
import { list, type ListOptions, type ListResult, type PageProgress } from "./listing";
import { SORT_ORDERS } from "./users";

/** The product's "List Realms". */
export interface ListRealmsArgs extends ListOptions {
    /** Okta search expression, e.g. `profile.name eq "Contractors"`. */
    search?: string;
    sortBy?: string;
    sortOrder?: (typeof SORT_ORDERS)[number];
}

export async function listRealms(client: OktaClient, args: ListRealmsArgs = {}, onProgress?: PageProgress): Promise<ListResult<OktaRealm>> {
    const query = { search: args.search, sortBy: args.sortBy, sortOrder: optionalChoice("sortOrder", args.sortOrder, SORT_ORDERS) };
    return list<OktaRealm>(client, { path: managementPath("realms"), query }, args, onProgress);
}
