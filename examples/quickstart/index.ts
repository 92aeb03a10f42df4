import * as pulumi from "@pulumi/pulumi";
import * as okta from "pulumi-okta-iac";

// The org and its credentials come from stack config (okta:orgUrl, okta:apiToken as a secret) or from
// OKTA_ORG_URL / OKTA_API_TOKEN.
const config = new pulumi.Config();

const engineering = new okta.Group("engineering", {
    name: "Engineering",
    description: "Everyone who builds the product",
});

const support = new okta.Group("support", {
    name: "Support",
    description: "Customer support team",
});

// Without a password Okta sends an activation email and the user is PROVISIONED until they finish it; that counts as
// ACTIVE, so it causes no diff. `rawStatus` shows the live status.
const ada = new okta.User("ada", {
    login: "ada@example.com",
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    department: "Engineering",
    status: "ACTIVE",
    groupIds: [engineering.id],
});

const grace = new okta.User("grace", {
    login: "grace@example.com",
    email: "grace@example.com",
    firstName: "Grace",
    lastName: "Hopper",
    status: "ACTIVE",
});

// One membership as one resource...
new okta.GroupMembership("grace-in-engineering", { groupId: engineering.id, userId: grace.id });

// ...or a group's whole member list: authoritative removes members added by hand.
new okta.GroupMembers("support-team", { groupId: support.id, userIds: [ada.id, grace.id], authoritative: true });

// The Wiki app is seeded in the emulator (emulator-seed.yaml); set wikiAppId for a real org.
new okta.AppUserAssignment("ada-wiki", {
    appId: config.get("wikiAppId") ?? "0oa1wikiapp000000001",
    userId: ada.id,
    username: "ada",
});

// Created inactive: Okta verifies a hook's endpoint when it is activated (remove doNotActivateOnCreate once the
// receiver is deployed). The auth header value is stored in state as a secret.
new okta.EventHook("audit", {
    name: "Audit trail",
    url: "https://audit.example.com/okta/events",
    eventTypes: ["user.lifecycle.create", "group.user_membership.add"],
    authHeaderValue: config.getSecret("auditHookAuth") ?? "Bearer change-me",
    doNotActivateOnCreate: true,
});

export const engineeringGroupId = engineering.id;
export const supportGroupId = support.id;
export const adaStatus = ada.rawStatus;
