import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/**
 * Validation against Okta's published Management API spec (../shared/okta/openapi/management.yaml), loaded at test
 * time. OpenAPI extras ajv does not know (readOnly, examples, x-*) are ignored; `nullable` is honoured.
 */

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The read-only reference data shared next to the repository. */
export function sharedDir(): string {
    const sibling = path.resolve(repoRoot, "..", "shared");
    return existsSync(sibling) ? sibling : "/work/shared";
}

let ajv: Ajv | undefined;

function specAjv(): Ajv {
    if (!ajv) {
        const spec = parse(readFileSync(path.join(sharedDir(), "okta", "openapi", "management.yaml"), "utf8")) as {
            components: { schemas: object };
        };
        ajv = new Ajv({ strict: false, allErrors: true });
        addFormats(ajv);
        // The spec uses descriptive formats ("ISO 8601 compliant timestamp"); accept any format ajv does not know.
        for (const format of formatsIn(spec.components.schemas)) {
            if (!ajv.formats[format]) {
                ajv.addFormat(format, true);
            }
        }
        // Only the schemas: the rest of the document (paths, examples) is not JSON Schema.
        ajv.addSchema({ components: { schemas: spec.components.schemas } }, "management");
    }
    return ajv;
}

function formatsIn(node: unknown, found = new Set<string>()): Set<string> {
    if (Array.isArray(node)) {
        node.forEach((item) => formatsIn(item, found));
    } else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
            if (key === "format" && typeof value === "string") {
                found.add(value);
            } else {
                formatsIn(value, found);
            }
        }
    }
    return found;
}

const validators = new Map<string, ValidateFunction>();

/** Ajv's error messages for `value` against `#/components/schemas/<name>`; empty when it validates. */
export function schemaErrors(name: string, value: unknown): string[] {
    let validate = validators.get(name);
    if (!validate) {
        validate = specAjv().getSchema(`management#/components/schemas/${name}`);
        if (!validate) {
            throw new Error(`no schema ${name} in the spec`);
        }
        validators.set(name, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
