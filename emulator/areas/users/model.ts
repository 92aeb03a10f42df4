import { randomBytes } from "node:crypto";
import { oktaTimestamp } from "../../platform/time";
/**
 * Users as the emulator keeps them. Owned by the users routes; other areas (group members, app assignments, the
 * System Log) read them through this module.
 */

export type UserStatus =
    | "STAGED"
    | "PROVISIONED"
    | "ACTIVE"
    | "RECOVERY"
    | "PASSWORD_EXPIRED"
    | "LOCKED_OUT"
    | "SUSPENDED"
    | "DEPROVISIONED";

export const USER_STATUSES: readonly UserStatus[] = [
    "STAGED",
    "PROVISIONED",
    "ACTIVE",
    "RECOVERY",
    "PASSWORD_EXPIRED",
    "LOCKED_OUT",
    "SUSPENDED",
    "DEPROVISIONED",
];

export interface UserProfile {
    login: string;
    email: string;
    firstName?: string | null;
    lastName?: string | null;
    [attribute: string]: unknown;
}

/** Okta's `credentials.provider.type`. */
export type ProviderType = "OKTA" | "IMPORT" | "FEDERATION" | "SOCIAL" | "ACTIVE_DIRECTORY" | "LDAP";

/** A password is kept only as a salted digest, or (imported) as the fact that a hash was given. */
export type StoredPassword = { kind: "digest"; salt: string; digest: string } | { kind: "imported"; algorithm: string };

/** Credentials are kept to check password changes; only `provider`, `password: {}` and the question are ever sent. */
export interface UserCredentials {
    password?: StoredPassword;
    recoveryQuestion?: { question: string; salt: string; answerDigest: string };
    provider: { type: ProviderType; name: string };
}

export interface UserRecord {
    id: string;
    status: UserStatus;
    created: string;
    activated: string | null;
    statusChanged: string | null;
    lastLogin: string | null;
    lastUpdated: string;
    passwordChanged: string | null;
    type: { id: string };
    profile: UserProfile;
    credentials: UserCredentials;
    realmId?: string;
    transitioningToStatus?: "ACTIVE" | "PROVISIONED" | "DEPROVISIONED";
}

/** How Okta names a user in System Log targets: "First Last", falling back to the login. */
export function userDisplayName(user: UserRecord): string {
    const name = [user.profile.firstName, user.profile.lastName].filter((part) => typeof part === "string" && part).join(" ");
    return name || user.profile.login;
}

/** What a new user is made of; the rest is what Okta gives a user created (and, unless STAGED, activated) at `at`. */
export interface NewUserInput {
    /** A fresh sortable id when unset. */
    id?: string;
    /** ACTIVE when unset. */
    status?: UserStatus;
    profile: UserProfile;
    typeId: string;
    realmId?: string;
    password?: StoredPassword;
    recoveryQuestion?: UserCredentials["recoveryQuestion"];
    /** The time of creation (and activation, and of the password when one is given); now when unset. */
    at?: string;
}

/** The one way a user record is made outside the users API's create (seeds, test and bench fixtures). */
export function newUser(input: NewUserInput): UserRecord {
    const at = input.at ?? oktaTimestamp();
    const status = input.status ?? "ACTIVE";
    const staged = status === "STAGED";
    return {
        id: input.id ?? newUserId(),
        status,
        created: at,
        activated: staged ? null : at,
        statusChanged: staged ? null : at,
        lastLogin: null,
        lastUpdated: at,
        passwordChanged: input.password === undefined ? null : at,
        ...(input.realmId === undefined ? {} : { realmId: input.realmId }),
        type: { id: input.typeId },
        profile: input.profile,
        credentials: {
            ...(input.password === undefined ? {} : { password: input.password }),
            ...(input.recoveryQuestion === undefined ? {} : { recoveryQuestion: input.recoveryQuestion }),
            provider: { type: "OKTA", name: "OKTA" },
        },
    };
}

/** Characters in ASCII order, so that ids compare like the numbers they encode. */
const SORTABLE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
let lastTime = 0;
let sequence = 0;

/**
 * A user id (`00u` + 17 characters) that sorts after every id made before it. Okta lists and searches users in id
 * order, and its ids grow over time; keeping that property keeps creation order and id order the same.
 */
export function newUserId(now = Date.now()): string {
    if (now <= lastTime) {
        sequence++;
        if (sequence === 62 * 62) {
            // More ids in one millisecond than the sequence can count: borrow the next millisecond.
            lastTime++;
            sequence = 0;
        }
    } else {
        lastTime = now;
        sequence = 0;
    }
    const random = randomBytes(7);
    let suffix = "";
    for (const byte of random) {
        suffix += SORTABLE_ALPHABET[byte % 62];
    }
    return "00u" + encodeSortable(lastTime, 8) + encodeSortable(sequence, 2) + suffix;
}

function encodeSortable(value: number, width: number): string {
    let text = "";
    let rest = Math.floor(value);
    for (let i = 0; i < width; i++) {
        text = SORTABLE_ALPHABET[rest % 62] + text;
        rest = Math.floor(rest / 62);
    }
    return text;
}
