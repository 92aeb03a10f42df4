import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as okta from "../../sdk";
import { declareNaturalKey, forgetDeclarations } from "../../sdk/declarations";

/** The program-side registry of natural keys (sdk/declarations.ts) and the functions' argument names; no engine. */
describe("sdk: mistakes found in the program process", () => {
    beforeEach(() => forgetDeclarations());

    const user = (name: string, login: pulumi.Input<string>, connection?: { orgUrl: string }) =>
        declareNaturalKey({ type: "User", name, key: { login }, caseInsensitive: true, why: "logins are unique", connection });

    it("returns the conflict for a second declaration of one key, naming both resources and the key", () => {
        expect(user("ada", "ada@example.com")).to.equal(undefined);
        expect(user("ada2", "ADA@example.com")).to.equal(
            "pulumi-okta-iac: User 'ada2' declares the same login 'ADA@example.com' as User 'ada': logins are unique. Declare it once.",
        );
    });

    it("counts a resource with its own connection in that org only", () => {
        expect(user("ada", "ada@example.com")).to.equal(undefined);
        expect(user("elsewhere", "ada@example.com", { orgUrl: "https://other.okta.com" })).to.equal(undefined);
        expect(user("elsewhere2", "ada@example.com", { orgUrl: "https://other.okta.com/" })).to.contain("as User 'elsewhere'");
    });

    it("finds the same Output object used twice, though its value is not known", () => {
        const groupId = pulumi.output("00g1");
        const declare = (name: string, userId: pulumi.Input<string>) =>
            declareNaturalKey({ type: "GroupMembership", name, key: { groupId, userId }, why: "one membership" });
        expect(declare("m1", "00u1")).to.not.be.a("string");
        expect(declare("m2", "00u1")).to.equal(
            "pulumi-okta-iac: GroupMembership 'm2' declares the same groupId and userId (the same Outputs) as GroupMembership 'm1': one membership. Declare it once.",
        );
    });

    it("functions refuse an argument name they do not have, before any request", async () => {
        const error = await okta.listUsers({ serach: "x" } as any).then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error?.name).to.equal("ArgumentError");
        expect(error?.message).to.match(/^listUsers: 'serach' is not an argument of listUsers \(its arguments are limit, after, fetchAll, maxItems, search,/);
    });
});
