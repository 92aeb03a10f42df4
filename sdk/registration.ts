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
 * Runs while a resource registers (around the generated class's `super` call), and returns the function that undoes
 * it. Two stack traces are taken there, and both are trimmed:
 *
 * - Pulumi's SDK takes a stack trace (about 1 KB of text) for each promise behind each registered property, kept until
 *   the resource's registration completes, i.e. for the whole of a large `up`'s registration phase. They only serve
 *   its `PULUMI_DEBUG_PROMISE_LEAKS` report, so they are left out unless that is set.
 * - The stack Pulumi records in state as the resource's source position and stack trace (it lifts the frame limit for
 *   that one) ends with the frames that loaded the program: Node's module loader, ts-node, Pulumi's program runner.
 *   They are the same for every resource and say nothing about where it was declared, yet cost a few hundred bytes of
 *   every resource's state. Only the frames down to the program's outermost own frame are handed on
 *   (docs/state.md#source-position).
 */
export function whileRegistering(): () => void {
    const restoreLimit = withoutPromiseStacks();
    const restoreFormat = withProgramFramesOnly();
    return () => {
        restoreFormat();
        restoreLimit();
    };
}

function withoutPromiseStacks(): () => void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        return () => undefined;
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = limit;
    };
}

/**
 * The frames of the code that runs a program rather than of the program: Node's own, ts-node's and its source-map
 * support's, and Pulumi's SDK (its program runner and its promise machinery). A frame with no file is Node's too.
 */
const RUNNER_FILE = /^node:|[\\/]node_modules[\\/](?:@pulumi[\\/]pulumi|ts-node|@cspotcode[\\/]source-map-support|source-map-support)[\\/]/;

/**
 * Frames Pulumi's `Resource.callsites` always has down to the declaring line: its own, `Resource.stackTrace`, the
 * `Resource` and `CustomResource` constructors, the generated class, and the caller of `new`. Never trimmed.
 */
const DECLARATION_FRAMES = 6;

/** The frames without the trailing run of the program runner's (above); the declaration's frames are always kept. */
function programFrames(frames: NodeJS.CallSite[]): NodeJS.CallSite[] {
    let end = frames.length;
    while (end > DECLARATION_FRAMES && RUNNER_FILE.test(frames[end - 1].getFileName() ?? "node:")) {
        end--;
    }
    return end === frames.length ? frames : frames.slice(0, end);
}

/**
 * Has every stack trace taken until the returned function is called formatted from its program frames only, by
 * whatever formatted it before (source-map support installed by ts-node or the program), else as V8 does. Node's own
 * `--enable-source-maps` maps frames only while no `Error.prepareStackTrace` is set, so then nothing is trimmed.
 */
function withProgramFramesOnly(): () => void {
    const own = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
    const previous = Error.prepareStackTrace;
    if (!previous && process.sourceMapsEnabled) {
        return () => undefined;
    }
    Error.prepareStackTrace = (error, frames) =>
        previous ? previous.call(Error, error, programFrames(frames)) : formatAsV8(error, programFrames(frames));
    return () => {
        if (own) {
            Object.defineProperty(Error, "prepareStackTrace", own);
        } else {
            delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
        }
    };
}

function formatAsV8(error: Error, frames: NodeJS.CallSite[]): string {
    return [Error.prototype.toString.call(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");
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
