import * as pulumi from "@pulumi/pulumi";
import type { OktaClient } from "../../provider/client";
import { ClientCache } from "../../provider/connect";
import { resolveConnectionSettings } from "../../provider/config";

/**
 * How Pulumi functions reach Okta. They run in the program's process (not the provider host), so they read the same
 * settings the provider does: the stack's `okta:*` config (`pulumi config set okta:orgUrl ...`,
 * `pulumi config set --secret okta:apiToken ...`), then the environment (`OKTA_ORG_URL`, `OKTA_API_TOKEN`). A
 * function never returns a credential; results are plain Okta objects.
 */
export interface FunctionOptions {
    /** Use this client (e.g. from `connect(...)`, for a second org) instead of the stack's connection. */
    client?: OktaClient;
}

const clients = new ClientCache();

/** The stack's connection; config is read raw so that a secret token does not trigger Pulumi's `get` warning. */
export function programClient(): OktaClient {
    return clients.get(resolveConnectionSettings((key) => pulumi.runtime.getConfig(key)));
}

/** Each argument may be an Output (Pulumi's `Input`). */
export type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/**
 * A function's two forms: `promise(args)` for plain values, and `output(args)` taking Inputs and returning an Output.
 * The Output is secret whenever an argument was, and it is not computed while an argument is still unknown (preview).
 */
export function defineFunction<A extends object, R>(
    query: (client: OktaClient, args: A) => Promise<R>,
): { promise: (args: A, opts?: FunctionOptions) => Promise<R>; output: (args: InputArgs<A>, opts?: FunctionOptions) => pulumi.Output<R> } {
    const promise = (args: A, opts?: FunctionOptions) => query(opts?.client ?? programClient(), args);
    const output = (args: InputArgs<A>, opts?: FunctionOptions) =>
        pulumi.output(args).apply((resolved) => promise(resolved as unknown as A, opts)) as unknown as pulumi.Output<R>;
    return { promise, output };
}
