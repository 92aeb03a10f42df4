import * as pulumi from "@pulumi/pulumi";
import type { OktaClient } from "../../core/client";
import { ClientCache, openClient } from "../../core/connection/open-client";
import type { ConnectionArgs } from "../../core/connection/settings";
import { ArgumentError } from "../../core/okta/arguments";

/**
 * How Pulumi functions reach Okta. They run in the program's process (not the provider host), so they read the same
 * settings the provider does: the stack's `okta:*` config (`pulumi config set okta:orgUrl ...`,
 * `pulumi config set --secret okta:apiToken ...`), then the environment (`OKTA_ORG_URL`, `OKTA_API_TOKEN`). A
 * function never returns a credential; results are plain Okta objects.
 */
export interface FunctionOptions {
    /** Settings that override the stack's, as a resource's `connection` does (e.g. another org's URL and token). */
    connection?: ConnectionArgs;
    /** Use this client (e.g. from `connect(...)`) instead of building one from settings. */
    client?: OktaClient;
}

const clients = new ClientCache();

/**
 * The client for a function call: `connection` over the stack config over the environment. Config is read raw so that
 * a secret token does not trigger Pulumi's `get` warning.
 */
function programClient(connection: ConnectionArgs = {}): OktaClient {
    return openClient(connection, (key: string) => pulumi.runtime.getConfig(key), process.env, clients);
}

/** Each argument may be an Output (Pulumi's `Input`). */
export type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/**
 * A function's two forms: `promise(args)` for plain values, and `output(args)` taking Inputs and returning an Output.
 * The Output is secret whenever an argument was, and it is not computed while an argument is still unknown (preview).
 */
export function defineFunction<A extends object, R>(
    name: string,
    argumentNames: ArgumentNames<A>,
    query: (client: OktaClient, args: A) => Promise<R>,
): { promise: (args: A, opts?: FunctionOptions) => Promise<R>; output: (args: InputArgs<A>, opts?: FunctionOptions) => pulumi.Output<R> } {
    const promise = async (args: A, opts?: FunctionOptions) => {
        refuseUnknownArguments(name, args, Object.keys(argumentNames));
        return query(opts?.client ?? programClient(opts?.connection), args);
    };
    const output = (args: InputArgs<A>, opts?: FunctionOptions) =>
        pulumi.output(args).apply((resolved) => promise(resolved as unknown as A, opts)) as unknown as pulumi.Output<R>;
    return { promise, output };
}

/** Every argument name of a function, each `true`: the compiler checks the list against the arguments' type. */
export type ArgumentNames<A> = { [K in keyof Required<A>]: true };

/** A misspelled argument (`serach`) would otherwise be ignored and the read run without it. */
function refuseUnknownArguments(name: string, args: object, known: string[]): void {
    const unknown = Object.keys(args ?? {}).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
        const accepted = known.length > 0 ? `its arguments are ${known.join(", ")}` : "it takes no arguments";
        throw new ArgumentError(`${name}: ${unknown.map((key) => `'${key}'`).join(", ")} is not an argument of ${name} (${accepted})`);
    }
}
