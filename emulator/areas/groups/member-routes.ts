/**
 * A group's members: `GET /groups/{id}/users` (paged in user-id order, users with only a `self` link) and
 * `PUT`/`DELETE /groups/{id}/users/{userId}` (204 whether or not anything changed, as Okta answers).
 */
import { forbidden, unsupportedOperation } from "../../platform/errors";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { logMembershipAdded, logMembershipRemoved } from "./events";
import type { UserRecord } from "../users/model";
import { linkHeaders, pageLimit } from "../../platform/paging";
import type { OrgStore } from "../../org/store";
import type { GroupRecord } from "./model";
import { findUser } from "../../org/lookup";
import { userSummaryResource } from "../users/resource";

/** The spec's default is 1000 ("for historical reasons"); Okta recommends 200. */
const MEMBERS_DEFAULT_LIMIT = 1000;
const MEMBERS_MAX_LIMIT = 10000;

export function listMembers(ctx: RequestContext, store: OrgStore, group: GroupRecord) {
    const limit = pageLimit(ctx, MEMBERS_DEFAULT_LIMIT, MEMBERS_MAX_LIMIT);
    const { ids, more } = store.memberships.pageOfUsers(group.id, ctx.query.get("after") ?? undefined, limit);
    const users = ids.map((id) => store.users.get(id)).filter((user): user is UserRecord => user !== undefined);
    const page = { items: users, nextCursor: more ? ids[ids.length - 1] : undefined };
    return ok(
        users.map((user) => userSummaryResource(ctx, user)),
        { Link: linkHeaders(ctx, limit, page) },
    );
}

export function addMember(ctx: RequestContext, store: OrgStore, group: GroupRecord) {
    return changeMembership(ctx, store, group, "add");
}

export function removeMember(ctx: RequestContext, store: OrgStore, group: GroupRecord) {
    return changeMembership(ctx, store, group, "remove");
}

/** Logs only a change that happened; the answer is 204 either way. */
function changeMembership(ctx: RequestContext, store: OrgStore, group: GroupRecord, change: "add" | "remove") {
    assertMembersEditable(group);
    const user = findUser(store, ctx.params.userId);
    if (change === "add" ? store.memberships.add(group.id, user.id) : store.memberships.remove(group.id, user.id)) {
        (change === "add" ? logMembershipAdded : logMembershipRemoved)(store.log, ctx, group, user);
    }
    return noContent();
}

/**
 * Only OKTA_GROUP memberships change over the API: Everyone's are Okta's ("Unsupported operation.",
 * okta/terraform-provider-okta#903) and an APP_GROUP's belong to its source app (403, okta/terraform-provider-okta#118).
 */
function assertMembersEditable(group: GroupRecord): void {
    if (group.type === "BUILT_IN") {
        throw unsupportedOperation();
    }
    if (group.type === "APP_GROUP") {
        throw forbidden();
    }
}
