import { appendFileSync } from "node:fs";

/**
 * Taking over what an interrupted update made (docs/recovery.md#taking-over-orphans).
 *
 * `okta-iac recover` runs `pulumi up` with OKTA_RECOVER_SINCE set to the start of the interrupted update, in Okta's
 * clock. A create whose natural key (login, group name, hook name, app-user pair) finds an object Okta made at or after
 * that time takes it over, exactly as with `adopt: true`: that object can only come from the interrupted run, which
 * died before Pulumi learnt its id. An older object is never taken over (the create then fails as it would without
 * recovery), nor one made after OKTA_RECOVER_UNTIL (when set), when the interrupted update was over. Each takeover is
 * appended as one JSON line to OKTA_RECOVER_REPORT (when set), so recover can count them.
 */

export const RECOVER_SINCE_VARIABLE = "OKTA_RECOVER_SINCE";
export const RECOVER_UNTIL_VARIABLE = "OKTA_RECOVER_UNTIL";
export const RECOVER_REPORT_VARIABLE = "OKTA_RECOVER_REPORT";

/** One takeover, as written to the report file. */
export interface Takeover {
    type: string;
    key: string;
    id: string;
}

/** The start of the interrupted update (epoch ms, Okta's clock), or `undefined` outside a recovery. */
export function recoverySince(env: NodeJS.ProcessEnv = process.env): number | undefined {
    return timeVariable(env, RECOVER_SINCE_VARIABLE);
}

/** When the interrupted update had certainly ended (epoch ms, Okta's clock); no bound when unset. */
function recoveryUntil(env: NodeJS.ProcessEnv = process.env): number {
    return timeVariable(env, RECOVER_UNTIL_VARIABLE) ?? Infinity;
}

function timeVariable(env: NodeJS.ProcessEnv, name: string): number | undefined {
    const value = env[name];
    if (value === undefined || value === "") {
        return undefined;
    }
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
        throw new Error(`${name} must be an ISO-8601 time (got '${value}')`);
    }
    return time;
}

/** Whether `create` must look for an existing object first: the program asked to adopt, or a recovery runs. */
export function looksForExisting(adopt: boolean | undefined): boolean {
    return adopt === true || recoverySince() !== undefined;
}

/**
 * Whether `create` takes over `existing` (found by its natural key): always with `adopt`, else only during a recovery
 * and only an object Okta created while the interrupted update ran. A takeover by recovery is reported.
 */
export function takesOver(adopt: boolean | undefined, existing: { id: string; created?: string | null } | undefined, type: string, key: string): boolean {
    if (!existing) {
        return false;
    }
    if (adopt === true) {
        return true;
    }
    const since = recoverySince();
    const created = existing.created ? Date.parse(existing.created) : NaN;
    if (since === undefined || Number.isNaN(created) || created < since || created > recoveryUntil()) {
        return false;
    }
    report({ type, key, id: existing.id });
    return true;
}

function report(takeover: Takeover): void {
    const file = process.env[RECOVER_REPORT_VARIABLE];
    if (file) {
        // One short line per write with O_APPEND: concurrent creates in the provider host never interleave.
        appendFileSync(file, `${JSON.stringify(takeover)}\n`, { mode: 0o600 });
    }
}
