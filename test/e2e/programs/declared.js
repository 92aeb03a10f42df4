// A Pulumi program whose resources are declared in spec.json next to it, so that one program serves every end-to-end
// scenario and each step only rewrites the file. Plain JavaScript: no TypeScript compile on each run.
//
// spec.json: { "resources": [{ "type": "User", "name": "ada", "args": { ... } }, ...],
//              "functions": [{ "name": "users", "function": "listUsers", "args": { ... } }, ...] }
// Any value { "$ref": "<name>" } is the id of the resource declared under that name; { "$ref": "<name>.<output>" } is
// one of its outputs. Each function is called (its Promise form) and its result exported under `functions.<name>`.
"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const okta = require("pulumi-okta-iac");

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, "spec.json"), "utf8"));
const declared = {};

function resolve(value) {
    if (Array.isArray(value)) {
        return value.map(resolve);
    }
    if (value !== null && typeof value === "object") {
        if (typeof value.$ref === "string") {
            const [name, output] = value.$ref.split(".");
            const resource = declared[name];
            if (!resource) {
                throw new Error(`spec.json: $ref to ${name}, which is not declared before`);
            }
            return output ? resource[output] : resource.id;
        }
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    }
    return value;
}

for (const resource of spec.resources) {
    const Resource = okta[resource.type];
    if (!Resource) {
        throw new Error(`spec.json: pulumi-okta-iac has no resource ${resource.type}`);
    }
    declared[resource.name] = new Resource(resource.name, resolve(resource.args), resource.opts);
}

const functions = {};
for (const call of spec.functions ?? []) {
    if (typeof okta[call.function] !== "function") {
        throw new Error(`spec.json: pulumi-okta-iac has no function ${call.function}`);
    }
    functions[call.name] = okta[call.function](resolve(call.args));
}

module.exports = {
    ids: Object.fromEntries(Object.entries(declared).map(([name, resource]) => [name, resource.id])),
    ...(Object.keys(functions).length > 0 ? { functions } : {}),
};
