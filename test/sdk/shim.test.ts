import { expect } from "chai";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-offline";
import * as pulumi from "@pulumi/pulumi";
import { providerSource } from "../../sdk/registration";
import groupProvider = require("../../sdk/shims/group");

const requireFromString: (code: string, filename?: string) => any = require("require-from-string");

const PROVIDER_METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];

describe("sdk: the serialized provider shim", () => {
    it("is stored as one require of the type's shim, which reloads with every provider method", () => {
        const text = providerSource("group");
        expect(text).to.equal('exports.handler = () => require("pulumi-okta-iac/shims/group");');
        // Loaded as Pulumi's provider host does (require-from-string, which resolves from the project directory); named
        // as a file at the repository root, the package requires itself by name.
        const reloaded = requireFromString(text, join(REPO_ROOT, "state-shim.js")).handler();
        for (const method of PROVIDER_METHODS) {
            expect(reloaded[method], method).to.be.a("function");
        }
    });

    it("as earlier releases serialized it (still in their stacks' state): without capturing native code or secrets, and reloads with every provider method", async () => {
        // From the repository the module is serialized by value (it is not under node_modules); the e2e test checks the
        // one-line require form that users get.
        const { text } = await pulumi.runtime.serializeFunction(() => groupProvider, { allowSecrets: false });
        const reloaded = requireFromString(text).handler();
        for (const method of PROVIDER_METHODS) {
            expect(reloaded[method], method).to.be.a("function");
        }
        expect(text).to.contain('require("pulumi-okta-iac/provider")');
        expect(text).not.to.match(/okta\.com|SSWS|apiToken/);
    });
});
