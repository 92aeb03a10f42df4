import { newOktaId } from "../../platform/collection";
import { malformedBody, notFound, userTypeUndeletable, validationFailed } from "../../platform/errors";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import { MAX_EXTRA_USER_TYPES, schemaIdOf, type UserTypeRecord } from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";

/**
 * `/api/v1/meta/types/user`: the default user type always exists (also addressable as `default`); up to nine more can
 * be created; `name` never changes; the default type and types still assigned to users cannot be deleted.
 */

/** Who the emulator says made API changes (Okta records the admin behind the token). */
const API_ADMIN_ID = "00u1emulatoradmin000";

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const WRITABLE = new Set(["name", "displayName", "description"]);
const READ_ONLY = new Set(["id", "createdBy", "lastUpdatedBy", "created", "lastUpdated", "default", "_links"]);

export function registerUserTypeRoutes(router: Router, store: OrgStore): void {
    router
        .on("GET", "/api/v1/meta/types/user", (ctx) => ok([...store.userTypes.all.values()].map((t) => userTypeResource(ctx, t))))
        .on("POST", "/api/v1/meta/types/user", (ctx) => createUserType(ctx, store))
        .on("GET", "/api/v1/meta/types/user/:typeId", (ctx) => ok(userTypeResource(ctx, requireType(store, ctx.params.typeId))))
        .on("POST", "/api/v1/meta/types/user/:typeId", (ctx) => updateUserType(ctx, store, "partial"))
        .on("PUT", "/api/v1/meta/types/user/:typeId", (ctx) => updateUserType(ctx, store, "replace"))
        .on("DELETE", "/api/v1/meta/types/user/:typeId", (ctx) => deleteUserType(ctx, store));
}

export function userTypeResource(ctx: RequestContext, type: UserTypeRecord): Record<string, unknown> {
    const self = `${ctx.baseUrl}/api/v1/meta/types/user/${type.id}`;
    return {
        id: type.id,
        displayName: type.displayName,
        name: type.name,
        // The spec does not let `description` be null: a type without one has no such property.
        ...(type.description === null ? {} : { description: type.description }),
        createdBy: type.createdBy,
        lastUpdatedBy: type.lastUpdatedBy,
        created: type.created,
        lastUpdated: type.lastUpdated,
        default: type.default,
        _links: {
            schema: { rel: "schema", href: `${ctx.baseUrl}/api/v1/meta/schemas/user/${schemaIdOf(type.id)}`, method: "GET" },
            self: { rel: "self", href: self, method: "GET" },
        },
    };
}

function requireType(store: OrgStore, id: string): UserTypeRecord {
    const type = store.userTypes.get(id);
    if (!type) {
        throw notFound(id, "UserType");
    }
    return type;
}

function createUserType(ctx: RequestContext, store: OrgStore) {
    const fields = readFields(ctx);
    const causes = [...nameProblems(fields.name), ...displayNameProblems(fields.displayName)];
    if (causes.length > 0) {
        throw validationFailed(causes[0].split(":")[0], causes);
    }
    if (store.userTypes.byName(fields.name!)) {
        throw validationFailed("name", ["name: An object with this field already exists in the current organization"]);
    }
    if (store.userTypes.all.size > MAX_EXTRA_USER_TYPES) {
        throw validationFailed("userType", [`userType: An org can have at most ${MAX_EXTRA_USER_TYPES} user types besides the default one`]);
    }
    const now = oktaTimestamp();
    const type = store.userTypes.all.insert({
        id: newOktaId("oty"),
        displayName: fields.displayName!,
        name: fields.name!,
        description: fields.description ?? null,
        createdBy: API_ADMIN_ID,
        lastUpdatedBy: API_ADMIN_ID,
        created: now,
        lastUpdated: now,
        default: false,
    });
    return ok(userTypeResource(ctx, type));
}

/** POST changes the given fields; PUT replaces both and must repeat the (unchangeable) name. */
function updateUserType(ctx: RequestContext, store: OrgStore, mode: "partial" | "replace") {
    const type = requireType(store, ctx.params.typeId);
    const fields = readFields(ctx);
    const causes: string[] = [];
    if (mode === "replace" && fields.name === undefined) {
        causes.push("name: The field cannot be left blank");
    } else if (fields.name !== undefined && fields.name !== type.name) {
        causes.push("name: The name of a user type cannot be changed");
    }
    if (mode === "replace" || fields.displayName !== undefined) {
        causes.push(...displayNameProblems(fields.displayName));
    }
    if (causes.length > 0) {
        throw validationFailed(causes[0].split(":")[0], causes);
    }
    if (fields.displayName !== undefined) {
        type.displayName = fields.displayName;
    }
    if (mode === "replace" || fields.description !== undefined) {
        type.description = fields.description ?? null;
    }
    type.lastUpdated = oktaTimestamp();
    type.lastUpdatedBy = API_ADMIN_ID;
    return ok(userTypeResource(ctx, type));
}

function deleteUserType(ctx: RequestContext, store: OrgStore) {
    const type = requireType(store, ctx.params.typeId);
    if (type.default || store.users.find((u) => u.type.id === type.id)) {
        throw userTypeUndeletable();
    }
    store.userTypes.all.delete(type.id);
    return noContent();
}

function readFields(ctx: RequestContext): { name?: string; displayName?: string; description?: string } {
    const body = jsonBody(ctx);
    const fields: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(body)) {
        if (WRITABLE.has(key)) {
            if (value !== null && typeof value !== "string") {
                throw malformedBody(`'${key}' must be a string`);
            }
            fields[key] = value ?? undefined;
        } else if (!READ_ONLY.has(key)) {
            throw malformedBody(`Unrecognized field '${key}'`);
        }
    }
    return fields;
}

function nameProblems(name: string | undefined): string[] {
    if (name === undefined || name === "") {
        return ["name: The field cannot be left blank"];
    }
    return NAME_PATTERN.test(name) ? [] : ["name: The name must start with a letter and contain only letters, digits and underscores"];
}

function displayNameProblems(displayName: string | undefined): string[] {
    return displayName === undefined || displayName.trim() === "" ? ["displayName: The field cannot be left blank"] : [];
}
