import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/**
 * Okta's Management API OpenAPI spec (read from ../shared at test time, never copied into the repo) and validators for
 * the response schema of each operation, so tests can check emulator bodies against what Okta publishes.
 */

/** `../shared` next to the repo root, falling back to /work/shared (BRIEF). */
export function sharedDir(): string {
    const repoRoot = path.resolve(__dirname, "..", "..", "..");
    const sibling = path.resolve(repoRoot, "..", "shared");
    return existsSync(sibling) ? sibling : "/work/shared";
}

type Json = Record<string, any>;

export class ManagementSpec {
    private readonly ajv: Ajv;
    private readonly validators = new Map<string, ValidateFunction>();

    private constructor(private readonly document: Json) {
        // OpenAPI 3.0: `nullable`, `discriminator`, `example` and x- extensions are not JSON Schema keywords ajv enforces.
        this.ajv = new Ajv({ strict: false, allErrors: true, discriminator: false, validateFormats: true });
        addFormats(this.ajv);
        this.ajv.addFormat("password", true);
        this.ajv.addSchema({ $id: "spec", components: withoutExamples(document.components) }, "spec");
    }

    static load(): ManagementSpec {
        const text = readFileSync(path.join(sharedDir(), "okta", "openapi", "management.yaml"), "utf8");
        return new ManagementSpec(parse(text, { maxAliasCount: -1 }) as Json);
    }

    /** A validator for the JSON body of `status` answered by `method path` (path as written in the spec). */
    responseValidator(method: string, specPath: string, status: number): ValidateFunction {
        const key = `${method} ${specPath} ${status}`;
        let validator = this.validators.get(key);
        if (!validator) {
            validator = this.ajv.compile(this.rewriteRefs(this.responseSchema(method, specPath, status)));
            this.validators.set(key, validator);
        }
        return validator;
    }

    /** A validator for one component schema, e.g. `UserFactorSMS`. */
    schemaValidator(name: string): ValidateFunction {
        const key = `schema ${name}`;
        let validator = this.validators.get(key);
        if (!validator) {
            validator = this.ajv.compile({ $ref: `spec#/components/schemas/${name}` });
            this.validators.set(key, validator);
        }
        return validator;
    }

    private responseSchema(method: string, specPath: string, status: number): Json {
        const operation = this.document.paths?.[specPath]?.[method.toLowerCase()];
        if (!operation) {
            throw new Error(`the spec has no operation ${method} ${specPath}`);
        }
        let response = operation.responses?.[String(status)];
        if (response?.$ref) {
            response = this.resolve(response.$ref);
        }
        const schema = response?.content?.["application/json"]?.schema;
        if (!schema) {
            throw new Error(`the spec has no JSON body for ${status} of ${method} ${specPath}`);
        }
        return schema;
    }

    private resolve(ref: string): Json {
        return ref
            .slice(2)
            .split("/")
            .reduce((node: Json, part) => node[part], this.document);
    }

    /** Points local `#/components/...` references at the registered spec document. */
    private rewriteRefs(schema: Json): Json {
        return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/'));
    }
}

/** Examples are not schemas (and some carry `$id` URLs ajv would try to resolve). */
function withoutExamples(node: unknown): unknown {
    if (Array.isArray(node)) {
        return node.map(withoutExamples);
    }
    if (node === null || typeof node !== "object") {
        return node;
    }
    const copy: Json = {};
    for (const [key, value] of Object.entries(node)) {
        if (key !== "example" && key !== "examples") {
            copy[key] = withoutExamples(value);
        }
    }
    return copy;
}

/** Human-readable ajv errors for assertion messages. */
export function describeErrors(validator: ValidateFunction): string {
    return (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
}

let sharedSpec: ManagementSpec | undefined;

/** Ajv's error messages for `value` against `#/components/schemas/<name>`; empty when it validates. */
export function schemaErrors(name: string, value: unknown): string[] {
    const validate = (sharedSpec ??= ManagementSpec.load()).schemaValidator(name);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
