import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The subset of a Pulumi package schema property this package uses. */
export interface PropertySpec {
    type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    description?: string;
    secret?: boolean;
    replaceOnChanges?: boolean;
    default?: unknown;
    enum?: unknown[];
}

export interface ResourceSpec {
    description?: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs?: string[];
    properties: Record<string, PropertySpec>;
    required?: string[];
}

export interface PackageSchema {
    name: string;
    config: { variables: Record<string, PropertySpec> };
    resources: Record<string, ResourceSpec>;
    language?: { "x-okta-iac"?: { validation?: Record<string, Record<string, Record<string, unknown>>> } };
}

/** Pulumi's marker for a value that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let loaded: PackageSchema | undefined;

/** schema.json at the package root: the one description of every resource's properties. */
export function packageSchema(): PackageSchema {
    loaded ??= JSON.parse(readFileSync(join(__dirname, "..", "..", "schema.json"), "utf8")) as PackageSchema;
    return loaded;
}

export function resourceSpec(token: string): ResourceSpec {
    const spec = packageSchema().resources[token];
    if (!spec) {
        throw new Error(`schema.json has no resource ${token}`);
    }
    return spec;
}

/** A check failure in the shape Pulumi's dynamic provider host expects. */
export interface CheckFailure {
    property: string;
    reason: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/**
 * Validates a resource's inputs against its schema. Values not known yet (preview) pass; unknown property names fail,
 * so a typo is caught before anything is sent to Okta.
 */
export function validateInputs(token: string, inputs: Record<string, unknown>): CheckFailure[] {
    let validate = validators.get(token);
    if (!validate) {
        validate = ajv.compile(inputJsonSchema(token));
        validators.set(token, validate);
    }
    const unknownKeys = Object.keys(inputs).filter((key) => containsUnknown(inputs[key]));
    const known = Object.fromEntries(
        Object.entries(inputs).filter(([key]) => key !== "__provider" && !unknownKeys.includes(key)),
    );
    if (validate(known)) {
        return [];
    }
    return (validate.errors ?? [])
        .filter((error) => !(error.keyword === "required" && unknownKeys.includes(error.params.missingProperty)))
        .map(toFailure);
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

function inputJsonSchema(token: string): object {
    const spec = resourceSpec(token);
    const constraints = packageSchema().language?.["x-okta-iac"]?.validation?.[token] ?? {};
    const properties = Object.fromEntries(
        Object.entries(spec.inputProperties).map(([name, property]) => [name, { ...jsonSchemaOf(property), ...constraints[name] }]),
    );
    return { type: "object", properties, required: spec.requiredInputs ?? [], additionalProperties: false };
}

function jsonSchemaOf(property: PropertySpec): object {
    const schema: Record<string, unknown> = {};
    if (property.type) {
        schema.type = property.type;
    }
    if (property.enum) {
        schema.enum = property.enum;
    }
    if (property.items) {
        schema.items = jsonSchemaOf(property.items);
    }
    if (property.additionalProperties) {
        schema.additionalProperties = jsonSchemaOf(property.additionalProperties);
    }
    return schema;
}

function toFailure(error: ErrorObject): CheckFailure {
    const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    switch (error.keyword) {
        case "required":
            return { property: error.params.missingProperty, reason: `${error.params.missingProperty} is required` };
        case "additionalProperties":
            return {
                property: error.params.additionalProperty,
                reason: `${error.params.additionalProperty} is not a property of this resource`,
            };
        default:
            return { property: path || "(inputs)", reason: `${path || "inputs"} ${error.message ?? "is invalid"}` };
    }
}
