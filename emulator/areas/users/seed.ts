import { Collection, newOktaId } from "../../platform/collection";
import { FACTOR_ID_PREFIXES, FACTOR_PROVIDERS, type FactorRecord, type FactorStatus, type FactorType } from "../factors/model";
import { digestSecret, foldAnswer, meetsPasswordPolicy, PASSWORD_REQUIREMENTS, storedPassword } from "./passwords";
import type { RealmType } from "../realms/model";
import { insertUser } from "./directory";
import { validateProfile, type AttributeDefinition, type AttributeType } from "./profile";
import { newUser, USER_STATUSES, type UserRecord, type UserStatus } from "./model";
import type { SeedFail, SeedList, SeedSection } from "../../org/seed-section";
import type { OrgStore } from "../../org/store";
import { oktaTimestamp } from "../../platform/time";

/**
 * The users part of the YAML seed: the profile schema's custom attributes, user types, realms, and users with their
 * status, password, recovery question, groups and factors. Every mistake names its place, e.g.
 * `users[2].factors[0].type: must be one of …`.
 */

export interface UserSeed {
    userSchema?: { customAttributes?: Record<string, AttributeType | { type: AttributeType; items?: AttributeType }> };
    userTypes?: { id?: string; name: string; displayName?: string; description?: string }[];
    realms?: { id?: string; name: string; realmType?: RealmType; domains?: string[] }[];
    users?: SeedUser[];
}

export interface SeedUser {
    id?: string;
    login: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    profile?: Record<string, unknown>;
    status?: UserStatus;
    password?: string;
    recoveryQuestion?: { question: string; answer: string };
    /** A user type name or id; the default type when absent. */
    type?: string;
    /** A realm name or id; the default realm when absent. */
    realm?: string;
    /** Group names or ids (OKTA_GROUP or APP_GROUP). */
    groups?: string[];
    factors?: SeedFactor[];
}

export interface SeedFactor {
    type: FactorType;
    status?: FactorStatus;
    provider?: string;
    phoneNumber?: string;
    email?: string;
    question?: string;
    credentialId?: string;
}

// Applied after groups, which users name.
export const userSeedSection: SeedSection<UserSeed> = {
    keys: ["userSchema", "userTypes", "realms", "users"],
    validate: (list, fail, document) => validateUserSeed(document, list, fail),
    apply: (store, seed, fail) => applyUserSeed(store, seed, fail),
};

const ATTRIBUTE_TYPES: AttributeType[] = ["string", "number", "integer", "boolean", "array"];
const FACTOR_TYPES = Object.keys(FACTOR_PROVIDERS) as FactorType[];
const FACTOR_STATUSES: FactorStatus[] = ["ACTIVE", "DISABLED", "ENROLLED", "EXPIRED", "INACTIVE", "NOT_SETUP", "PENDING_ACTIVATION"];
const PHONE_PATTERN = /^\+[1-9]\d{1,14}$/;
const TYPE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Checks the shape of the users sections (references to groups, types and realms are checked when applied). */
function validateUserSeed(seed: Record<string, unknown>, list: SeedList, fail: SeedFail): void {
    if (seed.userSchema !== undefined) {
        const schema = mapping(seed.userSchema, "userSchema", fail);
        const attributes = mapping(schema.customAttributes ?? {}, "userSchema.customAttributes", fail);
        for (const [name, spec] of Object.entries(attributes)) {
            attributeDefinition(spec, `userSchema.customAttributes.${name}`, fail);
        }
    }
    list("userTypes").forEach((t, i) => {
        if (typeof t.name !== "string" || !TYPE_NAME_PATTERN.test(t.name)) {
            fail(`userTypes[${i}].name`, "must start with a letter and contain only letters, digits and underscores");
        }
        optionalString(t.displayName, `userTypes[${i}].displayName`, fail);
        optionalString(t.description, `userTypes[${i}].description`, fail);
    });
    list("realms").forEach((r, i) => {
        if (typeof r.name !== "string" || r.name.trim() === "") {
            fail(`realms[${i}].name`, "must be a non-empty string");
        }
        if (r.realmType !== undefined && r.realmType !== "DEFAULT" && r.realmType !== "PARTNER") {
            fail(`realms[${i}].realmType`, "must be DEFAULT or PARTNER");
        }
        stringList(r.domains, `realms[${i}].domains`, fail);
    });
    list("users").forEach((u, i) => validateSeedUser(u, `users[${i}]`, fail));
}

function validateSeedUser(u: Record<string, unknown>, at: string, fail: SeedFail): void {
    if (typeof u.login !== "string" || !u.login.includes("@")) {
        fail(`${at}.login`, "must be an email-like login");
    }
    for (const field of ["id", "email", "firstName", "lastName", "password", "type", "realm"]) {
        optionalString(u[field], `${at}.${field}`, fail);
    }
    if (u.profile !== undefined) {
        mapping(u.profile, `${at}.profile`, fail);
    }
    if (u.status !== undefined && !USER_STATUSES.includes(u.status as UserStatus)) {
        fail(`${at}.status`, `must be one of ${USER_STATUSES.join(", ")}`);
    }
    if (u.recoveryQuestion !== undefined) {
        const question = mapping(u.recoveryQuestion, `${at}.recoveryQuestion`, fail);
        for (const field of ["question", "answer"]) {
            if (typeof question[field] !== "string" || (question[field] as string).trim() === "") {
                fail(`${at}.recoveryQuestion.${field}`, "must be a non-empty string");
            }
        }
    }
    stringList(u.groups, `${at}.groups`, fail);
    const factors = u.factors ?? [];
    if (!Array.isArray(factors)) {
        fail(`${at}.factors`, "must be a list");
    }
    (factors as unknown[]).forEach((item, j) => {
        const f = mapping(item, `${at}.factors[${j}]`, fail);
        if (!FACTOR_TYPES.includes(f.type as FactorType)) {
            fail(`${at}.factors[${j}].type`, `must be one of ${FACTOR_TYPES.join(", ")}`);
        }
        if (f.status !== undefined && !FACTOR_STATUSES.includes(f.status as FactorStatus)) {
            fail(`${at}.factors[${j}].status`, `must be one of ${FACTOR_STATUSES.join(", ")}`);
        }
        if ((f.type === "sms" || f.type === "call") && (typeof f.phoneNumber !== "string" || !PHONE_PATTERN.test(f.phoneNumber))) {
            fail(`${at}.factors[${j}].phoneNumber`, "must be an E.164 phone number such as +15551234567");
        }
        for (const field of ["provider", "email", "question", "credentialId"]) {
            optionalString(f[field], `${at}.factors[${j}].${field}`, fail);
        }
    });
}

/** Adds the seeded schema attributes, user types, realms and users to the store (after groups). */
function applyUserSeed(store: OrgStore, seed: UserSeed, fail: SeedFail): void {
    for (const [name, spec] of Object.entries(seed.userSchema?.customAttributes ?? {})) {
        store.userSchema.defineCustom(name, attributeDefinition(spec, `userSchema.customAttributes.${name}`, fail));
    }
    const now = oktaTimestamp();
    seed.userTypes?.forEach((t, i) => {
        if (store.userTypes.byName(t.name)) {
            fail(`userTypes[${i}].name`, `a user type named '${t.name}' already exists`);
        }
        store.userTypes.all.insert({
            id: t.id ?? newOktaId("oty"),
            displayName: t.displayName ?? t.name,
            name: t.name,
            description: t.description ?? null,
            createdBy: "00u1emulatoradmin000",
            lastUpdatedBy: "00u1emulatoradmin000",
            created: now,
            lastUpdated: now,
            default: false,
        });
    });
    seed.realms?.forEach((r) => store.realms.add({ id: r.id, name: r.name, realmType: r.realmType, domains: r.domains }));
    seed.users?.forEach((u, i) => applySeedUser(store, u, `users[${i}]`, fail, now));
}

function applySeedUser(store: OrgStore, u: SeedUser, at: string, fail: SeedFail, now: string): void {
    const { profile, problems } = validateProfile(store.userSchema, {
        email: u.email ?? u.login,
        firstName: u.firstName ?? u.login.split("@")[0],
        lastName: u.lastName ?? "User",
        ...u.profile,
        login: u.login,
    });
    const problem = [...problems.unknown, ...problems.causes][0];
    if (problem) {
        fail(`${at}.profile`, problem);
    }
    if (store.userLogins.idOfLogin(u.login) !== undefined) {
        fail(`${at}.login`, `another user already has the login '${u.login}'`);
    }
    if (u.password !== undefined && !meetsPasswordPolicy(u.password, { login: u.login, firstName: profile.firstName as string, lastName: profile.lastName as string })) {
        fail(`${at}.password`, PASSWORD_REQUIREMENTS);
    }
    const type = u.type === undefined ? store.userTypes.defaultType : (store.userTypes.get(u.type) ?? store.userTypes.byName(u.type));
    if (!type) {
        fail(`${at}.type`, `no user type with the id or name '${u.type}'`);
    }
    const realm = u.realm === undefined ? store.realms.defaultRealm : (store.realms.all.get(u.realm) ?? store.realms.byName(u.realm));
    if (!realm) {
        fail(`${at}.realm`, `no realm with the id or name '${u.realm}'`);
    }
    const groups = (u.groups ?? []).map((ref, j) => {
        const group = store.groups.get(ref) ?? store.groups.find((g) => g.profile.name === ref && g.type !== "BUILT_IN");
        if (!group || group.type === "BUILT_IN") {
            fail(`${at}.groups[${j}]`, `no group with the id or name '${ref}' (every user is in Everyone already)`);
        }
        return group!;
    });
    const status = u.status ?? (u.password !== undefined ? "ACTIVE" : "PROVISIONED");
    const user = newUser({
        id: u.id,
        status,
        profile: profile as UserRecord["profile"],
        typeId: type!.id,
        realmId: realm!.id,
        password: u.password === undefined ? undefined : storedPassword(u.password),
        recoveryQuestion: u.recoveryQuestion && recoveryQuestionOf(u.recoveryQuestion),
        at: now,
    });
    if (store.users.get(user.id)) {
        fail(`${at}.id`, `another user already has the id '${user.id}'`);
    }
    insertUser(store, user);
    for (const group of groups) {
        store.memberships.add(group.id, user.id);
    }
    if (u.factors?.length) {
        const factors = new Collection<FactorRecord>();
        u.factors.forEach((f) => factors.insert(factorOf(f, user, now)));
        store.userFactors.set(user.id, factors);
    }
}

function recoveryQuestionOf(q: { question: string; answer: string }): UserRecord["credentials"]["recoveryQuestion"] {
    const { salt, digest } = digestSecret(foldAnswer(q.answer));
    return { question: q.question, salt, answerDigest: digest };
}

function factorOf(f: SeedFactor, user: UserRecord, now: string): FactorRecord {
    const provider = f.provider ?? FACTOR_PROVIDERS[f.type];
    return {
        id: newOktaId(FACTOR_ID_PREFIXES[f.type]),
        factorType: f.type,
        provider,
        vendorName: provider,
        status: f.status ?? "ACTIVE",
        created: now,
        lastUpdated: now,
        profile: factorProfile(f, user),
    };
}

/** The profile Okta shows per factor type (SPEC UserFactor* profiles). */
function factorProfile(f: SeedFactor, user: UserRecord): Record<string, unknown> {
    switch (f.type) {
        case "sms":
        case "call":
            return { phoneNumber: f.phoneNumber };
        case "email":
            return { email: f.email ?? user.profile.email };
        case "question":
            return { question: f.question ?? "disliked_food", questionText: "What is the food you least liked as a child?" };
        case "u2f":
        case "webauthn":
        case "token:software:totp":
        case "token:hardware":
            return { credentialId: f.credentialId ?? user.profile.login };
        default:
            return {};
    }
}

function attributeDefinition(spec: unknown, at: string, fail: SeedFail): AttributeDefinition {
    const raw = typeof spec === "string" ? { type: spec } : mapping(spec, at, fail);
    if (!ATTRIBUTE_TYPES.includes(raw.type as AttributeType)) {
        fail(`${at}.type`, `must be one of ${ATTRIBUTE_TYPES.join(", ")}`);
    }
    if (raw.items !== undefined && (raw.type !== "array" || !ATTRIBUTE_TYPES.includes(raw.items as AttributeType) || raw.items === "array")) {
        fail(`${at}.items`, "is only for arrays, and must be string, number, integer or boolean");
    }
    return { type: raw.type as AttributeType, items: raw.items as AttributeDefinition["items"] };
}

function mapping(value: unknown, at: string, fail: SeedFail): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail(at, "must be a mapping");
    }
    return value as Record<string, unknown>;
}

function optionalString(value: unknown, at: string, fail: SeedFail): void {
    if (value !== undefined && typeof value !== "string") {
        fail(at, "must be a string");
    }
}

function stringList(value: unknown, at: string, fail: SeedFail): void {
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== "string"))) {
        fail(at, "must be a list of strings");
    }
}
