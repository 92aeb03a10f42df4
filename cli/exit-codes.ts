import { ArgumentError } from "../core/okta/arguments";
import { OktaApiError, OktaDeadlineError, OktaTransportError } from "../core/client";

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

/** Missing or invalid connection settings. */
export class ConfigError extends Error {
    override readonly name = "ConfigError";
}

/** A command that changes several things did part of its work; its message says what is left. */
export class IncompleteError extends Error {
    override readonly name = "IncompleteError";
}

/** Misuse of the command line. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

export function exitCodeOf(error: unknown): number {
    if (error instanceof UsageError || error instanceof ArgumentError) {
        return EXIT.usage;
    }
    if (error instanceof ConfigError) {
        return EXIT.config;
    }
    if (error instanceof IncompleteError) {
        return EXIT.oktaError;
    }
    if (error instanceof OktaApiError) {
        if (error.status === 404) {
            return EXIT.notFound;
        }
        if (error.status === 401 || error.status === 403) {
            return EXIT.denied;
        }
        if (error.status === 429) {
            return EXIT.rateLimited;
        }
        return EXIT.oktaError;
    }
    if (error instanceof OktaTransportError) {
        return EXIT.network;
    }
    if (error instanceof OktaDeadlineError) {
        // Out of time: waiting for a used-up bucket, or classified by what the last attempt met (a 429, no answer).
        if (error.rateLimited) {
            return EXIT.rateLimited;
        }
        return error.lastError ? exitCodeOf(error.lastError) : EXIT.network;
    }
    return EXIT.internal;
}
