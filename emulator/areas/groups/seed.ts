import type { SeedSection } from "../../org/seed-section";
import type { GroupType } from "./model";

export interface GroupSeed {
    groups?: {
        id?: string;
        name: string;
        description?: string;
        type?: GroupType;
        profile?: Record<string, unknown>;
        /** The id of the (seeded) app an APP_GROUP was imported from. */
        sourceAppId?: string;
    }[];
}

const GROUP_TYPES: GroupType[] = ["OKTA_GROUP", "APP_GROUP"];

export const groupSeedSection: SeedSection<GroupSeed> = {
    keys: ["groups"],
    validate(list, fail) {
        list("groups").forEach((g, i) => {
            if (typeof g.name !== "string" || g.name === "") {
                fail(`groups[${i}].name`, "must be a non-empty string");
            }
            if (g.type !== undefined && !GROUP_TYPES.includes(g.type as GroupType)) {
                fail(`groups[${i}].type`, `must be one of ${GROUP_TYPES.join(", ")}`);
            }
            if (g.sourceAppId !== undefined && (g.type !== "APP_GROUP" || !list("apps").some((app) => app.id === g.sourceAppId))) {
                fail(`groups[${i}].sourceAppId`, "needs type APP_GROUP and the id of an app in this seed");
            }
        });
    },
    apply(store, seed) {
        for (const group of seed.groups ?? []) {
            store.addGroup({
                id: group.id,
                type: group.type,
                profile: { ...group.profile, name: group.name, ...(group.description !== undefined ? { description: group.description } : {}) },
                ...(group.sourceAppId ? { source: { id: group.sourceAppId } } : {}),
            });
        }
    },
};
