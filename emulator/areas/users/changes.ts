import { validationFailed } from "../../platform/errors";
import type { RequestContext } from "../../platform/http";
import { digestSecret, foldAnswer, meetsPasswordPolicy, PASSWORD_REQUIREMENTS, storedPassword } from "./passwords";
import { validateProfile } from "./profile";
import type { RealmRecord } from "../realms/model";
import type { UserTypeRecord } from "../user-types/model";
import type { UserCredentials, UserProfile, UserRecord } from "./model";
import { userDisplayName } from "./model";
import type { OrgStore } from "../../org/store";
import { logTarget, type LogTarget } from "../logs/system-log";
import type { CredentialsInput } from "./input";

/**
 * Rules shared by user create, partial update and replace: profile validation, login uniqueness, credentials, user type
 * and realm references, and System Log entries about users.
 */

/** Validates a complete profile; `what` names the object in the summary ("newUser" on create, as Okta does). */
export function checkedProfile(store: OrgStore, profile: Record<string, unknown>, what: string, exceptUserId?: string): UserProfile {
    const { profile: ordered, problems } = validateProfile(store.userSchema, profile);
    if (problems.unknown.length > 0) {
        throw validationFailed(what, problems.unknown);
    }
    if (problems.causes.length > 0) {
        throw validationFailed(problems.causes[0].split(":")[0], problems.causes);
    }
    const holder = store.userLogins.idOfLogin(ordered.login as string);
    if (holder !== undefined && holder !== exceptUserId) {
        throw validationFailed("login", ["login: An object with this field already exists in the current organization"]);
    }
    return ordered as UserProfile;
}

/** Applies the password and recovery question of a request to a user's credentials. Returns whether the password changed. */
export function applyCredentials(credentials: UserCredentials, input: CredentialsInput | undefined, profile: UserProfile, staged: boolean): boolean {
    let passwordChanged = false;
    const password = input?.password;
    if (password?.hash) {
        if (!staged) {
            throw validationFailed("password", ["password: A password hash can only be set on a STAGED user"]);
        }
        credentials.password = { kind: "imported", algorithm: password.hash.algorithm };
        credentials.provider = { type: "IMPORT", name: "IMPORT" };
        passwordChanged = true;
    } else if (password?.value !== undefined) {
        if (!meetsPasswordPolicy(password.value, profile)) {
            throw validationFailed("password", [`password: ${PASSWORD_REQUIREMENTS}`]);
        }
        credentials.password = storedPassword(password.value);
        if (credentials.provider.type === "IMPORT") {
            credentials.provider = { type: "OKTA", name: "OKTA" };
        }
        passwordChanged = true;
    }
    const recovery = input?.recovery_question;
    if (recovery) {
        credentials.recoveryQuestion = recoveryQuestion(recovery);
    }
    return passwordChanged;
}

/** A recovery question with its answer kept as a digest; both parts are required. */
export function recoveryQuestion(input: { question?: string; answer?: string }): UserCredentials["recoveryQuestion"] {
    const causes: string[] = [];
    const question = input.question?.trim() ?? "";
    const answer = input.answer?.trim() ?? "";
    if (question === "") {
        causes.push("recovery_question.question: The field cannot be left blank");
    } else if (question.length > 100) {
        causes.push("recovery_question.question: The field cannot exceed 100 characters");
    }
    if (answer === "") {
        causes.push("recovery_question.answer: The field cannot be left blank");
    } else if (answer.length > 100) {
        causes.push("recovery_question.answer: The field cannot exceed 100 characters");
    }
    if (causes.length > 0) {
        throw validationFailed("recovery_question", causes);
    }
    const { salt, digest } = digestSecret(foldAnswer(answer));
    return { question, salt, answerDigest: digest };
}

export function resolveUserType(store: OrgStore, id: string | undefined): UserTypeRecord {
    if (id === undefined) {
        return store.userTypes.defaultType;
    }
    const type = store.userTypes.get(id);
    if (!type) {
        throw validationFailed("type", [`type.id: The user type '${id}' does not exist`]);
    }
    return type;
}

export function resolveRealm(store: OrgStore, id: string | undefined): RealmRecord {
    if (id === undefined) {
        return store.realms.defaultRealm;
    }
    const realm = store.realms.all.get(id);
    if (!realm) {
        throw validationFailed("realmId", [`realmId: The realm '${id}' does not exist`]);
    }
    return realm;
}

/** A realm with domains admits only users whose login and email are in one of them (SPEC RealmProfile). */
export function checkRealmDomains(realm: RealmRecord, profile: UserProfile): void {
    const domains = realm.profile.domains.map((d) => d.toLowerCase());
    if (domains.length === 0) {
        return;
    }
    const causes = (["login", "email"] as const)
        .filter((field) => !domains.includes(profile[field].slice(profile[field].lastIndexOf("@") + 1).toLowerCase()))
        .map((field) => `${field}: The domain is not allowed in realm '${realm.profile.name}'`);
    if (causes.length > 0) {
        throw validationFailed(causes[0].split(":")[0], causes);
    }
}

export function userTarget(user: UserRecord): LogTarget {
    return logTarget("User", user.id, user.profile.login, userDisplayName(user));
}

/** Appends one System Log event about a user (and any further targets). */
export function logUserEvent(
    store: OrgStore,
    ctx: RequestContext | undefined,
    eventType: string,
    displayMessage: string,
    user: UserRecord,
    extraTargets: LogTarget[] = [],
): void {
    store.log.append({ eventType, displayMessage, target: [userTarget(user), ...extraTargets] }, ctx);
}
