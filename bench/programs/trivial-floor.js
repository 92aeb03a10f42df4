// The engine's floor for the scale benchmarks: the same spec.json as test/e2e/programs/declared.js, but every resource
// is a Pulumi dynamic resource whose provider does nothing (create returns its inputs as outputs; no read, no diff, no
// delete: the engine's defaults). What a run of this program costs is Pulumi's own cost for that many resources.
"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, "spec.json"), "utf8"));
const declared = {};

const nothing = {
    async create(inputs) {
        return { id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`, outs: inputs };
    },
};

function resolve(value) {
    if (Array.isArray(value)) {
        return value.map(resolve);
    }
    if (value !== null && typeof value === "object") {
        if (typeof value.$ref === "string") {
            return declared[value.$ref].id;
        }
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    }
    return value;
}

for (const resource of spec.resources) {
    declared[resource.name] = new pulumi.dynamic.Resource(nothing, resource.name, resolve(resource.args), resource.opts);
}

module.exports = {
    ids: Object.fromEntries(Object.entries(declared).map(([name, resource]) => [name, resource.id])),
};
