/** Finding the objects a path names, with Okta's 404 (`Not found: Resource not found: <id> (<Type>)`) otherwise. */
import { notFound } from "../platform/errors";
import type { AppRecord } from "../areas/apps/model";
import type { UserRecord } from "../areas/users/model";
import type { OrgStore } from "./store";

export function findUser(store: OrgStore, id: string): UserRecord {
    const user = store.users.get(id);
    if (!user) {
        throw notFound(id, "User");
    }
    return user;
}

/** An app the API can see: DELETED ones are gone. */
export function findApp(store: OrgStore, id: string): AppRecord {
    const app = store.apps.get(id);
    if (!app || app.status === "DELETED") {
        throw notFound(id, "AppInstance");
    }
    return app;
}

/** Okta answers 404 when assigning to an inactive app (okta/terraform-provider-okta#1502). */
export function findActiveApp(store: OrgStore, id: string): AppRecord {
    const app = findApp(store, id);
    if (app.status !== "ACTIVE") {
        throw notFound(id, "AppInstance");
    }
    return app;
}
