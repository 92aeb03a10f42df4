import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EVENT_HOOK } from "./resources";

export interface HookUrlConfig {
    /** Hosts an event hook may deliver to; empty allows any host (HTTPS is still required). */
    allowedHosts: string[];
}

/**
 * Event hooks send the org's events (logins, user changes) to their URL: it must be HTTPS and, when a host list is
 * configured, one of the team's hosts (docs/policies.md#okta-hook-urls). Messages name the host, never the whole URL,
 * which may carry credentials.
 */
export const hookUrls: ResourceValidationPolicy = {
    name: "okta-hook-urls",
    description: "Event hook URLs use HTTPS and a host from allowedHosts.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { allowedHosts: { type: "array", items: { type: "string" }, default: [] } },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== EVENT_HOOK || typeof args.props.url !== "string") return;
        const { allowedHosts } = args.getConfig<HookUrlConfig>();
        let url: URL;
        try {
            url = new URL(args.props.url);
        } catch {
            reportViolation(`event hook "${args.name}": url is not a valid URL`);
            return;
        }
        if (url.protocol !== "https:") {
            reportViolation(`event hook "${args.name}": url must use HTTPS, not ${url.protocol.replace(":", "")} (host ${url.hostname})`);
        }
        const allowed = allowedHosts.map((host) => host.toLowerCase());
        if (allowed.length > 0 && !allowed.includes(url.hostname.toLowerCase())) {
            reportViolation(`event hook "${args.name}": host ${url.hostname} is not in allowedHosts (${allowed.join(", ")})`);
        }
    },
};
