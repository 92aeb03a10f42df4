import * as okta from "pulumi-okta-iac";

// The org and its credentials come from the stack's config (okta:orgUrl, and okta:apiToken set with --secret), or
// else from the environment (OKTA_ORG_URL, OKTA_API_TOKEN).

const engineering = new okta.Group("engineering", {
    name: "Engineering",
    description: "Everyone who builds the product",
});

const ada = new okta.User("ada", {
    login: "ada@example.com",
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    groupIds: [engineering.id],
});

export const groupId = engineering.id;
export const userId = ada.id;
