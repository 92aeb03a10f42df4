import * as pulumi from "@pulumi/pulumi";
import * as okta from "pulumi-okta-iac";

// Where receiver.ts listens, and the shared secret Okta sends with every delivery:
//   pulumi config set receiverUrl https://hooks.example.com/okta
//   pulumi config set --secret hookSecret <random value>   (and give the same value to the receiver as HOOK_SECRET)
const config = new pulumi.Config();
const receiverUrl = config.require("receiverUrl");

// Okta verifies the URL when the hook is created: the receiver must be running.
const hook = new okta.EventHook("new-users", {
    name: "New users",
    url: receiverUrl,
    eventTypes: ["user.lifecycle.create"],
    authHeaderName: "Authorization",
    authHeaderValue: config.requireSecret("hookSecret"),
});

// Verify again whenever the receiver moves (or on demand: change `triggers`).
const verification = new okta.VerifyEventHook("new-users-verified", {
    eventHookId: hook.id,
    triggers: [receiverUrl],
});

export const eventHookId = hook.id;
export const verificationStatus = verification.verificationStatus;
