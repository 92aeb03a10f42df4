/**
 * The one base of this package's errors. `code` is stable across releases, so callers (the CLI's exit codes, scripts)
 * branch on it rather than on class chains; messages are for people and may be reworded.
 */
export type OktaIacErrorCode =
    /** Okta answered with an error status (`OktaApiError`). */
    | "API"
    /** No answer from Okta: connection refused or reset, or a timeout, after retries (`OktaTransportError`). */
    | "TRANSPORT"
    /** The request's time budget ran out (`OktaDeadlineError`). */
    | "DEADLINE"
    /** The authorization server refused an access token (`OktaOAuthError`). */
    | "OAUTH"
    /** A caller's mistake in the arguments; nothing was sent to Okta (`ArgumentError`). */
    | "ARGUMENT"
    /** Connection or tuning settings missing, conflicting or invalid (`ConfigError`). */
    | "CONFIG"
    /** Misuse of the command line (the CLI's `UsageError`). */
    | "USAGE"
    /** A command that changes several things did part of its work (the CLI's `IncompleteError`). */
    | "INCOMPLETE";

export abstract class OktaIacError extends Error {
    abstract readonly code: OktaIacErrorCode;
}

/** Whether `error` is one of this package's errors with the given code. */
export function hasCode(error: unknown, code: OktaIacErrorCode): error is OktaIacError {
    return error instanceof OktaIacError && error.code === code;
}

/** A caller's mistake in the arguments; nothing was sent to Okta. The CLI maps it to its usage exit code. */
export class ArgumentError extends OktaIacError {
    override readonly name = "ArgumentError";
    readonly code = "ARGUMENT";
}

/** Missing, conflicting or invalid connection or tuning settings. */
export class ConfigError extends OktaIacError {
    override readonly name = "ConfigError";
    readonly code = "CONFIG";
}
