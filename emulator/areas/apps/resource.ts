/** Wire forms of apps and app users, as recorded traffic shows them. */
import type { RequestContext } from "../../platform/http";
import { appLinkHref, type AppRecord, type AppUserRecord } from "./model";
import type { UserRecord } from "../users/model";
import { userResource } from "../users/resource";

/** The emulated org's id, part of every app's `orn`. */
const ORG_ID = "00oEmulatorOrg000000";

export interface AppRendering {
    /** `useOptimization=true`: Okta sends a subset of the app's properties. */
    optimized?: boolean;
    /** `expand=user/{id}`: the assignment of that user, under `_embedded.user`. */
    embeddedUser?: Record<string, unknown>;
}

export function appResource(ctx: RequestContext, app: AppRecord, rendering: AppRendering = {}): Record<string, unknown> {
    const self = `${ctx.baseUrl}/api/v1/apps/${app.id}`;
    const lifecycle = app.status === "ACTIVE" ? "deactivate" : "activate";
    return {
        id: app.id,
        orn: `orn:okta:idp:${ORG_ID}:apps:${app.name}:${app.id}`,
        name: app.name,
        label: app.label,
        status: app.status,
        lastUpdated: app.lastUpdated,
        created: app.created,
        ...(rendering.optimized ? {} : { accessibility: app.accessibility, visibility: app.visibility }),
        features: app.features,
        signOnMode: app.signOnMode,
        credentials: app.credentials,
        // Okta sends null for apps without Universal Logout (recorded traffic).
        universalLogout: null,
        settings: app.settings,
        ...(rendering.embeddedUser ? { _embedded: { user: rendering.embeddedUser } } : {}),
        _links: {
            uploadLogo: { href: `${self}/logo`, hints: { allow: ["POST"] } },
            appLinks: app.appLinks.map((link) => ({ name: link.name, href: appLinkHref(ctx.baseUrl, app, link), type: "text/html" })),
            ...(app.profileEnrollmentPolicyId
                ? { profileEnrollment: { href: `${ctx.baseUrl}/api/v1/policies/${app.profileEnrollmentPolicyId}` } }
                : {}),
            policies: { href: `${self}/policies`, hints: { allow: ["PUT"] } },
            groups: { href: `${self}/groups` },
            logo: [{ name: "medium", href: `${ctx.baseUrl}/assets/img/logos/default.png`, type: "image/png" }],
            ...(app.signOnMode === "OPENID_CONNECT"
                ? { clientCredentials: [{ name: "secrets", href: `${self}/credentials/secrets` }] }
                : {}),
            ...(app.accessPolicyId ? { accessPolicy: { href: `${ctx.baseUrl}/api/v1/policies/${app.accessPolicyId}` } } : {}),
            users: { href: `${self}/users` },
            [lifecycle]: { href: `${self}/lifecycle/${lifecycle}` },
        },
    };
}

/** An assignment; `user` is embedded when `expand=user` asks for it. */
export function appUserResource(ctx: RequestContext, assignment: AppUserRecord, user?: UserRecord): Record<string, unknown> {
    const { userName, password } = assignment.credentials;
    return {
        id: assignment.id,
        externalId: assignment.externalId,
        created: assignment.created,
        lastUpdated: assignment.lastUpdated,
        scope: assignment.scope,
        status: assignment.status,
        statusChanged: assignment.statusChanged,
        passwordChanged: assignment.passwordChanged,
        syncState: assignment.syncState,
        ...(assignment.lastSync ? { lastSync: assignment.lastSync } : {}),
        // The password is write-only: Okta shows an empty object when one is set.
        credentials: { ...(userName !== undefined ? { userName } : {}), ...(password ? { password: {} } : {}) },
        profile: assignment.profile,
        ...(user ? { _embedded: { user: userResource(ctx, user) } } : {}),
        _links: {
            app: { href: `${ctx.baseUrl}/api/v1/apps/${assignment.appId}` },
            user: { href: `${ctx.baseUrl}/api/v1/users/${assignment.id}` },
        },
    };
}
