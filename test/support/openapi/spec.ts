import { readFileSync } from "node:fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { referencePath } from "../reference-data";
import { isSchemaException, SPEC_EXCEPTIONS, type SpecException } from "./exceptions";
import { OperationIndex, type SpecOperation } from "./operations";
import { SchemaConverter, type OpenApiSchema } from "./schema";

/**
 * Okta's published OpenAPI documents, loaded from the reference data (test/support/reference-data.ts) at test time,
 * with response validation.
 */

/** The documents the emulator answers for, by the id their schemas get in ajv. */
const DOCUMENTS: Record<string, string[]> = {
    management: ["openapi", "management.yaml"],
    oauth: ["openapi", "oauth.yaml"],
};

/**
 * `format` values in Okta's spec that are not JSON Schema or OpenAPI formats (UI hints, prose). They constrain
 * nothing, so they are registered as always valid; every other format is checked by ajv-formats.
 */
const DESCRIPTIVE_FORMATS = [
    "ISO 8601 compliant timestamp", "Opaque token", "SCIM Filter expression", "Integer between 0 and 1000",
    "URL encoded string. Max length is 40 characters per keyword, with a maximum of 10 keyword filters per query (before encoding)",
    "text", "select", "checkbox", "radio", "iss_sub", "base64", "utf-8", "boolean", "opaque",
];

/**
 * Statuses Okta can answer on any operation of the document without each operation declaring them. The spec's
 * global `security` implies 401 for a missing or invalid token, and declares that response once in components.
 */
const GLOBAL_RESPONSES: Record<string, Record<string, string>> = {
    management: { "401": "ErrorInvalidToken401" },
    oauth: {},
};

/** How the response for one status was found in the spec. */
export type Declaration = "exact" | "range" | "default" | "global";

export interface ResponseCheck {
    operation: SpecOperation;
    status: number;
    declaration?: Declaration;
    /** Human-readable problems; empty when the body conforms. */
    errors: ValidationProblem[];
}

export interface ValidationProblem {
    instancePath: string;
    keyword: string;
    message: string;
}

interface ResponseSchema {
    declaration: Declaration;
    /** undefined when the spec declares no body for this status. */
    validate?: ValidateFunction;
}

/** Parsed documents, shared by the amended and the unamended views. */
let parsedDocuments: Map<string, any> | undefined;

function parsedDocument(id: string): any {
    parsedDocuments ??= new Map(
        Object.entries(DOCUMENTS).map(([name, location]) => [name, parse(readFileSync(referencePath(...location), "utf8"))]),
    );
    return parsedDocuments.get(id);
}

export class OktaSpec {
    private static readonly cached = new Map<boolean, OktaSpec>();
    readonly operations = new OperationIndex();
    private readonly ajv: Ajv;
    private readonly documents = new Map<string, { doc: any; converter: SchemaConverter }>();
    private readonly compiled = new Map<string, ResponseSchema | undefined>();

    /**
     * The spec with SPEC_EXCEPTIONS applied (`amended: false` for Okta's text as published). Parsing the 3.5 MB spec
     * takes a second or two, so all tests share the instances.
     */
    static load({ amended = true }: { amended?: boolean } = {}): OktaSpec {
        let spec = OktaSpec.cached.get(amended);
        if (!spec) {
            spec = new OktaSpec(amended ? SPEC_EXCEPTIONS : []);
            OktaSpec.cached.set(amended, spec);
        }
        return spec;
    }

    private constructor(exceptions: SpecException[]) {
        this.ajv = new Ajv({
            allErrors: true,
            strict: true,
            // OpenAPI schemas routinely give `properties` without `type: object`; that is not an error in the spec.
            strictTypes: false,
            strictTuples: false,
            strictRequired: false,
            allowUnionTypes: true,
        });
        addFormats(this.ajv);
        for (const format of DESCRIPTIVE_FORMATS) {
            this.ajv.addFormat(format, true);
        }
        for (const id of Object.keys(DOCUMENTS)) {
            const mine = exceptions.filter((e) => e.document === id);
            const doc = mine.length ? applyExceptions(structuredClone(parsedDocument(id)), mine) : parsedDocument(id);
            const converter = new SchemaConverter(id, doc.components?.schemas ?? {});
            this.ajv.addSchema({ $id: id, definitions: converter.definitions() });
            this.documents.set(id, { doc, converter });
            this.operations.add(id, doc.paths ?? {});
        }
    }

    /** Keywords in the spec the converter does not understand (should be empty). */
    unknownKeywords(): string[] {
        return [...this.documents.values()].flatMap(({ converter }) => [...converter.unknownKeywords]);
    }

    /** The operation with this id in a document (for exceptions and their evidence). */
    operation(document: string, operationId: string): (SpecOperation & { description?: string }) | undefined {
        const found = this.operations.all().find((o) => o.document === document && o.operationId === operationId);
        if (!found) {
            return undefined;
        }
        const { doc } = this.documents.get(document)!;
        return { ...found, description: doc.paths[found.path]?.[found.method.toLowerCase()]?.description };
    }

    /** A schema in `components.schemas` or a part of it (JSON pointer), as written in the spec. */
    schemaAt(document: string, schema: string, pointer: string): any {
        return resolvePointer(this.documents.get(document)!.doc.components?.schemas?.[schema], pointer);
    }

    /** What the spec declares for one status of an operation (after resolving `$ref`s), for comparisons. */
    declaredResponse(document: string, operationId: string, status: string): unknown {
        const operation = this.operation(document, operationId);
        return operation && resolveResponse(this.documents.get(document)!.doc, operation.responses[status]);
    }

    /**
     * Problems of `value` against one component schema (e.g. `LogEvent` for an event delivered to a hook, which no
     * operation returns); empty when it conforms.
     */
    schemaErrors(name: string, value: unknown, document = "management"): ValidationProblem[] {
        const key = `schema ${document} ${name}`;
        let schema = this.compiled.get(key);
        if (!schema) {
            const { converter } = this.documents.get(document)!;
            schema = { declaration: "exact", validate: this.ajv.compile({ $ref: converter.refTo(name) }) };
            this.compiled.set(key, schema);
        }
        return schema.validate!(value) ? [] : (schema.validate!.errors ?? []).map(problem);
    }

    /** The operation for a concrete path or an emulator route template. */
    find(method: string, pathOrTemplate: string): SpecOperation | undefined {
        return this.operations.find(method, pathOrTemplate);
    }

    /** Validates one response body (already parsed; undefined when empty) against what the spec declares. */
    check(operation: SpecOperation, status: number, body: unknown): ResponseCheck {
        const schema = this.responseSchema(operation, status);
        if (!schema) {
            return { operation, status, errors: [{ instancePath: "", keyword: "status", message: `status ${status} is not declared by ${operation.operationId}` }] };
        }
        const result: ResponseCheck = { operation, status, declaration: schema.declaration, errors: [] };
        if (!schema.validate) {
            if (body !== undefined) {
                result.errors.push({ instancePath: "", keyword: "body", message: "the spec declares no body for this status, but one was sent" });
            }
            return result;
        }
        if (body === undefined) {
            result.errors.push({ instancePath: "", keyword: "body", message: "the spec declares a JSON body, but none was sent" });
            return result;
        }
        if (!schema.validate(body)) {
            result.errors.push(...(schema.validate.errors ?? []).map(problem));
        }
        return result;
    }

    private responseSchema(operation: SpecOperation, status: number): ResponseSchema | undefined {
        const key = `${operation.document} ${operation.method} ${operation.path} ${status}`;
        if (!this.compiled.has(key)) {
            this.compiled.set(key, this.compileResponse(operation, status));
        }
        return this.compiled.get(key);
    }

    private compileResponse(operation: SpecOperation, status: number): ResponseSchema | undefined {
        const { doc, converter } = this.documents.get(operation.document)!;
        // The operation may come from another view of the spec (amended or not): use this view's responses.
        const own = this.operations.same(operation) ?? operation;
        const declared = declaredResponse(own, status, GLOBAL_RESPONSES[operation.document], doc);
        if (!declared) {
            return undefined;
        }
        const response = resolveResponse(doc, declared.response);
        const media = jsonMedia(response.content);
        if (!media?.schema) {
            return { declaration: declared.declaration };
        }
        return { declaration: declared.declaration, validate: this.ajv.compile(converter.convertInline(media.schema as OpenApiSchema) as object) };
    }
}

/** Merges each exception's `amend` into its target; a target that no longer exists is an error, not a no-op. */
function applyExceptions(doc: any, exceptions: SpecException[]): any {
    for (const exception of exceptions) {
        let target: any;
        if (isSchemaException(exception)) {
            target = resolvePointer(doc.components?.schemas?.[exception.schema], exception.pointer);
        } else {
            const operation = Object.values<any>(doc.paths ?? {})
                .flatMap((item) => Object.values<any>(item))
                .find((op) => op?.operationId === exception.operationId);
            if (operation?.responses) {
                target = operation.responses[exception.status] ??= {};
            }
        }
        if (typeof target !== "object" || target === null) {
            throw new Error(`spec exception target not found: ${JSON.stringify({ ...exception, amend: undefined, reason: undefined })}`);
        }
        Object.assign(target, exception.amend);
    }
    return doc;
}

function resolvePointer(root: any, pointer: string): any {
    let current = root;
    for (const token of pointer.split("/").slice(1)) {
        current = current?.[token.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return current;
}

function declaredResponse(
    operation: SpecOperation,
    status: number,
    globals: Record<string, string>,
    doc: any,
): { response: any; declaration: Declaration } | undefined {
    const responses = operation.responses;
    if (responses[String(status)]) {
        return { response: responses[String(status)], declaration: "exact" };
    }
    const range = `${String(status)[0]}XX`;
    if (responses[range]) {
        return { response: responses[range], declaration: "range" };
    }
    if (responses.default) {
        return { response: responses.default, declaration: "default" };
    }
    const global = globals[String(status)];
    if (global) {
        return { response: doc.components.responses[global], declaration: "global" };
    }
    return undefined;
}

function resolveResponse(doc: any, response: any): any {
    let current = response;
    for (let hops = 0; typeof current?.$ref === "string"; hops++) {
        if (hops > 10 || !current.$ref.startsWith("#/components/responses/")) {
            throw new Error(`cannot resolve response ${current.$ref}`);
        }
        current = doc.components.responses[current.$ref.slice("#/components/responses/".length)];
    }
    return current;
}

/** The JSON media type of a response's content (`application/json`, or a `+json` type). */
function jsonMedia(content: Record<string, any> | undefined): any {
    if (!content) {
        return undefined;
    }
    const type = Object.keys(content).find((t) => t === "application/json") ?? Object.keys(content).find((t) => /[/+]json\b/.test(t));
    return type ? content[type] : undefined;
}

function problem(error: ErrorObject): ValidationProblem {
    const detail = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : "";
    return { instancePath: error.instancePath, keyword: error.keyword, message: `${error.message ?? error.keyword}${detail}` };
}
