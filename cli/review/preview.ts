/**
 * Reading `pulumi preview --json` (docs/review.md#preview-json): the steps the engine plans, each with the resource's
 * type, name, inputs before and after, and which resources each input came from (`propertyDependencies`).
 */

/** A resource's inputs as the preview prints them (secrets already shown as `[secret]`). */
export type Inputs = Record<string, unknown>;

/** One planned step of a resource of this package. */
export interface PlannedStep {
    /** The engine's operation: create, update, delete, replace, same, read, import, ... */
    op: string;
    urn: string;
    /** The resource type's short name, e.g. `User` (from `pulumi-nodejs:dynamic/okta:User`). */
    type: string;
    name: string;
    /** The Okta id, when the resource exists already. */
    id?: string;
    olds?: Inputs;
    news?: Inputs;
    /** New input name -> URNs of the resources its value came from (names for ids still unknown at preview). */
    dependencies: Record<string, string[]>;
    replaceReasons: string[];
}

/** A parsed preview: this package's steps, the stack config it ran with, and its error diagnostics. */
export interface Preview {
    steps: PlannedStep[];
    /** Steps of resources that are not this package's (other providers, components), for the counts. */
    otherSteps: { op: string; type: string; name: string }[];
    /** Plain config values (secrets stay `[secret]`). */
    config: Record<string, unknown>;
    errors: string[];
}

/** The dynamic-provider type prefix of this package's resources (sdk/*.ts register them as `okta:<Type>`). */
const OUR_TYPE_PREFIX = "pulumi-nodejs:dynamic/okta:";

/**
 * Steps that change nothing in the org, or that are counted elsewhere: a replacement is one `replace` step, and the
 * `create-replacement`/`delete-replaced` halves, where the engine reports them too, would count it again.
 */
const NO_CHANGE = new Set(["same", "read", "refresh", "discard", "remove-pending-replace", "create-replacement", "delete-replaced"]);

/** Engine-internal resources, never shown. */
const INTERNAL_TYPES = /^pulumi:(pulumi:Stack|providers:)/;

/** Parses the JSON `pulumi preview --json` printed; throws naming what is wrong when it is not a preview. */
export function parsePreview(text: string): Preview {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (err) {
        throw new Error(`the input is not JSON (expected the output of \`pulumi preview --json\`): ${(err as Error).message}`);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new Error("the input is not the output of `pulumi preview --json` (expected an object with `steps`)");
    }
    const document = raw as { steps?: unknown; config?: unknown; diagnostics?: unknown };
    const errors = errorDiagnostics(document.diagnostics);
    if (!Array.isArray(document.steps)) {
        if (errors.length > 0) {
            throw new Error(`the preview failed: ${errors.slice(0, 5).join("; ")}`);
        }
        if (document.diagnostics === undefined && document.config === undefined) {
            throw new Error("the input is not the output of `pulumi preview --json` (no `steps`)");
        }
    }
    const preview: Preview = { steps: [], otherSteps: [], config: plainObject(document.config), errors };
    for (const step of (document.steps ?? []) as RawStep[]) {
        addStep(preview, step);
    }
    return preview;
}

interface RawState {
    urn?: string;
    id?: string;
    type?: string;
    inputs?: Inputs;
    outputs?: Inputs;
    propertyDependencies?: Record<string, string[]>;
}

interface RawStep {
    op?: string;
    urn?: string;
    oldState?: RawState;
    newState?: RawState;
    replaceReasons?: string[];
}

function addStep(preview: Preview, step: RawStep): void {
    const urn = String(step.urn ?? step.newState?.urn ?? step.oldState?.urn ?? "");
    const fullType = step.newState?.type ?? step.oldState?.type ?? typeOfUrn(urn);
    const op = String(step.op ?? "same");
    const name = urn.slice(urn.lastIndexOf("::") + 2);
    if (INTERNAL_TYPES.test(fullType)) {
        return;
    }
    if (!fullType.startsWith(OUR_TYPE_PREFIX)) {
        preview.otherSteps.push({ op, type: fullType, name });
        return;
    }
    preview.steps.push({
        op,
        urn,
        type: fullType.slice(OUR_TYPE_PREFIX.length),
        name,
        id: step.oldState?.id ?? step.newState?.id,
        olds: step.oldState ? withoutInternals(step.oldState.inputs ?? step.oldState.outputs) : undefined,
        news: step.newState ? withoutInternals(step.newState.inputs ?? step.newState.outputs) : undefined,
        dependencies: step.newState?.propertyDependencies ?? {},
        replaceReasons: step.replaceReasons ?? [],
    });
}

/** Whether a step changes something in the org. */
export function changesOrg(step: { op: string }): boolean {
    return !NO_CHANGE.has(step.op);
}

/** Inputs without the dynamic provider's own (`__provider` is the serialized provider code, never shown). */
function withoutInternals(inputs: Inputs | undefined): Inputs {
    return Object.fromEntries(Object.entries(inputs ?? {}).filter(([key]) => !key.startsWith("__")));
}

function typeOfUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts[parts.length - 2].split("$").pop()! : "";
}

function errorDiagnostics(diagnostics: unknown): string[] {
    if (!Array.isArray(diagnostics)) {
        return [];
    }
    return diagnostics
        .filter((d) => d && typeof d === "object" && d.severity === "error" && typeof d.message === "string")
        .map((d) => String(d.message).trim());
}

function plainObject(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
