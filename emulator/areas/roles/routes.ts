import { ok, type RequestContext } from "../../platform/http";
import { roleAssignmentResource } from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { requireUser } from "../users/routes";

/** `GET /api/v1/users/{id}/roles`: the user's admin role assignments, `[]` for a non-admin (docs/okta/users.md#admin-roles). */
export function registerUserRoleRoutes(router: Router, store: OrgStore): void {
    router.on("GET", "/api/v1/users/:id/roles", (ctx) => listAssignedRoles(ctx, store));
}

function listAssignedRoles(ctx: RequestContext, store: OrgStore) {
    const user = requireUser(store, ctx.params.id);
    const assignments = [...store.roleAssignments.values()].filter((a) => a.userId === user.id);
    return ok(assignments.map((a) => roleAssignmentResource(ctx.baseUrl, a)));
}
