import type { OktaClient } from "../client";
import { list, type ListResult } from "./listing";
import { managementPath } from "./paths";
import type { OktaUserType } from "./types";

/** User types (docs/okta/directory.md#user-types). */

/** The product's "List User Types". */
export async function listUserTypes(client: OktaClient): Promise<ListResult<OktaUserType>> {
    return list<OktaUserType>(client, { path: managementPath("meta", "types", "user") }, { fetchAll: true });
}
