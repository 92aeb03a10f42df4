import type { ResourceValidationPolicy } from "@pulumi/policy";
import { OPERATION_TYPES } from "./resources";

export interface OperationTicketConfig {
    /** A regular expression one of the `triggers` values must match, e.g. a change ticket like `OPS-123`. */
    ticketPattern: string;
}

/**
 * Operation resources reset passwords, clear sessions or change a user's status when created or replaced; each must
 * name the change ticket that asked for it in `triggers`, which also makes running it again a reviewed change
 * (docs/policies.md#okta-operation-tickets).
 */
export const operationTickets: ResourceValidationPolicy = {
    name: "okta-operation-tickets",
    description: "Operation resources carry a ticket (ticketPattern) in triggers.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { ticketPattern: { type: "string", default: "^[A-Z][A-Z0-9]+-[0-9]+$" } },
    },
    validateResource: (args, reportViolation) => {
        if (!OPERATION_TYPES.includes(args.type)) return;
        const { ticketPattern } = args.getConfig<OperationTicketConfig>();
        const pattern = new RegExp(ticketPattern);
        const triggers: unknown[] = Array.isArray(args.props.triggers) ? args.props.triggers : [];
        if (!triggers.some((value) => typeof value === "string" && pattern.test(value))) {
            const type = args.type.split(":").pop();
            reportViolation(`${type} "${args.name}": triggers must include a ticket matching /${ticketPattern}/`);
        }
    },
};
