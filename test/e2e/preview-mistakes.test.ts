import { expect } from "chai";
import { startTestOrg, TEST_TOKEN, type TestOrg } from "../support/emulator";
import { DeclaredProject, type DeclaredFunction, type DeclaredResource } from "./support/project";

/** One plausible mistake: the program that makes it and what `pulumi preview` must say about it. */
interface Mistake {
    mistake: string;
    resources?: DeclaredResource[];
    functions?: DeclaredFunction[];
    /** Texts the preview's output must contain: the property (or argument) and the reason. */
    says: string[];
}

const person = (name: string, extra: Record<string, unknown> = {}) => ({
    type: "User",
    name,
    args: { login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: "Example", ...extra },
});
const group = (args: Record<string, unknown>, name = "g"): DeclaredResource => ({ type: "Group", name, args });
const user = (args: Record<string, unknown>, name = "u"): DeclaredResource => ({ type: "User", name, args: { login: "ada@example.com", email: "ada@example.com", ...args } });
const membership = (args: Record<string, unknown>, name = "m"): DeclaredResource => ({ type: "GroupMembership", name, args: { groupId: "00g1", userId: "00u1", ...args } });
const members = (args: Record<string, unknown>, name = "t"): DeclaredResource => ({ type: "GroupMembers", name, args: { groupId: "00g1", userIds: ["00u1"], ...args } });
const assignment = (args: Record<string, unknown>, name = "a"): DeclaredResource => ({ type: "AppUserAssignment", name, args: { appId: "0oa1", userId: "00u1", ...args } });
const hook = (args: Record<string, unknown>, name = "h"): DeclaredResource => ({
    type: "EventHook",
    name,
    args: { name: "Audit", url: "https://hooks.example.com/okta", eventTypes: ["user.lifecycle.create"], ...args },
});
const operation = (type: string, args: Record<string, unknown>): DeclaredResource => ({ type, name: "op", args });
const call = (fn: string, args: Record<string, unknown>): DeclaredFunction => ({ name: "read", function: fn, args });
const hash = { algorithm: "BCRYPT", workFactor: 10, salt: "rwh3vH166HCH/NT9XV5FYu", value: "qaMqvAPULkbiQzkTCWo5XDcvzpk8Tna" };
const notAProperty = (name: string) => `${name} is not a property of this resource`;

const MISTAKES: Mistake[] = [
    // Group
    { mistake: "Group without a name", resources: [group({ description: "d" })], says: ["name is required"] },
    { mistake: "Group with an empty name", resources: [group({ name: "" })], says: ["name must NOT have fewer than 1 characters"] },
    { mistake: "Group name over 255 characters", resources: [group({ name: "x".repeat(256) })], says: ["name must NOT have more than 255 characters"] },
    { mistake: "Group description over 1,024 characters", resources: [group({ name: "G", description: "d".repeat(1025) })], says: ["description must NOT have more than 1024 characters"] },
    { mistake: "Group with a misspelled property", resources: [group({ name: "G", descripton: "d" })], says: [notAProperty("descripton")] },
    { mistake: "Group adopt as a string", resources: [group({ name: "G", adopt: "yes" })], says: ["adopt must be boolean"] },
    { mistake: "Group profileAttributes not an object", resources: [group({ name: "G", profileAttributes: "team=a" })], says: ["profileAttributes must be object"] },
    {
        mistake: "a connection to an org over plain http",
        resources: [group({ name: "G", connection: { orgUrl: "http://example.okta.com", apiToken: "t" } })],
        says: ["connection.orgUrl 'http://example.okta.com' must use https"],
    },
    { mistake: "a connection without orgUrl", resources: [group({ name: "G", connection: { apiToken: "t" } })], says: ["connection.orgUrl is required"] },
    {
        mistake: "two Groups with one name",
        resources: [group({ name: "Engineering" }, "g1"), group({ name: "Engineering" }, "g2")],
        says: ["Group 'g2' declares the same name 'Engineering' as Group 'g1'", "Okta group names are unique"],
    },
    // User
    { mistake: "User login too short", resources: [user({ login: "ab" })], says: ["login must NOT have fewer than 5 characters"] },
    { mistake: "User without an email", resources: [user({ email: undefined })], says: ["email is required"] },
    { mistake: "User email not an address", resources: [user({ email: "ada" })], says: ['email must match format "email"'] },
    { mistake: "User with an empty first name", resources: [user({ firstName: "" })], says: ["firstName must NOT have fewer than 1 characters"] },
    { mistake: "User locale not a locale", resources: [user({ locale: "english" })], says: ["locale must match pattern"] },
    { mistake: "User status Okta cannot be asked for", resources: [user({ status: "LOCKED_OUT" })], says: ['status must be one of "STAGED"'] },
    { mistake: "User firstname typo (JavaScript)", resources: [user({ firstname: "Ada" })], says: [notAProperty("firstname")] },
    { mistake: "User output given as input", resources: [user({ rawStatus: "ACTIVE" })], says: [notAProperty("rawStatus")] },
    { mistake: "User password and hash", resources: [user({ password: "Xq7-Secret-Pass-1", passwordHash: hash })], says: ["passwordHash and password cannot both be set"] },
    { mistake: "User recovery question without answer", resources: [user({ recoveryQuestion: "First pet?" })], says: ["recoveryQuestion and recoveryAnswer are set together"] },
    {
        mistake: "User changePassword at next login while STAGED",
        resources: [user({ nextLogin: "changePassword", password: "Xq7-Secret-Pass-1", status: "STAGED" })],
        says: ["nextLogin changePassword needs the user to be activated"],
    },
    { mistake: "User groupIds with a duplicate", resources: [user({ groupIds: ["00g1", "00g1"] })], says: ["groupIds must NOT have duplicate items"] },
    { mistake: "User hash algorithm Okta lacks", resources: [user({ passwordHash: { ...hash, algorithm: "ROT13" } })], says: ['passwordHash.algorithm must be one of "BCRYPT"'] },
    { mistake: "User hash work factor out of range", resources: [user({ passwordHash: { ...hash, workFactor: 50 } })], says: ["passwordHash.workFactor must be <= 20"] },
    { mistake: "User provider type Okta lacks", resources: [user({ providerType: "GOOGLE" })], says: ["providerType must be one of"] },
    {
        mistake: "two Users with one login, in different case",
        resources: [person("ada"), { ...person("ada2"), args: { ...person("ada2").args, login: "ADA@example.com" } }],
        says: ["User 'ada2' declares the same login 'ADA@example.com' as User 'ada'", "ignoring case"],
    },
    // GroupMembership
    { mistake: "GroupMembership without userId", resources: [membership({ userId: undefined })], says: ["userId is required"] },
    { mistake: "GroupMembership with an empty groupId", resources: [membership({ groupId: "" })], says: ["groupId must NOT have fewer than 1 characters"] },
    { mistake: "GroupMembership with a misspelled property", resources: [membership({ user: "00u2" })], says: [notAProperty("user")] },
    {
        mistake: "two GroupMemberships of one user in one group",
        resources: [membership({}, "m1"), membership({}, "m2")],
        says: ["GroupMembership 'm2' declares the same groupId '00g1' and userId '00u1' as GroupMembership 'm1'"],
    },
    {
        mistake: "two GroupMemberships of the same resources (ids unknown at preview)",
        resources: [group({ name: "Eng" }, "eng"), person("bob"), membership({ groupId: { $ref: "eng" }, userId: { $ref: "bob" } }, "m1"), membership({ groupId: { $ref: "eng" }, userId: { $ref: "bob" } }, "m2")],
        says: ["GroupMembership 'm2' declares the same groupId and userId (the same Outputs) as GroupMembership 'm1'"],
    },
    // GroupMembers
    { mistake: "GroupMembers userIds as one string", resources: [members({ userIds: "00u1, 00u2" })], says: ["userIds must be array"] },
    { mistake: "GroupMembers with a duplicate user id", resources: [members({ userIds: ["00u1", "00u2", "00u1"] })], says: ["userIds must NOT have duplicate items"] },
    { mistake: "GroupMembers with an empty user id", resources: [members({ userIds: [""] })], says: ["userIds.0 must NOT have fewer than 1 characters"] },
    { mistake: "GroupMembers authoritative as a string", resources: [members({ authoritative: "true" })], says: ["authoritative must be boolean"] },
    {
        mistake: "two GroupMembers lists of one group",
        resources: [members({}, "t1"), members({ userIds: ["00u2"] }, "t2")],
        says: ["GroupMembers 't2' declares the same groupId '00g1' as GroupMembers 't1'"],
    },
    // AppUserAssignment
    { mistake: "AppUserAssignment without appId", resources: [assignment({ appId: undefined })], says: ["appId is required"] },
    { mistake: "AppUserAssignment scope Okta lacks", resources: [assignment({ scope: "TEAM" })], says: ["scope must be one of"] },
    { mistake: "AppUserAssignment username over 100 characters", resources: [assignment({ username: "u".repeat(101) })], says: ["username must NOT have more than 100 characters"] },
    { mistake: "AppUserAssignment with a misspelled property", resources: [assignment({ userName: "ada" })], says: [notAProperty("userName")] },
    {
        mistake: "two AppUserAssignments of one user to one app",
        resources: [assignment({}, "a1"), assignment({ username: "other" }, "a2")],
        says: ["AppUserAssignment 'a2' declares the same appId '0oa1' and userId '00u1' as AppUserAssignment 'a1'"],
    },
    // EventHook
    { mistake: "EventHook url over plain http to a remote host", resources: [hook({ url: "http://hooks.example.com/okta" })], says: ["url must use https"] },
    {
        mistake: "EventHook event type Okta does not offer to hooks",
        resources: [hook({ eventTypes: ["user.lifecycle.created"] })],
        says: ["eventTypes.0 'user.lifecycle.created' is not an event type Okta offers for event hooks; did you mean 'user.lifecycle.create'?"],
    },
    { mistake: "EventHook with empty eventTypes", resources: [hook({ eventTypes: [] })], says: ["eventTypes must NOT have fewer than 1 items"] },
    { mistake: "EventHook with a duplicate event type", resources: [hook({ eventTypes: ["user.lifecycle.create", "user.lifecycle.create"] })], says: ["eventTypes must NOT have duplicate items"] },
    { mistake: "EventHook url with another scheme", resources: [hook({ url: "ftp://hooks.example.com" })], says: ['url must match pattern "^https?://"'] },
    { mistake: "EventHook url not a URL", resources: [hook({ url: "hooks.example.com" })], says: ['url must match format "uri"'] },
    { mistake: "EventHook url with credentials", resources: [hook({ url: "https://user:pw@hooks.example.com/okta" })], says: ["url must not contain credentials"] },
    {
        mistake: "EventHook filter for an event type it does not subscribe to",
        resources: [hook({ filters: { "group.user_membership.add": "true" } })],
        says: ["filters.group.user_membership.add filters an event type that is not in eventTypes"],
    },
    { mistake: "EventHook ACTIVE and not activated on create", resources: [hook({ status: "ACTIVE", doNotActivateOnCreate: true })], says: ["status ACTIVE contradicts doNotActivateOnCreate"] },
    { mistake: "EventHook header name with a space", resources: [hook({ headers: { "X Source": "okta" } })], says: ["'X Source' is not a valid HTTP header name"] },
    { mistake: "EventHook status Okta lacks", resources: [hook({ status: "ENABLED" })], says: ["status must be one of"] },
    { mistake: "EventHook without eventTypes (JavaScript)", resources: [hook({ eventTypes: undefined })], says: ["eventTypes is required"] },
    {
        mistake: "two EventHooks with one name",
        resources: [hook({}, "h1"), hook({ url: "https://hooks.example.com/other" }, "h2")],
        says: ["EventHook 'h2' declares the same name 'Audit' as EventHook 'h1'"],
    },
    // Operation resources
    { mistake: "ResetUserPassword without userId", resources: [operation("ResetUserPassword", { sendEmail: false })], says: ["userId is required"] },
    { mistake: "ResetUserPassword sendEmail as a string", resources: [operation("ResetUserPassword", { userId: "00u1", sendEmail: "no" })], says: ["sendEmail must be boolean"] },
    { mistake: "SetUserPassword without a new password", resources: [operation("SetUserPassword", { userId: "00u1" })], says: ["newPassword or newHashPassword is required"] },
    {
        mistake: "SetUserPassword with a password and a hash",
        resources: [operation("SetUserPassword", { userId: "00u1", newPassword: "Xq7-Secret-Pass-1", newHashPassword: hash })],
        says: ["give either newPassword or newHashPassword, not both"],
    },
    { mistake: "ClearUserSessions with a misspelled property", resources: [operation("ClearUserSessions", { userId: "00u1", oauthToken: true })], says: [notAProperty("oauthToken")] },
    { mistake: "UnenrollUserFactor without factorId", resources: [operation("UnenrollUserFactor", { userId: "00u1" })], says: ["factorId is required"] },
    { mistake: "UserLifecycleOperation Okta lacks", resources: [operation("UserLifecycleOperation", { userId: "00u1", operation: "delete" })], says: ["operation must be one of"] },
    { mistake: "VerifyEventHook without eventHookId", resources: [operation("VerifyEventHook", { triggers: [1] })], says: ["eventHookId is required"] },
    { mistake: "operation triggers not a list", resources: [operation("ClearUserSessions", { userId: "00u1", triggers: "ticket-1" })], says: ["triggers must be array"] },
    // Functions: they run in the program, so a bad argument fails the program before any request.
    { mistake: "listUsers with a misspelled argument", functions: [call("listUsers", { serach: 'profile.department eq "Eng"' })], says: ["listUsers: 'serach' is not an argument of listUsers"] },
    { mistake: "getUser without an id", functions: [call("getUser", { id: "" })], says: ["id is required"] },
    { mistake: "listGroups with a page size of 0", functions: [call("listGroups", { limit: 0 })], says: ["limit must be a positive integer (got 0)"] },
];

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"];

/**
 * Mistakes Okta would refuse fail `pulumi preview` (real CLI, the emulator as the org) with a message naming the
 * property and the reason, and without a single write reaching the org. The engine reports the check failures of the
 * first failing resource only, so each mistake gets its own preview of one reused stack.
 */
describe("e2e: mistakes are caught at preview, not half-way through an up", function () {
    this.timeout(600_000);

    let org: TestOrg;
    let project: DeclaredProject;

    before(async () => {
        org = await startTestOrg();
        project = new DeclaredProject("preview-mistakes");
        await project.init({ url: org.url, apiToken: TEST_TOKEN });
    });

    after(async () => {
        await project?.remove();
        await org?.close();
    });

    it("has at least 50 distinct mistakes across every resource type and functions", () => {
        expect(new Set(MISTAKES.map((m) => m.mistake)).size).to.equal(MISTAKES.length).and.to.be.at.least(50);
        const types = new Set(MISTAKES.flatMap((m) => (m.resources ?? []).map((r) => r.type)));
        expect([...types].sort()).to.deep.equal(
            ["AppUserAssignment", "ClearUserSessions", "EventHook", "Group", "GroupMembers", "GroupMembership", "ResetUserPassword", "SetUserPassword", "UnenrollUserFactor", "User", "UserLifecycleOperation", "VerifyEventHook"],
        );
    });

    for (const { mistake, resources = [], functions = [], says } of MISTAKES) {
        it(mistake, async () => {
            project.declare(resources, functions);
            await org.control.resetStats();
            const preview = await project.attempt("preview");
            const output = preview.stdout + preview.stderr;
            expect(preview.code, output).to.not.equal(0);
            for (const text of says) {
                expect(output).to.contain(text);
            }
            const writes = Object.entries((await org.control.stats()).byRoute).filter(([route]) => WRITE_METHODS.includes(route.split(" ")[0]));
            expect(writes, "write requests reached the org").to.deep.equal([]);
        });
    }
});
