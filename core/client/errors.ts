import { parseAuthChallenge } from "./auth/challenge";
import { hintFor } from "./error-hints";
import { OktaIacError } from "./error-base";
import type { OktaApiErrorDetails, OktaErrorCause } from "./error-details";

export type { OktaApiErrorDetails, OktaErrorCause };


/**
 * An error response from Okta. The message carries the HTTP status, Okta's error code and summary, every cause and the
 * request id, so that it is useful as printed by `pulumi up`.
 */
export class OktaApiError extends OktaIacError {
    override readonly name = "OktaApiError";
    readonly code = "API";
    readonly status: number;
    readonly method: string;
    readonly path: string;
    readonly errorCode?: string;
    readonly errorSummary?: string;
    readonly errorCauses: OktaErrorCause[];
    readonly errorId?: string;
    readonly requestId?: string;
    readonly attempts: number;
    readonly requiredScope?: string;

    constructor(details: OktaApiErrorDetails) {
        super(describe(details));
        this.status = details.status;
        this.method = details.method;
        this.path = details.path;
        this.errorCode = details.errorCode;
        this.errorSummary = details.errorSummary;
        this.errorCauses = details.errorCauses ?? [];
        this.errorId = details.errorId;
        this.requestId = details.requestId;
        this.attempts = details.attempts ?? 1;
        this.requiredScope = details.requiredScope;
    }

    /** True for Okta's "not found" answers (404 E0000007, or any 404). */
    get isNotFound(): boolean {
        return this.status === 404;
    }

    static fromResponse(
        request: { method: string; path: string },
        status: number,
        body: unknown,
        requestId: string | undefined,
        headers: Record<string, string | string[] | undefined> = {},
        attempts = 1,
    ): OktaApiError {
        const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
        const causes = Array.isArray(fields.errorCauses) ? (fields.errorCauses as OktaErrorCause[]) : [];
        // Scope and DPoP refusals come with an empty body and the reason in a WWW-Authenticate challenge
        // (docs/okta/errors.md#insufficient-scope);
        // the OAuth endpoints answer `{error, error_description}`.
        const challenge = parseAuthChallenge(headers["www-authenticate"])?.params ?? {};
        const errorCode = stringField(fields, "errorCode") ?? stringField(fields, "error") ?? challenge.error;
        const errorSummary = stringField(fields, "errorSummary") ?? stringField(fields, "error_description") ?? challenge.error_description;
        return new OktaApiError({
            status,
            method: request.method,
            path: request.path,
            errorCode,
            errorSummary,
            errorCauses: causes,
            errorId: typeof fields.errorId === "string" ? fields.errorId : undefined,
            requestId,
            attempts,
            requiredScope: challenge.error === "insufficient_scope" ? challenge.scope : undefined,
        });
    }
}

function stringField(fields: Record<string, unknown>, name: string): string | undefined {
    return typeof fields[name] === "string" ? (fields[name] as string) : undefined;
}

function describe(d: OktaApiErrorDetails): string {
    const code = d.errorCode ? ` ${d.errorCode}` : "";
    const summary = d.errorSummary ? `: ${d.errorSummary}` : "";
    const causes = (d.errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
    const causeText = causes.length > 0 ? ` (causes: ${causes.join("; ")})` : "";
    const scopeText = d.requiredScope
        ? ` (required scope: ${d.requiredScope}; grant it to the OAuth app and add it to the connection's scopes)`
        : "";
    const ids = [d.requestId && `request id ${d.requestId}`, d.errorId && `error id ${d.errorId}`].filter(Boolean);
    const idText = ids.length > 0 ? ` [${ids.join(", ")}]` : "";
    const hint = hintFor(d);
    const hintText = hint ? `; hint: ${hint}` : "";
    return `Okta API ${d.method} ${d.path} failed with HTTP ${d.status}${code}${summary}${causeText}${scopeText}${idText}${hintText}`;
}

/** A request that got no HTTP answer at all (connection refused, reset, timeout). */
export class OktaTransportError extends OktaIacError {
    override readonly name = "OktaTransportError";
    readonly code = "TRANSPORT";
    constructor(
        readonly method: string,
        readonly path: string,
        override readonly cause: Error,
        /** True when the attempt ran out of its time (`timeoutMs`) rather than failing on the network. */
        readonly timedOut = false,
        readonly attempts = 1,
    ) {
        super(`Okta API ${method} ${path} failed: ${cause.message}`);
    }
}

/** The request's overall deadline passed (or would pass) before it could complete. */
export class OktaDeadlineError extends OktaIacError {
    override readonly name = "OktaDeadlineError";
    readonly code = "DEADLINE";
    constructor(
        message: string,
        /** The failure of the last attempt, when there was one. */
        readonly lastError?: Error,
        /** True when the time ran out waiting for a used-up rate-limit bucket to reset. */
        readonly rateLimited = false,
    ) {
        super(lastError ? `${message}; last failure: ${lastError.message}` : message);
    }
}
