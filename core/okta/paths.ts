import { ArgumentError } from "./arguments";

/**
 * Where Okta's endpoints live on an org. The Management API is served under one base path
 * (docs/okta/directory.md#endpoints); this file and the area files beside it are the only places that spell it.
 */
export const MANAGEMENT_API = "/api/v1";

/** The path of a Management API endpoint from its segments after the base path; each segment is percent-encoded. */
export function managementPath(...segments: string[]): string {
    return `${MANAGEMENT_API}/${segments.map(encodeURIComponent).join("/")}`;
}

/** The System Log's endpoint (docs/okta/system-log.md#parameters). */
export const SYSTEM_LOG = `${MANAGEMENT_API}/logs`;

/** Whether a path (or stored next link) reads the System Log, whose reads the client caps (docs/okta/system-log.md#retention). */
export function isSystemLogPath(path: string): boolean {
    return new URL(path, "http://x").pathname.replace(/\/+$/, "") === SYSTEM_LOG;
}

/**
 * The product's "Raw Request" takes a path relative to the Management API's base (`/users`); a path already under it
 * is kept, and anything on another host is refused so the org's credentials never leave it.
 */
export function rawRequestPath(url: string): string {
    if (typeof url !== "string" || url.trim() === "") {
        throw new ArgumentError("raw request: url is required, e.g. /users");
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) {
        throw new ArgumentError(`raw request: url must be a path relative to ${MANAGEMENT_API} (e.g. /users), got '${url}'`);
    }
    const path = url.startsWith("/") ? url : `/${url}`;
    return path === MANAGEMENT_API || path.startsWith(`${MANAGEMENT_API}/`) ? path : `${MANAGEMENT_API}${path}`;
}
