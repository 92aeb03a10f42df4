import type { AuthorizationServer } from "../areas/oauth/authorization-server";
import { registerAppRoutes } from "../areas/apps/routes";
import type { EventHookDelivery } from "../areas/event-hooks/delivery";
import { registerEventHookRoutes } from "../areas/event-hooks/routes";
import { registerUserFactorRoutes } from "../areas/factors/routes";
import { registerGroupRoutes } from "../areas/groups/routes";
import { registerLogRoutes } from "../areas/logs/routes";
import { registerOAuthRoutes } from "../areas/oauth/routes";
import { registerPolicyRoutes } from "../areas/policies/routes";
import { registerRealmRoutes } from "../areas/realms/routes";
import { registerUserRoleRoutes } from "../areas/roles/routes";
import { registerUserTypeRoutes } from "../areas/user-types/routes";
import { registerUserCredentialRoutes } from "../areas/users/credential-routes";
import { registerUserLifecycleRoutes } from "../areas/users/lifecycle-routes";
import { registerUserRoutes } from "../areas/users/routes";
import type { Router } from "../platform/router";
import type { OrgStore } from "./store";

/** What some areas need beyond the org: the authorization server (OAuth) and event hook delivery (verification). */
export interface AreaServices {
    authorizationServer: AuthorizationServer;
    hooks: EventHookDelivery;
}

/**
 * The registry of areas: each one adds its routes to the router. The order does not matter (the router ranks routes by
 * specificity); a new area adds one line here, as it adds one seed section to org/seed.ts.
 */
export function registerAreaRoutes(router: Router, store: OrgStore, services: AreaServices): void {
    registerGroupRoutes(router, store);
    registerAppRoutes(router, store);
    registerPolicyRoutes(router, store);
    registerOAuthRoutes(router, services.authorizationServer);
    registerEventHookRoutes(router, store, services.hooks);
    registerLogRoutes(router, store);
    registerUserRoutes(router, store);
    registerUserLifecycleRoutes(router, store);
    registerUserCredentialRoutes(router, store);
    registerUserFactorRoutes(router, store);
    registerUserRoleRoutes(router, store);
    registerUserTypeRoutes(router, store);
    registerRealmRoutes(router, store);
}
