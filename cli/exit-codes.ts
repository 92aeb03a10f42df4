import { ConfigError, OktaIacError, type OktaApiError, type OktaDeadlineError } from "../core/client";

/** What the CLI's exit status means; scripts can branch on it. Listed in `okta-iac --help` and the README. */
export const EXIT = {
    ok: 0,
    /** Okta refused the request (any error status without a more specific code below). */
    oktaError: 1,
    /** Bad arguments or unknown command; nothing was sent to Okta. */
    usage: 2,
    /** Connection settings missing or invalid. */
    config: 3,
    /** Okta answered 404: the object does not exist. */
    notFound: 4,
    /** Okta answered 401 or 403: the credentials are wrong or lack permission. */
    denied: 5,
    /** Okta answered 429 and waiting for the rate limit did not get through in time. */
    rateLimited: 6,
    /** No answer from Okta (connection refused, reset, timeout), after retries. */
    network: 7,
    /** A bug in this tool. */
    internal: 70,
} as const;

export const EXIT_CODE_HELP = [
    ["0", "success"],
    ["1", "Okta refused the request"],
    ["2", "bad arguments or unknown command (nothing was sent)"],
    ["3", "connection settings missing or invalid"],
    ["4", "not found (Okta 404)"],
    ["5", "authentication or permission refused (Okta 401/403)"],
    ["6", "rate limited (Okta 429)"],
    ["7", "network error (no answer from Okta)"],
    ["70", "internal error"],
];

/** Missing or invalid connection settings (the same class the connection settings throw). */
export { ConfigError };

/** A command that changes several things did part of its work; its message says what is left. */
export class IncompleteError extends OktaIacError {
    override readonly name = "IncompleteError";
    readonly code = "INCOMPLETE";
}

/** Misuse of the command line. */
export class UsageError extends OktaIacError {
    override readonly name = "UsageError";
    readonly code = "USAGE";
}

/** The exit status of an error, from its stable `code` (anything else is a bug in this tool). */
export function exitCodeOf(error: unknown): number {
    if (!(error instanceof OktaIacError)) {
        return EXIT.internal;
    }
    switch (error.code) {
        case "USAGE":
        case "ARGUMENT":
            return EXIT.usage;
        case "CONFIG":
            return EXIT.config;
        case "INCOMPLETE":
            return EXIT.oktaError;
        case "API":
            return apiExitCode((error as OktaApiError).status);
        case "TRANSPORT":
            return EXIT.network;
        case "OAUTH":
            // The authorization server refused the connection's credentials.
            return EXIT.denied;
        case "DEADLINE": {
            // Out of time: waiting for a used-up bucket, or classified by what the last attempt met (a 429, no answer).
            const deadline = error as OktaDeadlineError;
            if (deadline.rateLimited) {
                return EXIT.rateLimited;
            }
            return deadline.lastError ? exitCodeOf(deadline.lastError) : EXIT.network;
        }
    }
}

function apiExitCode(status: number): number {
    if (status === 404) {
        return EXIT.notFound;
    }
    if (status === 401 || status === 403) {
        return EXIT.denied;
    }
    return status === 429 ? EXIT.rateLimited : EXIT.oktaError;
}
