/**
 * Validates the body of an app user assignment or update against Okta's rules: known properties only, the app's
 * credentials scheme (E0000041), the app user schema (E0000001 "Api validation failed: assignment").
 */
import { credentialsNotAllowed, validationFailed } from "../../platform/errors";
import { settableCredentials, type AppRecord } from "./model";

export interface AssignmentInput {
    userId?: string;
    userName?: string;
    password?: string;
    profile?: Record<string, unknown>;
}

/** Read-only assignment properties a client may send back unchanged; Okta ignores them. */
const READ_ONLY = new Set([
    "externalId",
    "created",
    "lastUpdated",
    "status",
    "statusChanged",
    "passwordChanged",
    "syncState",
    "lastSync",
    "_links",
    "_embedded",
]);

export function readAssignmentInput(body: Record<string, unknown>, app: AppRecord, options: { creating: boolean }): AssignmentInput {
    const causes: string[] = [];
    for (const key of Object.keys(body)) {
        if (!["id", "scope", "credentials", "profile"].includes(key) && !READ_ONLY.has(key)) {
            causes.push(`Property '${key}' not found`);
        }
    }
    const input: AssignmentInput = {};
    if (options.creating) {
        if (typeof body.id !== "string" || body.id === "") {
            causes.push("id: The field cannot be left blank");
        } else {
            input.userId = body.id;
        }
    }
    if (body.scope !== undefined && body.scope !== "USER") {
        causes.push("scope: Only USER assignments can be made for a single user");
    }
    readCredentials(body.credentials, input, causes);
    readProfile(body.profile, app, input, causes);
    if (causes.length > 0) {
        throw validationFailed("assignment", causes);
    }
    assertSchemeAllows(app, input);
    return input;
}

function readCredentials(credentials: unknown, input: AssignmentInput, causes: string[]): void {
    if (credentials === undefined || credentials === null) {
        return;
    }
    if (!isObject(credentials)) {
        causes.push("credentials: must be an object");
        return;
    }
    for (const key of Object.keys(credentials)) {
        if (key !== "userName" && key !== "password") {
            causes.push(`Property 'credentials.${key}' not found`);
        }
    }
    const { userName, password } = credentials;
    if (userName !== undefined && userName !== null) {
        if (typeof userName !== "string" || userName.length < 1 || userName.length > 100) {
            causes.push("userName: must be a string of 1 to 100 characters");
        } else {
            input.userName = userName;
        }
    }
    if (password === undefined || password === null) {
        return;
    }
    // `password: {}` is how clients say "no password" (recorded traffic); only a value sets one.
    if (!isObject(password) || Object.keys(password).some((key) => key !== "value")) {
        causes.push("password: must be an object with a 'value'");
    } else if (password.value !== undefined && password.value !== null) {
        if (typeof password.value !== "string" || password.value === "") {
            causes.push("password: The password value must be a non-empty string");
        } else {
            input.password = password.value;
        }
    }
}

function readProfile(profile: unknown, app: AppRecord, input: AssignmentInput, causes: string[]): void {
    if (profile === undefined || profile === null) {
        return;
    }
    if (!isObject(profile)) {
        causes.push("profile: must be an object");
        return;
    }
    const schema = Object.keys(app.userProfile);
    for (const [key, value] of Object.entries(profile)) {
        if (schema.length > 0 && !schema.includes(key)) {
            causes.push(`Property '${key}' not found`);
        } else if (isObject(value)) {
            causes.push(`${key}: Property value must be a scalar or an array`);
        }
    }
    input.profile = profile;
}

function assertSchemeAllows(app: AppRecord, input: AssignmentInput): void {
    const settable = settableCredentials(app);
    if ((input.userName !== undefined && !settable.userName) || (input.password !== undefined && !settable.password)) {
        throw credentialsNotAllowed();
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
