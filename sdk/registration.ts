/**
 * What a resource class hands Pulumi when it registers, kept small because a stack holds thousands of resources
 * (docs/state.md#per-resource-cost): the program process keeps one Output object (four promises, each with its own
 * bookkeeping) for every property registered, whether or not its value is ever read.
 *
 * The generated classes extend `pulumi.CustomResource` directly and call these helpers, rather than sharing a base
 * class: Pulumi records the stack below `CustomResource`'s caller as the resource's source position and stack trace
 * in state, so a class in between would put this package's frame first instead of the user's
 * `new okta.User(...)` line, and store one more frame with every resource (docs/state.md#source-position).
 */

/** The properties given: an argument left out registers nothing, so the instance has no Output for it. */
export function givenProperties(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

/**
 * The resource's `__provider`: a module whose `handler()` returns the type's shim (sdk/shim.ts), which Pulumi's
 * dynamic-provider host evaluates once per distinct text. Written here rather than serialized by
 * `pulumi.dynamic.Resource` (whose closure serialization wraps the same `require` in ~300 bytes of boilerplate), since
 * the text is stored twice per resource in state. The host does not compare old and new texts: a stack whose state
 * holds the older, longer text keeps working, and the text changes on the next update (docs/state.md#provider).
 */
export function providerSource(shimModule: string): string {
    return `exports.handler = () => require("pulumi-okta-iac/shims/${shimModule}");`;
}

/**
 * Runs while a resource registers: Pulumi's SDK takes a stack trace (about 1 KB of text) for each promise behind each
 * registered property, kept until the resource's registration completes, i.e. for the whole of a large `up`'s
 * registration phase. They only serve its `PULUMI_DEBUG_PROMISE_LEAKS` report, so they are left out unless that is
 * set; the resource's source position, which Pulumi records in state, sets its own limit and is not affected. Returns
 * the function that restores the limit.
 */
export function withoutPromiseStacks(): () => void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        return () => undefined;
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = limit;
    };
}

/** The Pulumi type of the dynamic resource `type` (as `pulumi.dynamic.Resource` would register it). */
export function dynamicType(type: string): string {
    return `pulumi-nodejs:dynamic/okta:${type}`;
}

/** The properties with the `__provider` of the shim module (above). */
export function withProvider(props: Record<string, unknown>, shimModule: string): Record<string, unknown> {
    props.__provider = providerSource(shimModule);
    return props;
}
