/** The System Log events group changes append (event types from Okta's event catalog). */
import type { RequestContext } from "../../platform/http";
import type { UserRecord } from "../users/model";
import type { GroupRecord } from "./model";
import type { SystemLog } from "../logs/system-log";
import { groupTarget, userTarget } from "../logs/targets";

type Caller = Pick<RequestContext, "requestId" | "url" | "headers">;

export function logGroupCreated(log: SystemLog, ctx: Caller, group: GroupRecord): void {
    log.append({ eventType: "group.lifecycle.create", displayMessage: "Create Okta group", target: [groupTarget(group)] }, ctx);
}

export function logGroupDeleted(log: SystemLog, ctx: Caller, group: GroupRecord): void {
    log.append({ eventType: "group.lifecycle.delete", displayMessage: "Delete Okta group", target: [groupTarget(group)] }, ctx);
}

export function logGroupProfileUpdated(log: SystemLog, ctx: Caller, group: GroupRecord, before: GroupRecord["profile"]): void {
    log.append(
        {
            eventType: "group.profile.update",
            displayMessage: "Okta group profile updated",
            target: [{ ...groupTarget(group), changeDetails: { from: { ...before }, to: { ...group.profile } } }],
        },
        ctx,
    );
}

export function logMembershipAdded(log: SystemLog, ctx: Caller, group: GroupRecord, user: UserRecord): void {
    log.append(
        {
            eventType: "group.user_membership.add",
            displayMessage: "Add user to group membership",
            legacyEventType: "core.user_group_member.user_add",
            target: [userTarget(user), groupTarget(group)],
        },
        ctx,
    );
}

export function logMembershipRemoved(log: SystemLog, ctx: Caller, group: GroupRecord, user: UserRecord): void {
    log.append(
        {
            eventType: "group.user_membership.remove",
            displayMessage: "Remove user from group membership",
            legacyEventType: "core.user_group_member.user_remove",
            target: [userTarget(user), groupTarget(group)],
        },
        ctx,
    );
}
