import * as pulumi from "@pulumi/pulumi";

/**
 * Every resource declared in this program, by its natural key (a User's login, a Group's name, ...: the
 * `naturalKeys` of schema.json). Two declarations of one key are a mistake Okta would refuse half-way through an
 * `up` (or two resources fighting over one object), so the second declaration fails its `check`, during preview,
 * before anything is sent (docs/preview-validation.md#duplicates).
 *
 * Keys are compared where the values are known: plain values at construction, and the very same Output object (two
 * memberships of `eng.id` and `bob.id`) at construction too; other Outputs once their values are known (not during a
 * preview that has yet to create them). A resource with its own `connection` counts in that org only.
 */

/** What the generated resource classes pass in. */
export interface Declaration {
    /** The resource type, e.g. `User`. */
    type: string;
    /** The resource's Pulumi name. */
    name: string;
    /** The key's properties in order, e.g. `{ groupId, userId }`. */
    key: Record<string, pulumi.Input<string> | undefined>;
    /** Compare without case (Okta logins). */
    caseInsensitive?: boolean;
    /** Why one key may only be declared once, for the message. */
    why: string;
    /** The resource's `connection` input, whose `orgUrl` (when set) names the org the key lives in. */
    connection?: pulumi.Input<{ orgUrl: pulumi.Input<string> } | undefined>;
}

/** Key -> the declaration that holds it. */
const declared = new Map<string, { type: string; name: string }>();
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/**
 * Records a declaration. Returns the conflict, when another resource of its type declared the same key, for the
 * resource's `__declarationConflict` input (provider/declaration-conflict.ts): a message, or an Output of one when
 * the key is known only once Outputs resolve.
 */
export function declareNaturalKey(declaration: Declaration): pulumi.Input<string | undefined> {
    const parts: unknown[] = [...Object.values(declaration.key), orgUrlInput(declaration.connection)];
    if (parts.every(isPlain)) {
        return claimValues(declaration, parts as (string | undefined)[]);
    }
    // The same Output object is the same value, known or not; other Outputs are compared once known.
    const sameOutputs = claim(declaration, JSON.stringify([declaration.type, "identities", ...parts.map(identityOf)]), "the same Outputs");
    return sameOutputs ?? pulumi.all(parts as pulumi.Input<string | undefined>[]).apply((values) => claimValues(declaration, values));
}

/** Forgets every declaration (for tests that declare several programs in one process). */
export function forgetDeclarations(): void {
    declared.clear();
}

function claimValues(declaration: Declaration, values: (string | undefined)[]): string | undefined {
    const keyValues = values.slice(0, -1);
    if (keyValues.some((value) => typeof value !== "string")) {
        return undefined; // A missing or mistyped key is `check`'s to report.
    }
    const normalized = keyValues.map((value) => (declaration.caseInsensitive ? value!.toLowerCase() : value));
    return claim(declaration, JSON.stringify([declaration.type, "values", ...normalized, originOf(values[values.length - 1])]));
}

/** Takes the key for this declaration, or returns the message naming the one that holds it. */
function claim(declaration: Declaration, key: string, sameness?: string): string | undefined {
    const holder = declared.get(key);
    if (holder && holder.name !== declaration.name) {
        return duplicateMessage(declaration, holder, sameness);
    }
    declared.set(key, { type: declaration.type, name: declaration.name });
    return undefined;
}

function duplicateMessage(declaration: Declaration, holder: { name: string }, sameness: string | undefined): string {
    const names = Object.keys(declaration.key);
    const shown = sameness
        ? `${names.join(" and ")} (${sameness})`
        : names.map((name) => `${name} '${declaration.key[name]}'`).join(" and ");
    return (
        `pulumi-okta-iac: ${declaration.type} '${declaration.name}' declares the same ${shown} as ${declaration.type} ` +
        `'${holder.name}': ${declaration.why}. Declare it once.`
    );
}

/** `connection.orgUrl`; the whole connection when it is itself an Output (its org is known only once resolved). */
function orgUrlInput(connection: Declaration["connection"]): unknown {
    if (connection === undefined || connection === null) {
        return undefined;
    }
    if (!isPlain(connection)) {
        return pulumi.output(connection).apply((resolved) => resolved?.orgUrl);
    }
    return (connection as { orgUrl?: unknown }).orgUrl;
}

/** A plain value as itself, an Output or Promise by object identity. */
function identityOf(part: unknown): string {
    if (isPlain(part)) {
        return `=${String(part)}`;
    }
    let id = identities.get(part as object);
    if (id === undefined) {
        id = nextIdentity++;
        identities.set(part as object, id);
    }
    return `#${id}`;
}

function isPlain(value: unknown): boolean {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** The org a key lives in: `""` for the stack's own, else the origin of `connection.orgUrl`. */
function originOf(orgUrl: string | undefined): string {
    if (typeof orgUrl !== "string") {
        return "";
    }
    return URL.canParse(orgUrl) ? new URL(orgUrl).origin : orgUrl;
}
