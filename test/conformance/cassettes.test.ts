import { expect } from "chai";
import { listCassettes } from "../support/cassettes/cassette";
import {
    interactionKey,
    loadExpectedMismatches,
    loadSeeds,
    MISMATCHES_FILE,
    seedFor,
    unknownSeedKeys,
    type ExpectedMismatch,
} from "../support/cassettes/expectations";
import { replayCassette, type InteractionResult } from "../support/cassettes/replay";
import { OktaSpec } from "../support/openapi/spec";
import { skipWithoutReferenceData } from "../support/reference-data";

/**
 * Real Okta traffic (the reference data's `cassettes/`, test/support/reference-data.ts) replayed against a freshly
 * seeded emulator per cassette file: same status codes and same top-level body keys, except the interactions listed
 * with a reason in test/fixtures/cassette-mismatches.yaml.
 */
describe("cassettes: recorded Okta traffic replayed against the emulator", function () {
    this.timeout(300_000);
    const results: InteractionResult[] = [];
    let expected: Map<string, ExpectedMismatch>;

    before(async function () {
        skipWithoutReferenceData(this);
        const spec = OktaSpec.load();
        const seeds = loadSeeds();
        expected = new Map(loadExpectedMismatches().flatMap((e) => e.interactions.map((id) => [interactionKey(e.cassette, id), e] as const)));
        for (const cassette of listCassettes()) {
            results.push(...(await replayCassette(cassette, spec, seedFor(seeds, cassette))));
        }
        console.log(report(results, expected));
    });

    it("replays every cassette file and finds in-scope interactions to compare", () => {
        expect(results.filter((r) => r.outcome !== "out of scope").length).to.be.greaterThan(0);
    });

    it("seeds only name cassettes that exist", () => {
        expect(unknownSeedKeys(loadSeeds(), listCassettes())).to.deep.equal([]);
    });

    it("mismatches only where the expected list says so (no regression)", () => {
        const unexpected = results.filter((r) => r.outcome === "mismatch" && !expected.has(interactionKey(r.cassette, r.id)));
        expect(unexpected.map(summarize), `add a reason to ${MISMATCHES_FILE} or fix the emulator`).to.deep.equal([]);
    });

    it("every expected mismatch still mismatches (the list cannot rot)", () => {
        const byKey = new Map(results.map((r) => [interactionKey(r.cassette, r.id), r]));
        const stale = [...expected.keys()].filter((key) => byKey.get(key)?.outcome !== "mismatch");
        expect(stale, `remove these from ${MISMATCHES_FILE}: they match now, are out of scope, or do not exist`).to.deep.equal([]);
    });
});

function summarize(r: InteractionResult): string {
    return `${interactionKey(r.cassette, r.id)} ${r.method} ${r.route}: ${r.detail}`;
}

/** The figures and one line per group of mismatches (same route, same difference, same reason). */
function report(results: InteractionResult[], expected: Map<string, ExpectedMismatch>): string {
    const inScope = results.filter((r) => r.outcome !== "out of scope");
    const matched = inScope.filter((r) => r.outcome === "match");
    const groups = new Map<string, { count: number; refs: string[] }>();
    for (const r of inScope.filter((r) => r.outcome === "mismatch")) {
        const reason = expected.get(interactionKey(r.cassette, r.id))?.reason ?? "UNEXPECTED (not in the list)";
        const detail = r.detail?.replace(/\b[0-9A-Za-z]{20}\b/g, "{id}");
        const key = `${`${r.method} ${r.route}`.padEnd(48)} | ${detail} | ${reason}`;
        const group = groups.get(key) ?? { count: 0, refs: [] };
        group.count++;
        group.refs.push(`${r.cassette.replace(/\.yaml$/, "")}#${r.id}`);
        groups.set(key, group);
    }
    const lines = [...groups.entries()]
        .sort((a, b) => b[1].count - a[1].count)
        .map(([key, g]) => `  ${String(g.count).padStart(4)} x ${key}\n         e.g. ${g.refs.slice(0, 3).join(", ")}`);
    return [
        `Cassette replay: ${matched.length} of ${inScope.length} in-scope interactions match ` +
            `(${results.length - inScope.length} out of scope, ${results.length} recorded, ${new Set(results.map((r) => r.cassette)).size} files)`,
        `Mismatches (count x route | difference | reason):`,
        ...lines,
    ].join("\n");
}
