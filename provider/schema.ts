import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The subset of a Pulumi package schema property (or type reference) this package uses. */
export interface PropertySpec {
    type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
    /** `#/types/<token>` for a type of this schema, `pulumi.json#/Any` for any value. */
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    description?: string;
    secret?: boolean;
    replaceOnChanges?: boolean;
    default?: string | number | boolean;
}

/** An object type or an enum type of the schema's `types` section. */
export interface TypeSpec {
    type: "object" | "string" | "integer" | "number" | "boolean";
    description?: string;
    properties?: Record<string, PropertySpec>;
    required?: string[];
    enum?: { value: string | number | boolean; description?: string }[];
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
    types?: Record<string, TypeSpec>;
    resources: Record<string, ResourceSpec>;
    language?: {
        "x-okta-iac"?: {
            /** Extra JSON Schema constraints by resource token (or `config` for the stack config) and property name. */
            validation?: Record<string, Record<string, Record<string, unknown>>>;
            /** By resource token: the inputs that name one Okta object, declared at most once per program. */
            naturalKeys?: Record<string, NaturalKeySpec>;
            /** By resource token: the list inputs whose order Okta ignores (provider/unordered-lists.ts). */
            unorderedLists?: Record<string, string[]>;
        };
    };
}

/** A resource's natural key: the SDK refuses a second declaration of it in one program (sdk/declarations.ts). */
export interface NaturalKeySpec {
    properties: string[];
    /** Compared without case, as Okta compares logins. */
    caseInsensitive?: boolean;
    /** Why the key may be declared only once, shown in the error. */
    why: string;
}

/** Pulumi's marker for a value that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const ANY_REF = "pulumi.json#/Any";
const TYPE_REF_PREFIX = "#/types/";

/** Where schema.json is: the package root (this file compiles to dist/provider/). */
const SCHEMA_PATH = join(__dirname, "..", "..", "schema.json");

let loaded: PackageSchema | undefined;

/** schema.json at the package root: the one description of every resource's properties. */
export function packageSchema(): PackageSchema {
    loaded ??= JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as PackageSchema;
    return loaded;
}

export function resourceSpec(token: string, schema = packageSchema()): ResourceSpec {
    const spec = schema.resources[token];
    if (!spec) {
        throw new Error(`schema.json has no resource ${token}`);
    }
    return spec;
}

/** The inputs that name one Okta object of a resource type, if it has such a key. */
export function naturalKeyOf(token: string, schema = packageSchema()): NaturalKeySpec | undefined {
    return schema.language?.["x-okta-iac"]?.naturalKeys?.[token];
}

/** The type a `#/types/<token>` reference names. */
function referencedType(ref: string, schema = packageSchema()): { token: string; spec: TypeSpec } {
    const token = ref.startsWith(TYPE_REF_PREFIX) ? ref.slice(TYPE_REF_PREFIX.length) : undefined;
    const spec = token === undefined ? undefined : schema.types?.[token];
    if (token === undefined || !spec) {
        throw new Error(`schema.json: unresolvable reference ${ref}`);
    }
    return { token, spec };
}

/** The input names of a resource whose change needs a new object (`replaceOnChanges`). */
export function replaceOnChangesInputs(token: string): string[] {
    return Object.entries(resourceSpec(token).inputProperties)
        .filter(([, property]) => property.replaceOnChanges)
        .map(([name]) => name);
}

/** The inputs with every schema default filled in where no value was given. */
export function withDefaults(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const result = { ...inputs };
    for (const [name, property] of Object.entries(resourceSpec(token).inputProperties)) {
        if (result[name] === undefined && property.default !== undefined) {
            result[name] = property.default;
        }
    }
    return result;
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
        .filter((error) => !(error.keyword === "required" && error.instancePath === "" && unknownKeys.includes(error.params.missingProperty)))
        .map(toFailure);
}

export function containsUnknown(value: unknown): boolean {
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

/** The JSON Schema (for ajv) of a resource's inputs: the Pulumi schema's types plus the extra constraints. */
function inputJsonSchema(token: string, schema = packageSchema()): object {
    const spec = resourceSpec(token, schema);
    const constraints = schema.language?.["x-okta-iac"]?.validation?.[token] ?? {};
    const properties = Object.fromEntries(
        Object.entries(spec.inputProperties).map(([name, property]) => [
            name,
            mergeConstraints(jsonSchemaOf(property, schema), constraints[name] ?? {}),
        ]),
    );
    return { type: "object", properties, required: spec.requiredInputs ?? [], additionalProperties: false };
}

function jsonSchemaOf(property: PropertySpec, schema: PackageSchema): Record<string, unknown> {
    if (property.$ref === ANY_REF) {
        return {};
    }
    if (property.$ref) {
        const { spec } = referencedType(property.$ref, schema);
        if (spec.enum) {
            return { type: spec.type, enum: spec.enum.map((item) => item.value) };
        }
        return {
            type: "object",
            properties: Object.fromEntries(
                Object.entries(spec.properties ?? {}).map(([name, nested]) => [name, jsonSchemaOf(nested, schema)]),
            ),
            required: spec.required ?? [],
            additionalProperties: false,
        };
    }
    const result: Record<string, unknown> = {};
    if (property.type) {
        result.type = property.type;
    }
    if (property.items) {
        result.items = jsonSchemaOf(property.items, schema);
    }
    if (property.type === "object") {
        result.additionalProperties = property.additionalProperties ? jsonSchemaOf(property.additionalProperties, schema) : { type: "string" };
    }
    return result;
}

/** Adds constraints (minLength, enum, ...) to a generated schema; nested objects merge rather than replace. */
function mergeConstraints(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
    const merged = { ...base };
    for (const [key, value] of Object.entries(extra)) {
        const current = merged[key];
        merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConstraints(current, value) : value;
    }
    return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function toFailure(error: ErrorObject): CheckFailure {
    const path = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    switch (error.keyword) {
        case "required": {
            const property = path ? `${path}.${error.params.missingProperty}` : error.params.missingProperty;
            return { property, reason: `${property} is required` };
        }
        case "additionalProperties": {
            const property = path ? `${path}.${error.params.additionalProperty}` : error.params.additionalProperty;
            return { property, reason: `${property} is not a property of ${path ? path : "this resource"}` };
        }
        case "enum":
            return {
                property: path || "(inputs)",
                reason: `${path || "inputs"} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
            };
        default:
            return { property: path || "(inputs)", reason: `${path || "inputs"} ${error.message ?? "is invalid"}` };
    }
}
