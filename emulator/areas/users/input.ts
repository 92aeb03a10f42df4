import { malformedBody, validationFailed } from "../../platform/errors";
import { type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import type { ProviderType } from "./model";

/**
 * Reads the body of `POST /api/v1/users` and of user updates. Structural mistakes (wrong JSON types, unknown fields)
 * are Okta's E0000003 "not well-formed", as from its JSON reader; rule violations are E0000001 validation failures.
 */

export interface PasswordHashInput {
    algorithm: string;
    value: string;
    salt?: string;
    saltOrder?: string;
    workFactor?: number;
    iterationCount?: number;
    keySize?: number;
    digestAlgorithm?: string;
}

export interface CredentialsInput {
    password?: { value?: string; hash?: PasswordHashInput; hook?: { type?: string } };
    recovery_question?: { question?: string; answer?: string };
    provider?: { type?: string; name?: string };
}

export interface UserInput {
    profile?: Record<string, unknown>;
    credentials?: CredentialsInput;
    groupIds?: string[];
    type?: { id?: string };
    realmId?: string;
}

/** Read-only User properties a client may send back unchanged (SDKs PUT the whole object they fetched). */
const READ_ONLY_FIELDS = new Set([
    "id",
    "status",
    "transitioningToStatus",
    "created",
    "activated",
    "statusChanged",
    "lastLogin",
    "lastUpdated",
    "passwordChanged",
    "_links",
    "_embedded",
]);

export function readUserInput(ctx: RequestContext, allowGroupIds: boolean): UserInput {
    const body = jsonBody(ctx);
    const input: UserInput = {};
    for (const [key, value] of Object.entries(body)) {
        switch (key) {
            case "profile":
                input.profile = objectAt(value, "profile");
                break;
            case "credentials":
                input.credentials = credentialsAt(value);
                break;
            case "type":
                input.type = value === null ? undefined : { id: optionalString(objectAt(value, "type").id, "type.id") };
                break;
            case "realmId":
                input.realmId = optionalString(value, "realmId");
                break;
            case "groupIds":
                if (!allowGroupIds) {
                    throw unrecognized(key);
                }
                input.groupIds = stringArrayAt(value, "groupIds");
                break;
            default:
                if (!READ_ONLY_FIELDS.has(key)) {
                    throw unrecognized(key);
                }
        }
    }
    return input;
}

function credentialsAt(value: unknown): CredentialsInput {
    const raw = objectAt(value, "credentials");
    const credentials: CredentialsInput = {};
    for (const [key, item] of Object.entries(raw)) {
        if (item === null) {
            continue;
        }
        if (key === "password") {
            const password = objectAt(item, "credentials.password");
            credentials.password = {
                value: optionalString(password.value, "credentials.password.value"),
                hash: password.hash === undefined || password.hash === null ? undefined : hashAt(password.hash),
                hook: password.hook === undefined ? undefined : { type: optionalString(objectAt(password.hook, "credentials.password.hook").type, "credentials.password.hook.type") },
            };
        } else if (key === "recovery_question") {
            const question = objectAt(item, "credentials.recovery_question");
            credentials.recovery_question = {
                question: optionalString(question.question, "credentials.recovery_question.question"),
                answer: optionalString(question.answer, "credentials.recovery_question.answer"),
            };
        } else if (key === "provider") {
            const provider = objectAt(item, "credentials.provider");
            credentials.provider = {
                type: optionalString(provider.type, "credentials.provider.type"),
                name: optionalString(provider.name, "credentials.provider.name"),
            };
        } else {
            throw unrecognized(`credentials.${key}`);
        }
    }
    return credentials;
}

const HASH_ALGORITHMS = ["BCRYPT", "MD5", "PBKDF2", "SHA-1", "SHA-256", "SHA-512"];
const DIGEST_ALGORITHMS = ["SHA256_HMAC", "SHA512_HMAC"];

/** Checks an imported password hash (SPEC PasswordCredentialHash). */
function hashAt(value: unknown): PasswordHashInput {
    const raw = objectAt(value, "credentials.password.hash");
    const at = (name: string) => `credentials.password.hash.${name}`;
    const hash: PasswordHashInput = {
        algorithm: optionalString(raw.algorithm, at("algorithm")) ?? "",
        value: optionalString(raw.value, at("value")) ?? "",
        salt: optionalString(raw.salt, at("salt")),
        saltOrder: optionalString(raw.saltOrder, at("saltOrder")),
        workFactor: optionalInteger(raw.workFactor, at("workFactor")),
        iterationCount: optionalInteger(raw.iterationCount, at("iterationCount")),
        keySize: optionalInteger(raw.keySize, at("keySize")),
        digestAlgorithm: optionalString(raw.digestAlgorithm, at("digestAlgorithm")),
    };
    const causes: string[] = [];
    if (!HASH_ALGORITHMS.includes(hash.algorithm)) {
        causes.push(`password.hash.algorithm: must be one of ${HASH_ALGORITHMS.join(", ")}`);
    }
    if (hash.value === "") {
        causes.push("password.hash.value: The field cannot be left blank");
    }
    if (hash.algorithm === "BCRYPT") {
        if (hash.salt === undefined || hash.salt.length !== 22) {
            causes.push("password.hash.salt: A BCRYPT salt must be 22 characters long");
        }
        if (hash.workFactor === undefined || hash.workFactor < 1 || hash.workFactor > 20) {
            causes.push("password.hash.workFactor: must be between 1 and 20");
        }
    } else if (hash.salt !== undefined && !["PREFIX", "POSTFIX"].includes(hash.saltOrder ?? "")) {
        causes.push("password.hash.saltOrder: must be PREFIX or POSTFIX for a salted hash");
    }
    if (hash.algorithm === "PBKDF2") {
        if (hash.iterationCount === undefined || hash.iterationCount < 4096) {
            causes.push("password.hash.iterationCount: must be at least 4096");
        }
        if (hash.keySize === undefined || hash.keySize < 1) {
            causes.push("password.hash.keySize: The field cannot be left blank");
        }
        if (!DIGEST_ALGORITHMS.includes(hash.digestAlgorithm ?? "")) {
            causes.push(`password.hash.digestAlgorithm: must be one of ${DIGEST_ALGORITHMS.join(", ")}`);
        }
    }
    if (causes.length > 0) {
        throw validationFailed("password", causes);
    }
    return hash;
}

const PROVIDER_TYPES: ProviderType[] = ["OKTA", "IMPORT", "FEDERATION", "SOCIAL", "ACTIVE_DIRECTORY", "LDAP"];

export function providerTypeOf(type: string | undefined): ProviderType {
    if (type === undefined || !PROVIDER_TYPES.includes(type as ProviderType)) {
        throw validationFailed("provider", [`provider.type: must be one of ${PROVIDER_TYPES.join(", ")}`]);
    }
    return type as ProviderType;
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw malformedBody(`'${path}' must be a JSON object`);
    }
    return value as Record<string, unknown>;
}

function optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "string") {
        throw malformedBody(`'${path}' must be a string`);
    }
    return value;
}

function optionalInteger(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
        throw malformedBody(`'${path}' must be an integer`);
    }
    return value;
}

function stringArrayAt(value: unknown, path: string): string[] {
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
        throw malformedBody(`'${path}' must be an array of strings`);
    }
    return value as string[];
}

function unrecognized(field: string) {
    return malformedBody(`Unrecognized field '${field}'`);
}

/** Okta reads boolean query parameters leniently: only "true" (any case) is true. */
export function queryFlag(ctx: RequestContext, name: string, fallback: boolean): boolean {
    const raw = ctx.query.get(name);
    return raw === null || raw === "" ? fallback : raw.toLowerCase() === "true";
}
