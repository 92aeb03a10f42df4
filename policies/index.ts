// The entry of the ready policy pack (dist/policies, with PulumiPolicy.yaml): Pulumi's policy runner loads this
// module, and the PolicyPack starts the analyzer the engine talks to. Import `pulumi-okta-iac/policies` instead to
// reuse the policies; importing this file starts a server.
import { PolicyPack } from "@pulumi/policy";
import { oktaPolicies, POLICY_PACK_NAME } from "./okta-policies";

new PolicyPack(POLICY_PACK_NAME, { policies: oktaPolicies });
