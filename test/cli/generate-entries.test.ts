import { expect } from "chai";
import { entriesOf, type DataSet } from "../../cli/generate/entries";
import { byKey, NameBook, slug } from "../../cli/generate/names";
import { renderReadme } from "../../cli/generate/project-files";
import type { OrgSnapshot } from "../../cli/generate/read-org";
import { parseSelection } from "../../cli/generate/selection";
import type { OktaUser } from "../../core/okta/types";

/** The pure parts of `okta-iac generate` (docs/generate.md): names, order, statuses, option checks. */
describe("cli: generate's entries, names and options", () => {
    it("names are readable slugs, unique in a fixed order", () => {
        expect(slug("Ada.Lovelace@Example.com")).to.equal("ada-lovelace-example-com");
        expect(slug("Équipe R&D ")).to.equal("equipe-r-d");
        expect(slug("***")).to.equal("unnamed");
        const book = new NameBook(["sales-emea"]);
        expect([book.claim("Sales EMEA"), book.claim("Sales-EMEA"), book.claim("Other")]).to.deep.equal(["sales-emea-2", "sales-emea-3", "other"]);
    });

    it("sorts digits by value and never by locale", () => {
        const sorted = ["user10@x", "user2@x", "User1@x", "user1@x"].sort(byKey((s) => s));
        expect(sorted).to.deep.equal(["User1@x", "user1@x", "user2@x", "user10@x"]);
    });

    it("declares each live status as a desired status it already satisfies", () => {
        const statuses = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
        const users = statuses.map((status, i) => ({ id: `u${i}`, status, profile: { login: `u${i}@x.com`, email: `u${i}@x.com`, locale: "fr_FR" } }) as unknown as OktaUser);
        const snapshot: OrgSnapshot = { users, groups: [], members: new Map(), apps: [], hooks: [], groupAssignmentsLeftOut: 0 };
        const declared = entriesOf(snapshot, { authoritative: false }).users.map((u) => u.status);
        expect(declared).to.deep.equal(["STAGED", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", undefined, "SUSPENDED", "DEPROVISIONED"]);
    });

    it("declares an empty locale as empty, so the package's default en_US is not set", () => {
        const user = { id: "u1", status: "ACTIVE", profile: { login: "a@x.com", email: "a@x.com", firstName: "A", nickName: "Al", secondEmail: null } } as unknown as OktaUser;
        const snapshot: OrgSnapshot = { users: [user], groups: [], members: new Map(), apps: [], hooks: [], groupAssignmentsLeftOut: 0 };
        expect(entriesOf(snapshot, { authoritative: false }).users[0]).to.deep.equal({
            resource: "a-x-com",
            login: "a@x.com",
            email: "a@x.com",
            firstName: "A",
            locale: "",
            profileAttributes: { nickName: "Al" },
            status: "ACTIVE",
        });
    });

    it("counts one of each object in the singular in the generated README", () => {
        const one: DataSet = {
            users: [{ resource: "a-x-com", login: "a@x.com", email: "a@x.com", status: "ACTIVE" }],
            groups: [{ resource: "eng", name: "Eng", members: ["a@x.com"] }],
            apps: [{ resource: "wiki", appId: "0oa1", label: "Wiki", assignments: [{ login: "a@x.com" }] }],
            hooks: [{ resource: "hook", name: "Hook", url: "https://example.com/hook", status: "ACTIVE", eventTypes: ["user.lifecycle.create"] }],
        };
        const rows = renderReadme(one, "https://example.okta.com").split("\n").flatMap((line) => /^\| `[^`]+` \| (.*) \|$/.exec(line)?.[1] ?? []);
        expect(rows).to.deep.equal([
            "1 user (okta.User)",
            "1 group (okta.Group) and 1 membership (one okta.GroupMembers per group)",
            "1 direct app assignment (okta.AppUserAssignment)",
            "1 event hook (okta.EventHook)",
        ]);
        const none: DataSet = { users: [], groups: [], apps: [], hooks: [] };
        expect(renderReadme(none, "https://example.okta.com")).to.contain("| 0 users (okta.User) |").and.contain("| 0 groups (okta.Group) and 0 memberships");
    });

    it("refuses options that cannot work together", () => {
        expect(() => parseSelection("members", undefined, undefined, false)).to.throw(/members needs users and groups/);
        expect(() => parseSelection("users,groups", undefined, undefined, true)).to.throw(/--authoritative/);
        expect(() => parseSelection(undefined, { users: 'status eq "ACTIVE"' }, undefined, true)).to.throw(/--authoritative/);
        expect(() => parseSelection(undefined, { "event-hooks": "x" }, undefined, false)).to.throw(/only users, groups, app-assignments take a filter/);
        expect(() => parseSelection("users,roles", undefined, undefined, false)).to.throw(/unknown area 'roles'/);
        expect(parseSelection(undefined, undefined, { groups: 'profile.name sw "Eng"' }, false).queries).to.deep.equal({ groups: { search: 'profile.name sw "Eng"' } });
    });
});
