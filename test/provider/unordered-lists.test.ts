import { expect } from "chai";
import { UNKNOWN } from "../../provider/schema";
import { keyUnorderedLists, plainUnorderedLists, unorderedListsOf } from "../../provider/unordered-lists";

/** The keyed form `check` records for lists whose order Okta ignores (docs/pulumi-engine.md#unordered-lists). */
describe("provider: unordered lists recorded keyed by member", () => {
    const token = "okta:index:GroupMembers";

    it("are the lists schema.json names", () => {
        expect(unorderedListsOf("okta:index:User")).to.deep.equal(["groupIds"]);
        expect(unorderedListsOf(token)).to.deep.equal(["userIds"]);
        expect(unorderedListsOf("okta:index:EventHook")).to.deep.equal(["eventTypes"]);
        expect(unorderedListsOf("okta:index:ResetUserPassword")).to.deep.equal([], "triggers keep their order");
    });

    it("key members in one order whatever the list's, duplicates once, and come back as the members", () => {
        const one = keyUnorderedLists(token, { groupId: "00g1", userIds: ["00ub", "00ua", "00ub"] });
        const other = keyUnorderedLists(token, { groupId: "00g1", userIds: ["00ua", "00ub"] });
        expect(JSON.stringify(one)).to.equal(JSON.stringify(other));
        expect(one.userIds).to.deep.equal({ "00ua": true, "00ub": true });
        expect(plainUnorderedLists(token, one)).to.deep.equal({ groupId: "00g1", userIds: ["00ua", "00ub"] });
    });

    it("keep members unknown during preview under placeholder keys, and leave lists of older states as they are", () => {
        const keyed = keyUnorderedLists(token, { userIds: ["00ua", UNKNOWN, UNKNOWN] });
        expect(keyed.userIds).to.deep.equal({ "00ua": true, "(known after apply 1)": UNKNOWN, "(known after apply 2)": UNKNOWN });
        expect(plainUnorderedLists(token, keyed).userIds).to.deep.equal(["00ua", UNKNOWN, UNKNOWN]);
        expect(keyUnorderedLists(token, { userIds: UNKNOWN }).userIds).to.equal(UNKNOWN);
        expect(plainUnorderedLists(token, { userIds: ["00ub", "00ua"] }).userIds).to.deep.equal(["00ub", "00ua"]);
    });
});
