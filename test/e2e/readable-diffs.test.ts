import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, type DeclaredResource } from "./support/project";

/**
 * What `pulumi preview --diff` and `up --diff` show an administrator, through the real CLI: a list whose order Okta
 * ignores diffs as the members added and removed (a reorder is no change), state recorded by the previous release
 * (plain lists) keeps working, and a refresh that picks up drift shows only that drift, never the fields the program
 * did not set. docs/pulumi-engine.md#unordered-lists and #refresh-inputs.
 */
describe("e2e: readable diffs for lists and after a refresh", function () {
    this.timeout(300_000);

    let org: TestOrg;
    let project: DeclaredProject;
    let people: string[];

    const person = (name: string) => ({ login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Example" });

    function program(members: { a: string[]; b: string[]; groupOrder: ["a", "b"] | ["b", "a"]; events: string[] }): DeclaredResource[] {
        return [
            { type: "Group", name: "a", args: { name: "Sales" } },
            { type: "Group", name: "b", args: { name: "Marketing" } },
            { type: "GroupMembers", name: "salesMembers", args: { groupId: { $ref: "a" }, userIds: members.a } },
            { type: "GroupMembers", name: "marketingMembers", args: { groupId: { $ref: "b" }, userIds: members.b } },
            { type: "User", name: "ann", args: { ...person("ann"), groupIds: members.groupOrder.map((name) => ({ $ref: name })) } },
            { type: "User", name: "adopted", args: { ...person("adopted"), adopt: true } },
            { type: "EventHook", name: "audit", args: { name: "audit", url: "https://hooks.example.com/okta", eventTypes: members.events, doNotActivateOnCreate: true } },
        ];
    }

    const EVENTS = ["user.lifecycle.create", "user.lifecycle.activate", "group.user_membership.add"];
    let first: { a: string[]; b: string[]; groupOrder: ["a", "b"]; events: string[] };

    before(async () => {
        org = await startTestOrg();
        people = [];
        for (let i = 0; i < 62; i++) {
            const created = await org.api("POST", "/api/v1/users?activate=false", { body: { profile: person(`member${i}`) } });
            people.push(created.body.id);
        }
        await org.api("POST", "/api/v1/users?activate=false", { body: { profile: person("adopted") } });
        first = { a: people.slice(0, 60), b: [people[60]], groupOrder: ["a", "b"], events: EVENTS };
        project = new DeclaredProject("readable-diffs");
        await project.init({ url: org.url, apiToken: TEST_TOKEN }, program(first));
        await project.pulumi("up", "--yes", "--skip-preview");
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("a reorder of a member list, of a user's groups or of event types is no change", async () => {
        project.declare(program({ a: [...first.a].reverse(), b: first.b, groupOrder: ["b", "a"], events: [...EVENTS].reverse() }));
        await project.pulumi("preview", "--expect-no-changes");
    });

    it("moving one member to another group and removing one from a 60-member list shows exactly three entries", async () => {
        const moved = people[5];
        const removed = people[10];
        const a = first.a.filter((id) => id !== moved && id !== removed).reverse();
        project.declare(program({ a, b: [...first.b, moved], groupOrder: ["a", "b"], events: EVENTS }));
        const preview = await project.pulumi("preview", "--diff");
        const entries = memberEntries(preview.stdout);
        expect(entries).to.have.members([`- ${moved}`, `- ${removed}`, `+ ${moved}`]);
        expect(entries).to.have.length(3);
    });

    it("state recorded by the previous release (plain lists) shows no change, then updates in place", async () => {
        const { text } = await project.exportedState();
        const exported = JSON.parse(text);
        for (const resource of exported.deployment.resources) {
            for (const name of ["userIds", "groupIds", "eventTypes"]) {
                const value = resource.inputs?.[name];
                if (value && typeof value === "object" && !Array.isArray(value)) {
                    resource.inputs[name] = Object.keys(value);
                }
            }
        }
        writeFileSync(join(project.dir, "old-state.json"), JSON.stringify(exported));
        await project.pulumi("stack", "import", "--file", "old-state.json");
        expect(JSON.stringify((await project.resourceState("salesMembers")).inputs.userIds)).to.match(/^\[/);
        project.declare(program(first));
        await project.pulumi("preview", "--expect-no-changes");

        project.declare(program({ ...first, a: first.a.filter((id) => id !== people[10]) }));
        const up = await project.pulumi("up", "--yes", "--skip-preview", "--diff");
        expect(up.stdout).to.match(/~ 1 updated/);
        expect(up.stdout).not.to.match(/replace/);
        const members = org.emulator.store.memberships.usersOf((await project.ids()).a);
        expect(members).not.to.include(people[10]);
        expect(members).to.have.length(60, "59 listed, and ann through her groupIds");
        expect((await project.resourceState("salesMembers")).inputs.userIds).not.to.be.an("array");
    });

    it("after a refresh picks up drift, `up --diff` shows only that drift", async () => {
        const ids = await project.ids();
        await org.api("POST", `/api/v1/users/${ids.ann}`, { body: { profile: { firstName: "Annie" } } });
        await org.api("POST", `/api/v1/users/${ids.adopted}`, { body: { profile: { lastName: "Changed" } } });
        await project.pulumi("refresh", "--yes", "--skip-preview");
        const up = await project.pulumi("up", "--yes", "--skip-preview", "--diff");
        expect(inputChanges(up.stdout)).to.deep.equal(['~ firstName: "Annie" => "ann"', '~ lastName : "Changed" => "Example"']);
        expect(up.stdout).to.match(/~ 2 updated/);
        const users = await Promise.all([ids.ann, ids.adopted].map((id) => org.api("GET", `/api/v1/users/${id}`)));
        expect(users.map((user) => [user.body.profile.firstName, user.body.profile.lastName])).to.deep.equal([["ann", "Example"], ["adopted", "Example"]]);
    });
});

/** The input changes a `--diff` output shows (`~ name: old => new`, `- name`, `+ name`), outputs and headers left out. */
function inputChanges(output: string): string[] {
    const changes: string[] = [];
    let inOutputs = false;
    for (const line of output.split("\n")) {
        if (/pulumi-nodejs:dynamic|pulumi:pulumi:Stack/.test(line)) {
            inOutputs = false;
        } else if (/--outputs:--/.test(line)) {
            inOutputs = true;
        } else if (!inOutputs && /^\s*[-+~] \w/.test(line)) {
            changes.push(line.trim());
        }
    }
    return changes.sort();
}

/** Lines of a `--diff` output that name one list member added or removed (`- <id>` / `+ <id>`). */
function memberEntries(output: string): string[] {
    return output
        .split("\n")
        .map((line) => line.match(/^\s*([-+])\s+(00u\w+):/))
        .filter((match): match is RegExpMatchArray => match !== null)
        .map((match) => `${match[1]} ${match[2]}`);
}
