/** One `WWW-Authenticate` challenge: its scheme and parameters, e.g. `error`, `error_description`, `scope`. */
export interface AuthChallengeHeader {
    scheme: string;
    params: Record<string, string>;
}

/**
 * Parses Okta's challenge (docs/okta/errors.md#refusals-carried-in-a-www-authenticate-challenge), e.g.
 * `DPoP algs="RS256 ES256", realm="…", scope="okta.groups.manage", error="insufficient_scope", error_description="…",
 * resource="<the endpoint's path>"`. Undefined when there is none.
 */
export function parseAuthChallenge(header: string | string[] | undefined): AuthChallengeHeader | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    const match = value ? /^\s*([\w-]+)\s*(.*)$/s.exec(value) : null;
    if (!match) {
        return undefined;
    }
    const params: Record<string, string> = {};
    for (const param of match[2].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
        params[param[1]] = param[2] !== undefined ? param[2].replace(/\\(.)/g, "$1") : param[3];
    }
    return { scheme: match[1], params };
}
