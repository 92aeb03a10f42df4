/** System Log `target` entries for the objects the directory routes change, shaped as Okta's. */
import type { AppRecord, AppUserRecord } from "../apps/model";
import { userDisplayName, type UserRecord } from "../users/model";
import type { GroupRecord } from "../groups/model";
import { logTarget, type LogTarget } from "./system-log";

/** The users area's own target for a user. */
export { userTarget } from "../users/changes";

export function groupTarget(group: GroupRecord): LogTarget {
    // Okta has no alternate id for groups and says so.
    return logTarget("UserGroup", group.id, "unknown", group.profile.name);
}

export function appTarget(app: AppRecord): LogTarget {
    return logTarget("AppInstance", app.id, app.label, app.label);
}

export function appUserTarget(user: UserRecord, assignment: AppUserRecord): LogTarget {
    return logTarget("AppUser", user.id, assignment.credentials.userName ?? user.profile.login, userDisplayName(user));
}
