import type { ResourceValidationPolicy } from "@pulumi/policy";
import { domainOf, USER } from "./resources";

export interface UserDomainConfig {
    /** Domains logins and emails may use; empty allows any domain. */
    allowedDomains: string[];
}

/** Users' logins and emails belong to the organisation's domains (docs/policies.md#okta-user-domains). */
export const userDomains: ResourceValidationPolicy = {
    name: "okta-user-domains",
    description: "User logins and emails are in allowedDomains.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { allowedDomains: { type: "array", items: { type: "string" }, default: [] } },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== USER) return;
        const allowed = args.getConfig<UserDomainConfig>().allowedDomains.map((domain) => domain.toLowerCase());
        if (allowed.length === 0) return;
        for (const field of ["login", "email"]) {
            const domain = domainOf(args.props[field]);
            if (domain !== undefined && !allowed.includes(domain)) {
                reportViolation(`user "${args.name}": ${field} ${args.props[field]} is not in allowedDomains (${allowed.join(", ")})`);
            }
        }
    },
};
