import { OktaApiError, type OktaClient } from "../../core/client";
import { getGroup } from "../../core/okta/groups";
import { getUser } from "../../core/okta/users";
import type { NameBook } from "./names";
import type { PlannedStep } from "./preview";

/** Which inputs hold which kind of id, and how the org names one. */
const ID_INPUTS = [
    { properties: ["groupId", "groupIds"], read: async (client: OktaClient, id: string) => (await getGroup(client, { groupId: id })).profile?.name },
    { properties: ["userId", "userIds"], read: async (client: OktaClient, id: string) => (await getUser(client, { id })).profile?.login },
] as const;

/**
 * `--resolve-names`: reads from the org the names of the groups and users the preview mentions only by id (objects the
 * program does not manage, such as Okta Administrators). An id the org does not know stays an id.
 */
export async function resolveNamesFromOrg(client: OktaClient, book: NameBook, steps: PlannedStep[]): Promise<number> {
    let resolved = 0;
    for (const kind of ID_INPUTS) {
        const ids = new Set(kind.properties.flatMap((property) => book.unnamedIds(steps, property)));
        for (const id of ids) {
            const label = await nameOf(() => kind.read(client, id));
            if (label) {
                book.learn(id, label);
                resolved++;
            }
        }
    }
    return resolved;
}

async function nameOf(read: () => Promise<unknown>): Promise<string | undefined> {
    try {
        const value = await read();
        return typeof value === "string" ? value : undefined;
    } catch (err) {
        // Deleted since, or not readable with this token: the review shows the id. Anything else (no connection, bad
        // credentials) is the user's to fix, not to hide.
        if (err instanceof OktaApiError && (err.isNotFound || err.status === 403)) {
            return undefined;
        }
        throw err;
    }
}
