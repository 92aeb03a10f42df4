import { isStorableText, notTextCause } from "../../platform/text";

/**
 * The user profile schema: Okta's base attributes (SPEC UserProfile) plus the org's custom attributes (seedable; the
 * Schemas API can extend them later). Validates profiles the way Okta does and puts them in Okta's wire order.
 */

export type AttributeType = "string" | "number" | "integer" | "boolean" | "array";

export interface AttributeDefinition {
    type: AttributeType;
    /** Element type of an array attribute. */
    items?: Exclude<AttributeType, "array">;
    minLength?: number;
    maxLength?: number;
    required?: boolean;
}

const string = (maxLength?: number, minLength?: number): AttributeDefinition => ({ type: "string", maxLength, minLength });

export const BASE_ATTRIBUTES: Readonly<Record<string, AttributeDefinition>> = {
    login: { type: "string", minLength: 5, maxLength: 100, required: true },
    email: { type: "string", minLength: 5, maxLength: 100, required: true },
    firstName: { type: "string", minLength: 1, maxLength: 50, required: true },
    lastName: { type: "string", minLength: 1, maxLength: 50, required: true },
    secondEmail: string(100),
    mobilePhone: string(100),
    middleName: string(),
    honorificPrefix: string(),
    honorificSuffix: string(),
    title: string(),
    displayName: string(),
    nickName: string(),
    profileUrl: string(),
    primaryPhone: string(100),
    streetAddress: string(1024),
    city: string(128),
    state: string(128),
    zipCode: string(50),
    countryCode: string(2),
    postalAddress: string(4096),
    preferredLanguage: string(),
    locale: string(),
    timezone: string(),
    userType: string(),
    employeeNumber: string(),
    costCenter: string(),
    organization: string(),
    division: string(),
    department: string(),
    managerId: string(),
    manager: string(),
};

/** Attributes every user object shows, as null when unset (recorded traffic), in the order Okta sends them. */
const ALWAYS_SHOWN = ["firstName", "lastName", "mobilePhone", "secondEmail", "login", "email"] as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The org's profile schema: base attributes and custom ones. */
export class UserProfileSchema {
    private readonly custom = new Map<string, AttributeDefinition>();

    defineCustom(name: string, definition: AttributeDefinition): void {
        if (name in BASE_ATTRIBUTES) {
            throw new Error(`'${name}' is a base profile attribute`);
        }
        this.custom.set(name, definition);
    }

    definitionOf(name: string): AttributeDefinition | undefined {
        return BASE_ATTRIBUTES[name] ?? this.custom.get(name);
    }

    has(name: string): boolean {
        return this.definitionOf(name) !== undefined;
    }
}

/** A profile that failed validation: the summary target and one cause per problem. */
export interface ProfileProblems {
    unknown: string[];
    causes: string[];
}

/**
 * Validates a complete profile (create, PUT, or the merged result of a partial update) and returns it in wire form:
 * nulls dropped except the always-shown attributes, which come first.
 */
export function validateProfile(schema: UserProfileSchema, profile: Record<string, unknown>): { profile: Record<string, unknown>; problems: ProfileProblems } {
    const problems: ProfileProblems = { unknown: [], causes: [] };
    for (const [name, value] of Object.entries(profile)) {
        const definition = schema.definitionOf(name);
        if (!definition) {
            problems.unknown.push(`Property name '${name}' is not defined in profile`);
            continue;
        }
        const cause = valueProblem(name, value, definition);
        if (cause) {
            problems.causes.push(cause);
        }
    }
    for (const [name, definition] of Object.entries(BASE_ATTRIBUTES)) {
        const value = profile[name];
        if (definition.required && (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))) {
            problems.causes.push(`${name}: The field cannot be left blank`);
        }
    }
    if (typeof profile.login === "string" && profile.login.trim() !== "" && !EMAIL_PATTERN.test(profile.login)) {
        problems.causes.push("login: Username must be in the form of an email address");
    }
    for (const field of ["email", "secondEmail"]) {
        const value = profile[field];
        if (typeof value === "string" && value !== "" && !EMAIL_PATTERN.test(value)) {
            problems.causes.push(`${field}: Does not match required pattern`);
        }
    }
    return { profile: orderProfile(profile), problems };
}

function valueProblem(name: string, value: unknown, definition: AttributeDefinition): string | undefined {
    if (value === null) {
        return undefined;
    }
    if (definition.type === "array") {
        if (!Array.isArray(value)) {
            return `${name}: Property value must be an array`;
        }
        const bad = value.find((item) => !matchesScalar(item, definition.items ?? "string"));
        if (bad !== undefined) {
            return `${name}: Array items must be of type ${definition.items ?? "string"}`;
        }
        return value.some((item) => typeof item === "string" && !isStorableText(item)) ? notTextCause(name) : undefined;
    }
    if (!matchesScalar(value, definition.type)) {
        return `${name}: Property value must be of type ${definition.type}`;
    }
    if (typeof value === "string") {
        if (!isStorableText(value)) {
            return notTextCause(name);
        }
        if (definition.maxLength !== undefined && value.length > definition.maxLength) {
            return `${name}: The field cannot exceed ${definition.maxLength} characters`;
        }
        if (definition.minLength !== undefined && value.length > 0 && value.length < definition.minLength) {
            return `${name}: The field must be at least ${definition.minLength} characters`;
        }
    }
    return undefined;
}

function matchesScalar(value: unknown, type: Exclude<AttributeType, "array">): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "boolean":
            return typeof value === "boolean";
    }
}

/** Okta's wire order: the always-shown attributes (null when unset) first, then the others that have a value. */
export function orderProfile(profile: Record<string, unknown>): Record<string, unknown> {
    const ordered: Record<string, unknown> = {};
    for (const name of ALWAYS_SHOWN) {
        ordered[name] = profile[name] ?? null;
    }
    for (const [name, value] of Object.entries(profile)) {
        if (!(name in ordered) && value !== null && value !== undefined) {
            ordered[name] = value;
        }
    }
    return ordered;
}
