import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { StoredPassword, UserProfile } from "./model";

/**
 * Secrets (passwords, recovery answers) are kept as salted digests only, so nothing the emulator holds or logs can
 * reveal them. A fast digest is enough: this guards against leaking test secrets, not against offline attacks.
 */

export function digestSecret(secret: string, salt = randomBytes(16).toString("base64")): { salt: string; digest: string } {
    return { salt, digest: createHash("sha256").update(salt).update("\0").update(secret).digest("base64") };
}

export function secretMatches(secret: string, stored: { salt: string; digest: string }): boolean {
    const candidate = Buffer.from(digestSecret(secret, stored.salt).digest, "base64");
    const expected = Buffer.from(stored.digest, "base64");
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

export function storedPassword(value: string): StoredPassword {
    return { kind: "digest", ...digestSecret(value) };
}

/** Recovery answers are matched case-insensitively (SPEC RecoveryQuestionCredential). */
export function foldAnswer(answer: string): string {
    return answer.trim().toLowerCase();
}

/** The requirements of Okta's default password policy, in the words Okta uses when one is not met. */
export const PASSWORD_REQUIREMENTS =
    "Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.";

/** Checks a new password against the default policy; returns false when it is refused. */
export function meetsPasswordPolicy(password: string, profile: Pick<UserProfile, "login" | "firstName" | "lastName">): boolean {
    if (password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
        return false;
    }
    const lowered = password.toLowerCase();
    const usernameParts = [profile.login.split("@")[0], profile.firstName, profile.lastName]
        .filter((part): part is string => typeof part === "string" && part.length >= 3)
        .map((part) => part.toLowerCase());
    return !usernameParts.some((part) => lowered.includes(part));
}

/** A random password that meets the default policy (for `expire_password_with_temp_password`). */
export function temporaryPassword(): string {
    const body = randomBytes(6).toString("base64url").replace(/[-_]/g, "x");
    return `Tp${body}7`;
}
