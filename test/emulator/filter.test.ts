import { expect } from "chai";
import { compileFilter, FilterSyntaxError, parseFilter, type Operator } from "../../emulator/platform/query/filter";

const ALL: readonly Operator[] = ["eq", "ne", "gt", "ge", "lt", "le", "sw", "ew", "co", "pr"];
const anyAttribute = { operatorsFor: () => ALL, caseInsensitive: false };

describe("emulator filter expressions", () => {
    const alice = { id: "00u1", status: "ACTIVE", lastUpdated: "2026-01-02T00:00:00.000Z", profile: { login: "alice@example.com", tags: ["a", "b"] } };
    const bob = { id: "00u2", status: "STAGED", lastUpdated: "2025-01-02T00:00:00.000Z", profile: { login: "Bob@example.com" } };

    it("gives 'and' precedence over 'or' and honours parentheses", () => {
        const loose = compileFilter('status eq "STAGED" or status eq "ACTIVE" and id eq "00u9"', anyAttribute);
        expect([alice, bob].filter(loose)).to.deep.equal([bob]);
        const grouped = compileFilter('(status eq "STAGED" or status eq "ACTIVE") and id eq "00u1"', anyAttribute);
        expect([alice, bob].filter(grouped)).to.deep.equal([alice]);
    });

    it("treats operators and keywords case-insensitively but attribute names exactly", () => {
        expect([alice, bob].filter(compileFilter('status EQ "ACTIVE" AND profile.login SW "alice"', anyAttribute))).to.deep.equal([alice]);
        expect([alice, bob].filter(compileFilter('Status eq "ACTIVE"', anyAttribute))).to.deep.equal([]);
    });

    it("compares values case-sensitively for filter and case-insensitively for search", () => {
        expect([alice, bob].filter(compileFilter('profile.login sw "bob"', anyAttribute))).to.deep.equal([]);
        expect([alice, bob].filter(compileFilter('profile.login sw "bob"', { ...anyAttribute, caseInsensitive: true }))).to.deep.equal([bob]);
    });

    it("orders timestamps, matches array elements and tests presence", () => {
        expect([alice, bob].filter(compileFilter('lastUpdated gt "2025-06-01T00:00:00.000Z"', anyAttribute))).to.deep.equal([alice]);
        expect([alice, bob].filter(compileFilter('profile.tags eq "b"', anyAttribute))).to.deep.equal([alice]);
        expect([alice, bob].filter(compileFilter("profile.tags pr", anyAttribute))).to.deep.equal([alice]);
    });

    it("refuses malformed expressions and what an endpoint does not allow", () => {
        for (const bad of ['status eq ACTIVE', 'status eq "ACTIVE', 'status like "x"', '(status eq "x"', 'status eq "x" and', 'not (status eq "x")', ""]) {
            expect(() => parseFilter(bad), bad).to.throw(FilterSyntaxError);
        }
        const usersFilter = { operatorsFor: (a: string) => (a === "status" ? (["eq"] as const) : undefined), caseInsensitive: false };
        expect(() => compileFilter('status sw "A"', usersFilter)).to.throw(FilterSyntaxError, /Operator 'sw'/);
        expect(() => compileFilter('profile.nickName eq "A"', usersFilter)).to.throw(FilterSyntaxError, /Unsupported attribute/);
    });
});
