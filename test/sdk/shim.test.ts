import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import groupProvider = require("../../sdk/shims/group");

const requireFromString: (code: string) => any = require("require-from-string");

describe("sdk: the serialized provider shim", () => {
    it("serializes without capturing native code or secrets, and reloads with every provider method", async () => {
        // From the repository the module is serialized by value (it is not under node_modules); the e2e test checks the
        // one-line require form that users get.
        const { text } = await pulumi.runtime.serializeFunction(() => groupProvider, { allowSecrets: false });
        const reloaded = requireFromString(text).handler();
        for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
            expect(reloaded[method], method).to.be.a("function");
        }
        expect(text).to.contain('require("pulumi-okta-iac/provider")');
        expect(text).not.to.match(/okta\.com|SSWS|apiToken/);
    });
});
