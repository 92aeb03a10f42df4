import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider that Pulumi serializes into state for each resource.
 *
 * Each resource type has a module in `shims/` whose exports object is made here. Pulumi serializes a module object
 * that lives in node_modules as `require("pulumi-okta-iac/shims/<type>")`, so what lands in state is one short
 * require: no implementation and no secret. Every call requires the installed package (resolved from the project's
 * directory, where the provider host runs) and forwards to it, so refresh and destroy run the code installed now
 * rather than a copy frozen at create time.
 *
 * Pulumi replaces a resource whose `__provider` text changes: keep the `./shims/*` export, the entry point
 * `pulumi-okta-iac/provider` and its `dynamicProvider(type)` export stable across releases.
 */
export function forwardingProvider(type: string): pulumi.dynamic.ResourceProvider {
    const call = (method: string, args: unknown[]) =>
        require("pulumi-okta-iac/provider").dynamicProvider(type)[method](...args);
    return {
        configure(...args) { return call("configure", args); },
        check(...args) { return call("check", args); },
        diff(...args) { return call("diff", args); },
        create(...args) { return call("create", args); },
        read(...args) { return call("read", args); },
        update(...args) { return call("update", args); },
        delete(...args) { return call("delete", args); },
    };
}
