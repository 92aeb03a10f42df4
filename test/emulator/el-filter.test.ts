import { expect } from "chai";
import { compileCondition, ExpressionError } from "../../emulator/areas/event-hooks/el-filter";

describe("emulator: event hook filter expressions (Okta EL subset)", () => {
    const event = {
        eventType: "group.user_membership.add",
        outcome: { result: "SUCCESS" },
        actor: { id: "00uA", type: "User", alternateId: "admin@example.com", displayName: "Admin" },
        target: [
            { id: "00uB", type: "User", alternateId: "ann@example.com", displayName: "Ann" },
            { id: "00gC", type: "UserGroup", alternateId: "unknown", displayName: "Sales" },
        ],
        debugContext: { debugData: { changedAttributes: "title" } },
    };
    const passes = (expression: string) => compileCondition(expression)(event);

    it("evaluates Okta's documented examples", () => {
        expect(passes("event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0")).to.equal(true);
        expect(passes("event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size() > 0")).to.equal(true);
        expect(passes("event.target.?[type eq 'UserGroup' && displayName eq 'Marketing'].size() > 0")).to.equal(false);
    });

    it("supports eq/ne and symbolic operators, and/or/not, parentheses and both quote styles", () => {
        expect(passes('event.eventType == "group.user_membership.add"')).to.equal(true);
        expect(passes("event.actor.type ne 'User' || event.outcome.result eq 'SUCCESS'")).to.equal(true);
        expect(passes("!(event.actor.id eq '00uA') and event.outcome.result eq 'SUCCESS'")).to.equal(false);
        expect(passes("event.debugData.changedAttributes eq 'title'")).to.equal(true);
        expect(passes("event.target.?[id eq '00uB'].size() == 1")).to.equal(true);
        expect(passes("event.outcome.reason eq null")).to.equal(true);
        expect(passes("event.actor.displayName eq 'O''Brien'")).to.equal(false);
    });

    it("refuses fields filters cannot read, non-Boolean expressions and bad syntax", () => {
        for (const bad of [
            "event.client.ipAddress eq '1.2.3.4'",
            "event.target.?[client eq 'x'].size() > 0",
            "event.actor.?[id eq 'x'].size() > 0",
            "event.eventType",
            "event.target.size()",
            "event.eventType eq 'x' &&",
            "event.eventType.toUpperCase() eq 'X'",
            "event.eventType eq 'unterminated",
            "(".repeat(100) + "true" + ")".repeat(100),
            "",
        ]) {
            expect(() => compileCondition(bad), bad).to.throw(ExpressionError);
        }
    });
});
