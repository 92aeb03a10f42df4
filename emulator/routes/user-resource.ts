import type { RequestContext } from "../http";
import type { UserRecord } from "../model/users";

/**
 * The wire form of a user, as the directory routes need it (group members, `expand=user` on app users). A stand-in:
 * the users routes own the full form (lifecycle links by status); this module goes once theirs is on main.
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
