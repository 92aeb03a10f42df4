import * as okta from "pulumi-okta-iac";

// The org and its API token come from stack config (okta:orgUrl, okta:apiToken as a secret)
// or from OKTA_ORG_URL / OKTA_API_TOKEN.
const engineering = new okta.Group("engineering", {
    name: "Engineering",
    description: "Everyone who builds the product",
});

const support = new okta.Group("support", {
    name: "Support",
    description: "Customer support team",
});

export const engineeringGroupId = engineering.id;
export const supportGroupId = support.id;
