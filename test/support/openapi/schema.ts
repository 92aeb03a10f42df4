/**
 * OpenAPI 3.0 Schema Objects -> JSON Schema (draft-07) for validating RESPONSES with ajv.
 *
 * What differs from JSON Schema and how it is handled:
 * - `nullable: true` lets the value also be `null`. (OpenAPI 3.0.3 only defines it next to `type`; Okta's spec also puts
 *   it next to `$ref`/`allOf`, where the intent is the same, so it is honoured everywhere.)
 * - `$ref` siblings are ignored (OpenAPI 3.0 rule); refs are rewritten into the ajv schema registered for the document.
 * - `discriminator` selects the subtype by the value of its property: `if {prop: const V} then {$ref mapping[V]}`.
 *   Okta's spec puts discriminators on base schemas (`Policy`) whose subtypes extend them with
 *   `allOf: [{$ref Policy}, ...]`; a subtype's ref to its own base is pointed at the base WITHOUT the dispatch
 *   (`Base__core`), otherwise validation would recurse forever. Values absent from the mapping are checked against the
 *   base only. With `oneOf` + `discriminator`, the dispatch replaces `oneOf` and the value must be a mapped one.
 * - `writeOnly` properties (passwords, recovery answers, hook auth secrets) must not appear in a response at all.
 * - `readOnly`, `example`, `description`, `x-*` and other annotations carry no constraint on responses and are dropped.
 * - OpenAPI's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers.
 * Nothing is made looser than the spec: no `additionalProperties` stripping, no removal of `required`.
 */

export type OpenApiSchema = Record<string, any>;
export type JsonSchema = Record<string, any> | boolean;

/** Keywords copied as they are (their values are plain data). */
const PLAIN_KEYWORDS = [
    "type", "enum", "const", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "multipleOf",
    "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
];
/** Keywords that carry no constraint on a response body. */
const ANNOTATIONS = new Set([
    "description", "title", "example", "examples", "default", "deprecated", "externalDocs", "xml", "readOnly",
    "discriminator", "nullable", "writeOnly", "$ref", "required", "properties", "items", "additionalProperties",
    "allOf", "anyOf", "oneOf", "not", "exclusiveMinimum", "exclusiveMaximum",
]);

const SCHEMA_PREFIX = "#/components/schemas/";
/** Name suffix of a discriminated base schema without its dispatch (JSON-pointer safe). */
export const CORE_SUFFIX = "__core";

/** Converts the `components.schemas` of one OpenAPI document into ajv `definitions`. */
export class SchemaConverter {
    /** subtype name -> the discriminated base schemas it extends. */
    private readonly basesOf = new Map<string, Set<string>>();
    /** Keywords met that this converter does not know; reported so that gaps are visible rather than silent. */
    readonly unknownKeywords = new Set<string>();

    constructor(
        private readonly documentId: string,
        private readonly schemas: Record<string, OpenApiSchema>,
    ) {
        for (const [base, schema] of Object.entries(schemas)) {
            if (!schema.discriminator?.mapping || schema.oneOf || schema.anyOf) {
                continue;
            }
            for (const ref of Object.values<string>(schema.discriminator.mapping)) {
                const sub = schemaName(ref);
                if (!this.basesOf.has(sub)) {
                    this.basesOf.set(sub, new Set());
                }
                this.basesOf.get(sub)!.add(base);
            }
        }
    }

    /** `{ Name: jsonSchema, "Base__core": jsonSchema, ... }` */
    definitions(): Record<string, JsonSchema> {
        const definitions: Record<string, JsonSchema> = {};
        for (const [name, schema] of Object.entries(this.schemas)) {
            const scope = { bases: this.basesOf.get(name) ?? new Set<string>() };
            if (schema.discriminator?.mapping && !schema.oneOf && !schema.anyOf) {
                definitions[name + CORE_SUFFIX] = this.convert(schema, scope);
                definitions[name] = {
                    allOf: [{ $ref: this.refTo(name + CORE_SUFFIX) }, ...this.dispatch(schema.discriminator, scope)],
                };
            } else {
                definitions[name] = this.convert(schema, scope);
            }
        }
        return definitions;
    }

    /** Converts a schema that appears outside `components.schemas` (e.g. inline in a response). */
    convertInline(schema: OpenApiSchema): JsonSchema {
        return this.convert(schema, { bases: new Set() });
    }

    refTo(name: string): string {
        return `${this.documentId}#/definitions/${name}`;
    }

    private convert(schema: OpenApiSchema, scope: { bases: Set<string> }): JsonSchema {
        if (typeof schema !== "object" || schema === null) {
            return schema;
        }
        if (typeof schema.$ref === "string") {
            return this.withNullable(schema, { $ref: this.rewriteRef(schema.$ref, scope) });
        }
        const out: Record<string, any> = {};
        for (const keyword of PLAIN_KEYWORDS) {
            if (schema[keyword] !== undefined) {
                out[keyword] = schema[keyword];
            }
        }
        for (const key of Object.keys(schema)) {
            if (!PLAIN_KEYWORDS.includes(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
                this.unknownKeywords.add(key);
            }
        }
        if (Array.isArray(out.enum)) {
            // The spec repeats some enum values, which JSON Schema forbids; the set of allowed values is the same.
            out.enum = [...new Set(out.enum)];
        }
        this.convertBounds(schema, out);
        if (schema.items !== undefined) {
            out.items = this.convert(schema.items, scope);
        }
        if (schema.properties) {
            out.properties = {};
            for (const [name, property] of Object.entries<OpenApiSchema>(schema.properties)) {
                // A secret the client may send but the server never returns.
                out.properties[name] = property?.writeOnly === true ? false : this.convert(property, scope);
            }
        }
        if (Array.isArray(schema.required)) {
            const writeOnly = (name: string) => schema.properties?.[name]?.writeOnly === true;
            const required = schema.required.filter((name: string) => !writeOnly(name));
            if (required.length > 0) {
                out.required = required;
            }
        }
        if (schema.additionalProperties !== undefined) {
            out.additionalProperties =
                typeof schema.additionalProperties === "boolean"
                    ? schema.additionalProperties
                    : this.convert(schema.additionalProperties, scope);
        }
        for (const combinator of ["allOf", "anyOf"] as const) {
            if (Array.isArray(schema[combinator])) {
                out[combinator] = schema[combinator].map((s: OpenApiSchema) => this.convert(s, scope));
            }
        }
        if (Array.isArray(schema.oneOf)) {
            if (schema.discriminator?.mapping) {
                const property = schema.discriminator.propertyName;
                out.allOf = [
                    ...(out.allOf ?? []),
                    { required: [property], properties: { [property]: { enum: Object.keys(schema.discriminator.mapping) } } },
                    ...this.dispatch(schema.discriminator, scope),
                ];
            } else {
                out.oneOf = schema.oneOf.map((s: OpenApiSchema) => this.convert(s, scope));
            }
        }
        if (schema.not !== undefined) {
            out.not = this.convert(schema.not, scope);
        }
        return this.withNullable(schema, out);
    }

    /** One `if/then` per discriminator value. */
    private dispatch(discriminator: { propertyName: string; mapping: Record<string, string> }, scope: { bases: Set<string> }) {
        const property = discriminator.propertyName;
        return Object.entries(discriminator.mapping).map(([value, ref]) => ({
            if: { required: [property], properties: { [property]: { const: value } } },
            then: { $ref: this.rewriteRef(ref, scope) },
        }));
    }

    private rewriteRef(ref: string, scope: { bases: Set<string> }): string {
        if (!ref.startsWith(SCHEMA_PREFIX)) {
            throw new Error(`unsupported $ref ${ref} in ${this.documentId}`);
        }
        const name = schemaName(ref);
        // A subtype's reference to the base it extends: the base's own constraints, without dispatching back.
        return this.refTo(scope.bases.has(name) ? name + CORE_SUFFIX : name);
    }

    private convertBounds(schema: OpenApiSchema, out: Record<string, any>): void {
        if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") {
            out.exclusiveMinimum = schema.minimum;
            delete out.minimum;
        }
        if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") {
            out.exclusiveMaximum = schema.maximum;
            delete out.maximum;
        }
    }

    private withNullable(schema: OpenApiSchema, converted: Record<string, any>): JsonSchema {
        return schema.nullable === true ? { anyOf: [{ type: "null" }, converted] } : converted;
    }
}

export function schemaName(ref: string): string {
    return decodeURIComponent(ref.slice(SCHEMA_PREFIX.length));
}
