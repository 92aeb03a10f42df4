/** The System Log events app assignment changes append (event types from Okta's event catalog). */
import type { RequestContext } from "../../platform/http";
import type { AppRecord, AppUserRecord } from "./model";
import type { UserRecord } from "../users/model";
import type { SystemLog } from "../logs/system-log";
import { appTarget, appUserTarget, userTarget } from "../logs/targets";

type Caller = Pick<RequestContext, "requestId" | "url" | "headers">;

const MESSAGES = {
    "application.user_membership.add": "Add user to application membership",
    "application.user_membership.remove": "Remove user from application membership",
    "application.user_membership.change_username": "Change users application username",
    "application.user_membership.change_password": "Change users application password",
    "application.user_membership.update": "Update user's application membership",
} as const;

export type AppUserEventType = keyof typeof MESSAGES;

export function logAppUserEvent(
    log: SystemLog,
    ctx: Caller,
    eventType: AppUserEventType,
    app: AppRecord,
    user: UserRecord,
    assignment: AppUserRecord,
): void {
    log.append(
        {
            eventType,
            displayMessage: MESSAGES[eventType],
            target: [appUserTarget(user, assignment), appTarget(app), userTarget(user)],
        },
        ctx,
    );
}
