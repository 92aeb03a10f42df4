import type { OktaApiErrorDetails } from "./error-details";

/**
 * What to do about the Okta errors a new user meets first, appended to the error's message so the CLI and `pulumi up`
 * both show it (docs/okta/errors.md#hints).
 */
export function hintFor(details: OktaApiErrorDetails): string | undefined {
    if (details.errorCode === "E0000001") {
        const field = takenField(details);
        if (field) {
            return (
                `an object with this ${field} already exists in Okta: to manage it, declare the resource with \`adopt: true\`; ` +
                "if an interrupted `pulumi up` created it, run `okta-iac recover --stack <name>`"
            );
        }
    }
    if (details.errorCode === "E0000006") {
        const scope = scopeFor(details);
        return (
            "the credentials lack the permission: an API token acts with its owner's admin roles (a Super Administrator, " +
            `or an admin role covering this object), and an OAuth service app needs the scope ${scope} granted and requested`
        );
    }
    return undefined;
}

/** The unique field (login, name) Okta says is taken, from a cause such as `login: An object with this field already exists`. */
function takenField(details: OktaApiErrorDetails): string | undefined {
    for (const cause of details.errorCauses ?? []) {
        const match = /^(\w+): An object with this field already exists/i.exec(cause.errorSummary ?? "");
        if (match) {
            return match[1];
        }
    }
    return undefined;
}

/** Okta's OAuth scope for a request: `okta.<area>.read` for reads, `okta.<area>.manage` for writes. */
function scopeFor(details: OktaApiErrorDetails): string {
    if (details.requiredScope) {
        return details.requiredScope;
    }
    const area = /^\/api\/v1\/(\w+)/.exec(details.path)?.[1] ?? "users";
    const kind = area === "logs" || details.method === "GET" ? "read" : "manage";
    return `okta.${area}.${kind}`;
}
