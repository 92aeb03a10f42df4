import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as okta from "pulumi-okta-iac";

// The org as data: a pull request edits directory.json, the workflow previews and reviews it, and the merge applies
// it. The org and its credentials come from stack config (okta:orgUrl, okta:apiToken as a secret) or from
// OKTA_ORG_URL / OKTA_API_TOKEN.
interface Directory {
    groups: { key: string; name: string; description?: string; members?: string[] }[];
    users: { login: string; firstName: string; lastName: string; department?: string; groups?: string[] }[];
    hooks?: { key: string; name: string; url: string; events: string[]; active?: boolean }[];
}

const file = process.env.OKTA_DIRECTORY_FILE ?? path.join(__dirname, "directory.json");
const directory: Directory = JSON.parse(fs.readFileSync(file, "utf8"));

const groups = new Map(directory.groups.map((g) => [g.key, new okta.Group(g.key, { name: g.name, description: g.description })]));
const groupId = (key: string) => {
    const group = groups.get(key);
    if (!group) {
        throw new Error(`directory.json: no group with key ${key}`);
    }
    return group.id;
};

const users = new Map(
    directory.users.map((u) => [
        u.login,
        new okta.User(u.login.split("@")[0], {
            login: u.login,
            email: u.login,
            firstName: u.firstName,
            lastName: u.lastName,
            department: u.department,
            status: "ACTIVE",
            groupIds: (u.groups ?? []).map(groupId),
        }),
    ]),
);

// Members of sensitive groups are listed on the group, so that a review shows them per group.
for (const group of directory.groups.filter((g) => g.members !== undefined)) {
    const userIds = group.members!.map((login) => {
        const user = users.get(login);
        if (!user) {
            throw new Error(`directory.json: ${group.key} lists ${login}, who is not in users`);
        }
        return user.id;
    });
    new okta.GroupMembers(`${group.key}-members`, { groupId: groupId(group.key), userIds });
}

// The hooks' shared secret: stack config `auditHookSecret` (a Pulumi secret), never in directory.json.
const hookSecret = new pulumi.Config().getSecret("auditHookSecret");
for (const hook of directory.hooks ?? []) {
    new okta.EventHook(hook.key, {
        name: hook.name,
        url: hook.url,
        eventTypes: hook.events,
        ...(hookSecret ? { authHeaderName: "Authorization", authHeaderValue: hookSecret } : {}),
        doNotActivateOnCreate: hook.active === false,
    });
}
