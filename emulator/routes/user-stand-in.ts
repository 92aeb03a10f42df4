import type { RequestContext } from "../http";
import type { UserRecord } from "../model/users";

/**
 * A stand-in for the users routes' `user-resource.ts` (same exports), which owns the full wire form of a user
 * (lifecycle links by status). The directory routes import these two until that module is on main.
 */
export function userResource(ctx: RequestContext, user: UserRecord): Record<string, unknown> {
    const { credentials, realmId, transitioningToStatus, ...rest } = user;
    return {
        ...rest,
        ...(transitioningToStatus ? { transitioningToStatus } : {}),
        ...(realmId ? { realmId } : {}),
        credentials: {
            // Okta shows that a password or recovery question exists, never its value.
            ...(credentials.password ? { password: {} } : {}),
            ...(credentials.recovery_question ? { recovery_question: { question: credentials.recovery_question.question } } : {}),
            provider: credentials.provider,
        },
        _links: { self: { href: `${ctx.baseUrl}/api/v1/users/${user.id}` } },
    };
}

/** A user in a collection (a group's members): only the `self` link (recorded traffic). */
export function userSummaryResource(ctx: RequestContext, user: UserRecord): Record<string, unknown> {
    return { ...userResource(ctx, user), _links: { self: { href: `${ctx.baseUrl}/api/v1/users/${user.id}` } } };
}
