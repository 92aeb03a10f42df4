import { findUser } from "../users/directory";
import type { SeedSection } from "../../org/seed-section";

export interface TokenSeed {
    /**
     * API tokens accepted as `Authorization: SSWS <token>`. A token belongs to the org's super administrator unless
     * `owner` names another user (login or id).
     */
    tokens?: { token: string; name?: string; owner?: string }[];
}

// After users, which `owner` names. Also applied over an org restored from a data file, whose users are there already.
export const tokenSeedSection: SeedSection<TokenSeed> = {
    keys: ["tokens"],
    credentials: true,
    validate(list, fail) {
        list("tokens").forEach((t, i) => {
            if (typeof t.token !== "string" || t.token.length < 8) {
                fail(`tokens[${i}].token`, "must be a string of at least 8 characters");
            }
            if (t.owner !== undefined && typeof t.owner !== "string") {
                fail(`tokens[${i}].owner`, "must be a user's login or id");
            }
        });
    },
    apply(store, seed, fail) {
        seed.tokens?.forEach(({ token, name, owner }, i) => {
            const user = owner === undefined ? undefined : findUser(store, owner);
            if (owner !== undefined && !user) {
                fail(`tokens[${i}].owner`, `no user with the login or id '${owner}'`);
            }
            store.addApiToken(token, name, user?.id);
        });
    },
};
