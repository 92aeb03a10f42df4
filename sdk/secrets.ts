import * as pulumi from "@pulumi/pulumi";

/**
 * Marks a secret input as a Pulumi secret, so it is encrypted in the state's inputs whether or not the program wrapped
 * it in `pulumi.secret(...)`. Unset inputs stay unset.
 */
export function secretInput<T>(value: pulumi.Input<T> | undefined): pulumi.Input<T> | undefined {
    return value === undefined ? undefined : (pulumi.secret(value) as pulumi.Output<T>);
}

/**
 * Adds the resource's secret outputs to `additionalSecretOutputs`: the dynamic provider host only keeps an output
 * secret when the same input was, and outputs Okta computes would otherwise land in state in plain text.
 */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, names: string[]): pulumi.CustomResourceOptions {
    return pulumi.mergeOptions(opts, { additionalSecretOutputs: names });
}
