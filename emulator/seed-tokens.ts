import type { SeedSection } from "./seed-section";

export interface TokenSeed {
    /** API tokens accepted as `Authorization: SSWS <token>`. */
    tokens?: { token: string; name?: string }[];
}

export const tokenSeedSection: SeedSection<TokenSeed> = {
    keys: ["tokens"],
    credentials: true,
    validate(list, fail) {
        list("tokens").forEach((t, i) => {
            if (typeof t.token !== "string" || t.token.length < 8) {
                fail(`tokens[${i}].token`, "must be a string of at least 8 characters");
            }
        });
    },
    apply(store, seed) {
        for (const { token, name } of seed.tokens ?? []) {
            store.addApiToken(token, name);
        }
    },
};
