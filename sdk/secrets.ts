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
 * secret when the same input was, and outputs Okta computes would otherwise land in state in plain text. Only names
 * among the registered `props` are listed (an argument not given has no output to protect), since the list is stored
 * with each resource.
 */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, names: string[], props: Record<string, unknown>): pulumi.CustomResourceOptions | undefined {
    const present = names.filter((name) => name in props);
    return present.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: present }) : opts;
}
