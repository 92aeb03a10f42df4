import { UNKNOWN } from "./names";
import type { Inputs } from "./preview";

/**
 * Which inputs a review may print with their values (docs/review.md#secrets). The preview already shows Pulumi secrets
 * as `[secret]`, but some inputs hold sensitive values without being secrets (a hook's extra header values, profile
 * attributes, a phone number), so values are printed only for the inputs named here; any other changed input is named
 * without its value.
 */
const SHOWN: Record<string, readonly string[]> = {
    User: ["login", "email", "firstName", "lastName", "department", "status", "activate", "employeeNumber", "locale", "typeId", "realmId", "nextLogin", "providerType", "providerName", "provider"],
    Group: ["name", "description"],
    EventHook: ["name", "url", "status", "eventTypes", "authHeaderName", "description", "doNotActivateOnCreate"],
    AppUserAssignment: ["appId", "scope", "username"],
    ResetUserPassword: ["sendEmail", "revokeSessions", "triggers"],
    SetUserPassword: ["revokeSessions", "triggers"],
    ClearUserSessions: ["oauthTokens", "forgetDevices", "triggers"],
    UnenrollUserFactor: ["factorId", "removeRecoveryEnrollment", "triggers"],
    UserLifecycleOperation: ["operation", "sendEmail", "triggers"],
    VerifyEventHook: ["triggers"],
};

/** Inputs that only steer the provider; a change of them changes nothing in the org. */
const PROVIDER_ONLY = new Set(["adopt", "connection"]);

/** The text Pulumi prints in place of a secret. */
export const SECRET = "[secret]";

/** One changed input: its values when they may be shown. */
export interface FieldChange {
    field: string;
    /** Printable values; absent when the input may not be shown or is a secret. */
    from?: string;
    to?: string;
    /** The input is a secret or not shown: only that it was set, changed or removed is known. */
    hidden: boolean;
    /** Set for a secret that both sides hold: the preview cannot tell whether it changed. */
    maybe?: boolean;
}

/** Inputs that differ between the two sides, except those in `skip` (handled by their own rule, e.g. memberships). */
export function changedFields(type: string, olds: Inputs = {}, news: Inputs = {}, skip: readonly string[] = []): FieldChange[] {
    const names = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((name) => !PROVIDER_ONLY.has(name) && !skip.includes(name));
    const changes: FieldChange[] = [];
    for (const field of names.sort()) {
        const before = olds[field];
        const after = news[field];
        if (before === SECRET && after === SECRET) {
            changes.push({ field, hidden: true, maybe: true });
        } else if (JSON.stringify(before) !== JSON.stringify(after)) {
            changes.push(describe(type, field, before, after));
        }
    }
    return changes;
}

function describe(type: string, field: string, before: unknown, after: unknown): FieldChange {
    if (!mayShow(type, field) || before === SECRET || after === SECRET) {
        return { field, hidden: true, ...(before === undefined ? { from: "unset" } : {}), ...(after === undefined ? { to: "unset" } : {}) };
    }
    return { field, from: printable(field, before), to: printable(field, after), hidden: false };
}

export function mayShow(type: string, field: string): boolean {
    return SHOWN[type]?.includes(field) ?? false;
}

/** A shown input's value as one line of text. */
export function printable(field: string, value: unknown): string {
    if (value === undefined || value === null) {
        return "unset";
    }
    if (value === UNKNOWN) {
        return "(known after the update)";
    }
    if (value === SECRET) {
        return SECRET;
    }
    if (Array.isArray(value)) {
        return value.map((item) => printable(field, item)).join(", ") || "none";
    }
    if (typeof value === "object") {
        return `{${Object.keys(value as object).join(", ")}}`;
    }
    const text = field === "url" ? withoutCredentials(String(value)) : String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * A URL without what could be a credential: user info and query values (a hook URL may carry a token in its query,
 * which `check` does not refuse).
 */
export function withoutCredentials(text: string): string {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return text;
    }
    url.username = "";
    url.password = "";
    for (const key of [...url.searchParams.keys()]) {
        url.searchParams.set(key, "…");
    }
    return url.toString();
}

/** A field change as text: `url https://a -> https://b`, `password changed`. */
export function fieldText(change: FieldChange): string {
    if (change.maybe) {
        return `${change.field} (secret; may have changed)`;
    }
    if (change.hidden) {
        return change.from === "unset" ? `${change.field} set` : change.to === "unset" ? `${change.field} removed` : `${change.field} changed`;
    }
    return `${change.field} ${change.from} -> ${change.to}`;
}
