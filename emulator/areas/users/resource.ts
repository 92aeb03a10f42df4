import { createHash } from "node:crypto";
import type { RequestContext } from "../../platform/http";
import { schemaIdOf } from "../user-types/model";
import type { UserRecord, UserStatus } from "./model";

/**
 * The wire form of users: what Okta sends for a user, its credentials and its `_links` (recorded traffic: the
 * operations offered depend on the status; collections carry only `self`).
 */

type Link = { href: string; method?: string };

/** Operations offered per status, by `_links` name (from recorded users of each status, and the state machine). */
const OPERATIONS_BY_STATUS: Record<UserStatus, readonly string[]> = {
    STAGED: ["activate"],
    PROVISIONED: ["suspend", "resetPassword", "reactivate", "deactivate"],
    ACTIVE: ["suspend", "resetPassword", "expirePassword", "deactivate"],
    RECOVERY: ["resetPassword", "reactivate", "deactivate"],
    PASSWORD_EXPIRED: ["resetPassword", "expirePassword", "deactivate"],
    LOCKED_OUT: ["unlock", "resetPassword", "deactivate"],
    SUSPENDED: ["unsuspend", "deactivate"],
    DEPROVISIONED: ["activate", "delete"],
};

const LIFECYCLE_PATHS: Record<string, string> = {
    activate: "lifecycle/activate",
    deactivate: "lifecycle/deactivate",
    reactivate: "lifecycle/reactivate",
    suspend: "lifecycle/suspend",
    unsuspend: "lifecycle/unsuspend",
    unlock: "lifecycle/unlock",
    resetPassword: "lifecycle/reset_password",
    expirePassword: "lifecycle/expire_password",
    resetFactors: "lifecycle/reset_factors",
    forgotPassword: "credentials/forgot_password",
    changePassword: "credentials/change_password",
    changeRecoveryQuestion: "credentials/change_recovery_question",
};

/** Links to operations on the user's own credentials, offered once the user has a password. */
const CREDENTIAL_LINKS = ["changeRecoveryQuestion", "changePassword"];
const CREDENTIAL_STATUSES: readonly UserStatus[] = ["ACTIVE", "PASSWORD_EXPIRED"];

/**
 * `Content-Type: application/json; okta-response="omitCredentials,..."` trims the user
 * (docs/okta/users.md#response-trimming).
 */
interface Trimming {
    omitCredentials: boolean;
    omitCredentialsLinks: boolean;
    omitTransitioningToStatus: boolean;
}

/** The full wire form of one user, as `GET /api/v1/users/{id}` sends it. */
export function userResource(ctx: RequestContext, user: UserRecord): Record<string, unknown> {
    const trimming = trimmingOf(ctx);
    return userBody(user, userLinks(ctx, user, trimming), trimming);
}

/** A user inside a collection (user lists, group members): the same object with only a `self` link. */
export function userSummaryResource(ctx: RequestContext, user: UserRecord): Record<string, unknown> {
    const trimming = trimmingOf(ctx);
    return userBody(user, { self: { href: userHref(ctx, user) } }, trimming);
}

/** `credentials` as Okta sends it: `password: {}` when one is set, the question without its answer, the provider. */
export function credentialsResource(user: UserRecord): Record<string, unknown> {
    const credentials: Record<string, unknown> = {};
    if (user.credentials.password) {
        credentials.password = {};
    }
    if (user.credentials.recoveryQuestion) {
        credentials.recovery_question = { question: user.credentials.recoveryQuestion.question };
    }
    credentials.provider = { ...user.credentials.provider };
    return credentials;
}

/** A weak ETag over the user's wire state. */
export function userETag(body: Record<string, unknown>): string {
    return `W/"${createHash("sha256").update(JSON.stringify(body)).digest("hex")}"`;
}

export function userHref(ctx: RequestContext, user: UserRecord): string {
    return `${ctx.baseUrl}/api/v1/users/${user.id}`;
}

function userBody(user: UserRecord, links: Record<string, Link>, trimming: Trimming): Record<string, unknown> {
    const body: Record<string, unknown> = { id: user.id, status: user.status };
    if (user.transitioningToStatus && !trimming.omitTransitioningToStatus) {
        body.transitioningToStatus = user.transitioningToStatus;
    }
    body.created = user.created;
    body.activated = user.activated;
    body.statusChanged = user.statusChanged;
    body.lastLogin = user.lastLogin;
    body.lastUpdated = user.lastUpdated;
    body.passwordChanged = user.passwordChanged;
    if (user.realmId !== undefined) {
        body.realmId = user.realmId;
    }
    body.type = { id: user.type.id };
    body.profile = { ...user.profile };
    if (!trimming.omitCredentials) {
        body.credentials = credentialsResource(user);
    }
    body._links = links;
    return body;
}

function userLinks(ctx: RequestContext, user: UserRecord, trimming: Trimming): Record<string, Link> {
    const self = userHref(ctx, user);
    const links: Record<string, Link> = {};
    const names = [...OPERATIONS_BY_STATUS[user.status], "resetFactors"];
    if (user.credentials.password && CREDENTIAL_STATUSES.includes(user.status) && !trimming.omitCredentialsLinks) {
        names.push(...CREDENTIAL_LINKS);
        if (user.status === "ACTIVE" && user.credentials.recoveryQuestion) {
            names.push("forgotPassword");
        }
    }
    for (const name of names) {
        links[name] = name === "delete" ? { href: self, method: "DELETE" } : { href: `${self}/${LIFECYCLE_PATHS[name]}`, method: "POST" };
    }
    links.schema = { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/${schemaIdOf(user.type.id)}` };
    links.self = { href: self };
    links.type = { href: `${ctx.baseUrl}/api/v1/meta/types/user/${user.type.id}` };
    return links;
}

const NO_TRIMMING: Trimming = { omitCredentials: false, omitCredentialsLinks: false, omitTransitioningToStatus: false };

function trimmingOf(ctx: RequestContext): Trimming {
    const contentType = ctx.headers["content-type"];
    if (!contentType || !contentType.includes("okta-response")) {
        return NO_TRIMMING;
    }
    const directives = /okta-response="?([^";]*)"?/i.exec(contentType)?.[1].split(",").map((d) => d.trim()) ?? [];
    return {
        omitCredentials: directives.includes("omitCredentials"),
        omitCredentialsLinks: directives.includes("omitCredentialsLinks"),
        omitTransitioningToStatus: directives.includes("omitTransitioningToStatus"),
    };
}
