import * as pulumi from "@pulumi/pulumi";

/**
 * The arguments whose names the resource does not have (a JavaScript typo such as `firstname`, or an `as any`), so
 * that the generated classes pass them on and `check` refuses them by name at preview rather than the class dropping
 * them without a word. They go as secrets: the engine prints a failed property's value, and a misspelled `pasword`
 * may hold a password.
 */
export function unknownArguments(args: object, known: readonly string[]): Record<string, pulumi.Output<unknown>> {
    return Object.fromEntries(
        Object.entries(args ?? {})
            .filter(([name, value]) => !known.includes(name) && value !== undefined)
            .map(([name, value]) => [name, pulumi.secret(value)]),
    );
}
