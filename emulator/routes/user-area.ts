import type { Router } from "../router";
import type { OrgStore } from "../store";
import { registerRealmRoutes } from "./realms";
import { registerUserCredentialRoutes } from "./user-credentials";
import { registerUserFactorRoutes } from "./user-factors";
import { registerUserLifecycleRoutes } from "./user-lifecycle";
import { registerUserRoleRoutes } from "./user-roles";
import { registerUserTypeRoutes } from "./user-types";
import { registerUserRoutes } from "./users";

/** Everything about users: the users API, their lifecycle, credentials, factors and admin roles, user types and realms. */
export function registerUserAreaRoutes(router: Router, store: OrgStore): void {
    registerUserRoutes(router, store);
    registerUserLifecycleRoutes(router, store);
    registerUserCredentialRoutes(router, store);
    registerUserFactorRoutes(router, store);
    registerUserRoleRoutes(router, store);
    registerUserTypeRoutes(router, store);
    registerRealmRoutes(router, store);
}
