import type { ResourceValidationPolicy } from "@pulumi/policy";
import { USER } from "./resources";

export interface RequiredAttributesConfig {
    /** Profile attributes every user must have: inputs of `User` (`department`) or keys of `profileAttributes`. */
    requiredAttributes: string[];
}

/**
 * Every user carries the attributes access reviews and joiner/mover/leaver processes rely on, such as department and
 * manager (docs/policies.md#okta-user-required-attributes).
 */
export const requiredAttributes: ResourceValidationPolicy = {
    name: "okta-user-required-attributes",
    description: "Users have every attribute in requiredAttributes (default department and manager).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: { requiredAttributes: { type: "array", items: { type: "string" }, default: ["department", "manager"] } },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== USER) return;
        const valueOf = (name: string) => args.props[name] ?? args.props.profileAttributes?.[name];
        const missing = args.getConfig<RequiredAttributesConfig>().requiredAttributes.filter((name) => isBlank(valueOf(name)));
        if (missing.length > 0) {
            reportViolation(`user "${args.name}" (${args.props.login}): missing required attribute(s) ${missing.join(", ")}`);
        }
    },
};

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
