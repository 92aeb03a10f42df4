import { randomBytes } from "node:crypto";
import type { RouteResult } from "./http";

/** One item of Okta's `errorCauses` array. */
export interface ErrorCause {
    errorSummary: string;
    reason?: string;
    locationType?: string;
    location?: string;
    domain?: string;
}

/** The body Okta sends with every 4xx/5xx from the Management API. */
export interface OktaErrorBody {
    errorCode: string;
    errorSummary: string;
    errorLink: string;
    errorId: string;
    errorCauses: ErrorCause[];
}

/** An error the emulator answers with, in Okta's wire format. Thrown by route handlers. */
export class OktaHttpError extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        readonly errorSummary: string,
        readonly errorCauses: ErrorCause[] = [],
        readonly headers: Record<string, string> = {},
    ) {
        super(`${status} ${errorCode}: ${errorSummary}`);
    }

    body(): OktaErrorBody {
        return {
            errorCode: this.errorCode,
            errorSummary: this.errorSummary,
            errorLink: this.errorCode,
            errorId: newErrorId(),
            errorCauses: this.errorCauses,
        };
    }

    /** The response this error is sent as. */
    toResult(): RouteResult {
        return { status: this.status, body: this.body(), headers: this.headers };
    }
}

/**
 * A refusal Okta sends as a `WWW-Authenticate` challenge with no body: a token lacking a scope, a bad DPoP proof
 * (docs/okta/errors.md#insufficient-scope, docs/okta/oauth.md#dpop-api-calls). `errorCode` holds the OAuth error (e.g.
 * `insufficient_scope`) for logs.
 */
export class ChallengeError extends OktaHttpError {
    override toResult(): RouteResult {
        return { status: this.status, headers: this.headers };
    }
}

/** Okta's errorId: "oae" followed by 22 URL-safe characters. */
function newErrorId(): string {
    return "oae" + randomBytes(17).toString("base64url").slice(0, 22);
}

// The catalogue below keeps Okta's codes and summaries in one place (docs/okta/errors.md#error-codes).

export const invalidToken = () => new OktaHttpError(401, "E0000011", "Invalid token provided");

export const invalidSession = () => new OktaHttpError(403, "E0000005", "Invalid session");

export const forbidden = () =>
    new OktaHttpError(403, "E0000006", "You do not have permission to perform the requested action");

export const notFound = (id: string, type: string) =>
    new OktaHttpError(404, "E0000007", `Not found: Resource not found: ${id} (${type})`);

export const pathNotFound = () => new OktaHttpError(404, "E0000008", "The requested path was not found");

export const methodNotAllowed = (method: string) =>
    new OktaHttpError(405, "E0000022", `The endpoint does not support the provided HTTP method`, [
        { errorSummary: `HTTP method ${method} is not supported for this endpoint` },
    ]);

export const malformedBody = (detail?: string) =>
    new OktaHttpError(
        400,
        "E0000003",
        "The request body was not well-formed.",
        detail ? [{ errorSummary: detail }] : [],
    );

export const validationFailed = (what: string, causes: string[]) =>
    new OktaHttpError(
        400,
        "E0000001",
        `Api validation failed: ${what}`,
        causes.map((errorSummary) => ({ errorSummary })),
    );

export const invalidPaging = (detail: string) =>
    new OktaHttpError(400, "E0000029", "Invalid paging request.", [{ errorSummary: detail }]);

export const invalidSearch = (detail: string) =>
    new OktaHttpError(400, "E0000031", "Invalid search criteria.", [{ errorSummary: detail }]);

/**
 * Okta's generic refusal; also sent with 431 and 408 for requests the HTTP parser refuses
 * (docs/emulator.md#requests-the-http-parser-refuses).
 */
export const invalidRequest = (detail: string, status = 400) =>
    new OktaHttpError(status, "E0000002", `The request was not valid: ${detail}`);

export const missingParameter = () => new OktaHttpError(400, "E0000028", "The request is missing a required parameter.");

export const searchWithFilter = () =>
    new OktaHttpError(400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.");

export const invalidParameterCombination = (detail: string) =>
    new OktaHttpError(400, "E0000063", "Invalid combination of parameters specified.", [{ errorSummary: detail }]);

export const credentialsNotAllowed = () =>
    new OktaHttpError(400, "E0000041", "Credentials should not be set on this resource based on the scheme.", [
        { errorSummary: "User level credentials should not be provided for this scheme." },
    ]);

export const alreadyAssigned = () =>
    new OktaHttpError(400, "E0000062", "The specified user is already assigned to the application.");

/** Okta's answer to membership changes on the BUILT_IN Everyone group (okta/terraform-provider-okta#903). */
export const unsupportedOperation = () => new OktaHttpError(404, "E0000060", "Unsupported operation.");

export const tooManyTargets = () =>
    new OktaHttpError(400, "E0000093", "Target count limit exceeded", [{ errorSummary: "The number of group targets is too large" }]);

// Users: lifecycle and credential refusals (docs/okta/users.md#lifecycle-operations; summaries from Okta's error
// catalogue).

export const userAlreadyActive = () => new OktaHttpError(403, "E0000016", "Activation failed because the user is already active");

export const userStatusForbids = () =>
    new OktaHttpError(403, "E0000038", "This operation is not allowed in the user's current status.");

export const unlockNotAllowed = () =>
    new OktaHttpError(403, "E0000032", "Unlock is not allowed for this user.", [{ errorSummary: "The user is not locked out." }]);

export const passwordResetFailed = () =>
    new OktaHttpError(403, "E0000017", "Password reset failed", [
        { errorSummary: "Password reset is not allowed in the user's current status." },
    ]);

export const credentialsUpdateFailed = (cause: string) =>
    new OktaHttpError(403, "E0000014", "Update of credentials failed", [{ errorSummary: cause }]);

export const forgotPasswordNotAllowed = () => new OktaHttpError(403, "E0000034", "Forgot password not allowed on specified user.");

export const changePasswordNotAllowed = () => new OktaHttpError(403, "E0000035", "Change password not allowed on specified user.");

export const changeRecoveryQuestionNotAllowed = () =>
    new OktaHttpError(403, "E0000036", "Change recovery question not allowed on specified user.");

export const expireOnCreateNeedsPassword = () => {
    const summary = "Could not create user. To create a user and expire their password immediately, a password must be specified.";
    return new OktaHttpError(400, "E0000124", summary, [{ errorSummary: summary }]);
};

export const expireOnCreateNeedsActivation = () => {
    const summary = "Could not create user. To create a user and expire their password immediately, `activate` must be true.";
    return new OktaHttpError(400, "E0000125", summary, [{ errorSummary: summary }]);
};

export const userTypeUndeletable = () => new OktaHttpError(403, "E0000142", "This User Type cannot be deleted.");

export const realmUndeletable = (reason: string) => new OktaHttpError(400, "E0000178", `This realm cannot be deleted. ${reason}`);

export const payloadTooLarge = (limit: number) =>
    new OktaHttpError(413, "E0000003", "The request body was not well-formed.", [
        { errorSummary: `Request body exceeds ${limit} bytes` },
    ]);

export const unsupportedMediaType = () =>
    new OktaHttpError(415, "E0000003", "The request body was not well-formed.", [
        { errorSummary: "Content-Type must be application/json" },
    ]);

export const rateLimited = () => new OktaHttpError(429, "E0000047", "API call exceeded rate limit due to too many requests.");

export const internalError = () => new OktaHttpError(500, "E0000009", "Internal Server Error");
