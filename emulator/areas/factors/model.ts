/**
 * Enrolled MFA factors of users (seeded; the API lists, reads and unenrolls them).
 */

export type FactorType =
    | "call"
    | "email"
    | "push"
    | "question"
    | "signed_nonce"
    | "sms"
    | "token"
    | "token:hardware"
    | "token:hotp"
    | "token:software:totp"
    | "u2f"
    | "web"
    | "webauthn";

export type FactorStatus = "ACTIVE" | "DISABLED" | "ENROLLED" | "EXPIRED" | "INACTIVE" | "NOT_SETUP" | "PENDING_ACTIVATION";

export interface FactorRecord {
    id: string;
    factorType: FactorType;
    provider: string;
    vendorName: string;
    status: FactorStatus;
    created: string;
    lastUpdated: string;
    profile: Record<string, unknown>;
}

/** The provider Okta uses for each factor type when none is given. */
export const FACTOR_PROVIDERS: Record<FactorType, string> = {
    call: "OKTA",
    email: "OKTA",
    push: "OKTA",
    question: "OKTA",
    signed_nonce: "OKTA",
    sms: "OKTA",
    token: "RSA",
    "token:hardware": "YUBICO",
    "token:hotp": "CUSTOM",
    "token:software:totp": "OKTA",
    u2f: "FIDO",
    web: "DUO",
    webauthn: "FIDO",
};

/** Id prefixes seen in Okta's examples per factor type (ids are opaque; the prefix only aids recognition). */
export const FACTOR_ID_PREFIXES: Record<FactorType, string> = {
    call: "clf",
    email: "emf",
    push: "opf",
    question: "ufs",
    signed_nonce: "crp",
    sms: "mbl",
    token: "rsa",
    "token:hardware": "ykf",
    "token:hotp": "chf",
    "token:software:totp": "ost",
    u2f: "fuf",
    web: "dsf",
    webauthn: "fwf",
};

/** Factor types whose phone number can also be a recovery method (`removeRecoveryEnrollment`). */
export const PHONE_FACTOR_TYPES: readonly FactorType[] = ["sms", "call"];
