import { expect } from "chai";
import path from "node:path";
import type { SeedDocument } from "../../emulator";
import type { SignOnMode } from "../../emulator/model/apps";
import { cassetteFiles, loadInteractions, replay, type Interaction, type ReplayResult } from "../support/cassettes";
import { startTestOrg } from "../support/emulator";

/**
 * Recorded real Okta traffic of groups, memberships, apps, app assignments and policies, replayed against a fresh
 * emulator: same status codes and the same top-level body keys. Every interaction that differs must have a known
 * reason, listed in the output.
 */

const CASSETTES = [
    "TestAccResourceOktaGroup_crud",
    "TestAccDataSourceOktaGroup_read",
    "TestAccDataSourceOktaGroup_read_multiple_groups",
    "TestAccDataSourceOktaGroups_read",
    "TestAccDataSourceOktaEveryoneGroup_read",
    "TestAccResourceOktaGroupMemberships_crud",
    "TestAccResourceOktaGroupMemberships_Issue1072",
    "TestAccResourceOktaGroupMemberships_TrackAllUsersBehavior",
    "TestAccResourceOktaGroupMemberships_import",
    "TestAccResourceOktaUserGroupMemberships_crud",
    "TestAccDataSourceOktaApp_read",
    "TestAccDataSourceOktaAppUserAssignments_read",
    "TestAccDataSourceOktaPolicy_read",
    "TestAccDataSourceOktaDefaultPolicy_readIdpPolicy",
    "TestAccDataSourceOktaDefaultPolicy_readPasswordPolicy",
];

/**
 * The emulator does not create apps over the API (issue 3: apps are seeded), so the apps a recording creates are
 * seeded with the id, name, label and sign-on mode Okta gave them; later requests then address them as recorded.
 */
function seedFor(interactions: Interaction[]): SeedDocument {
    const apps = interactions
        .filter((i) => i.request.method === "POST" && /\/api\/v1\/apps(\?|$)/.test(i.request.url) && i.response.code === 200)
        .map((i) => JSON.parse(i.response.body!) as { id: string; name: string; label: string; signOnMode: SignOnMode })
        .map(({ id, name, label, signOnMode }) => ({ id, name, label, signOnMode }));
    return { apps };
}

/** Why an interaction may legitimately differ; undefined when it should have matched. */
function knownReason(result: ReplayResult): string | undefined {
    const { method, path: url } = result;
    if (url.startsWith("/api/v1/groups/rules")) {
        return "group rules are outside issue 3";
    }
    if (method === "POST" && /^\/api\/v1\/apps(\?|$)/.test(url)) {
        return "apps are seeded, not created over the API (issue 3); the recording's app is seeded with its id instead";
    }
    if (url.startsWith("/api/v1/internal/") || url.startsWith("/.well-known/")) {
        return "Okta-internal app settings and org metadata the Terraform provider reads are outside issue 3";
    }
    if (/^\/api\/v1\/apps\/[^/]+\/(policies|lifecycle)\//.test(url) || (method === "DELETE" && /^\/api\/v1\/apps\/[^/]+$/.test(url))) {
        return "app lifecycle and app policy assignment are outside issue 3";
    }
    if (method === "GET" && url.startsWith("/api/v1/groups?") && result.difference?.includes("items instead of")) {
        return "the recorded org held other groups matching the query (pre-existing data)";
    }
    if (result.unknownIds) {
        return "names an object that existed in the recorded org before the test ran";
    }
    return undefined;
}

describe("emulator: directory cassettes replay like real Okta", () => {
    const totals = { interactions: 0, matched: 0 };
    const explained = new Map<string, number>();

    after(() => {
        console.log(`      directory cassettes: ${totals.matched}/${totals.interactions} interactions match (status + top-level keys)`);
        for (const [reason, count] of explained) {
            console.log(`        ${count} differ: ${reason}`);
        }
    });

    for (const test of CASSETTES) {
        for (const file of cassetteFiles(test)) {
            it(`${test} (${path.basename(file, ".yaml")})`, async () => {
                const interactions = loadInteractions(file);
                // Recordings run dozens of calls a second against one bucket; rate limits are the traffic area's tests.
                const org = await startTestOrg({ seed: seedFor(interactions), rateLimits: { otherLimit: 1e6, limits: { groups: 1e6, group: 1e6 } } });
                try {
                    const results = await replay(org.url, interactions);
                    totals.interactions += results.length;
                    totals.matched += results.filter((r) => r.matched).length;
                    const unexplained: string[] = [];
                    for (const r of results.filter((x) => !x.matched)) {
                        const reason = knownReason(r);
                        if (reason === undefined) {
                            unexplained.push(`#${r.index} ${r.method} ${r.path}: ${r.difference}`);
                        } else {
                            explained.set(reason, (explained.get(reason) ?? 0) + 1);
                        }
                    }
                    expect(unexplained, "interactions that differ from the recording without a known reason").to.deep.equal([]);
                } finally {
                    await org.close();
                }
            });
        }
    }
});
