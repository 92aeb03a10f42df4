import * as q from "../../core/okta/reads";
import { listCommand, type Command } from "../command";

export const directoryCommands: Command[] = [
    listCommand<q.GetSystemLogsArgs>({
        words: ["logs", "list"],
        summary: "list System Log events (fetch-all is capped at 10,000)",
        queryOptions: {
            since: { type: "string", value: "<time>", description: "ISO-8601 lower bound of `published`" },
            until: { type: "string", value: "<time>", description: "ISO-8601 upper bound (absent: a polling query)" },
            filter: { type: "string", value: "<expr>", description: "e.g. 'eventType eq \"user.lifecycle.create\"'" },
            q: { type: "string", value: "<keywords>", description: "keyword search" },
            "sort-order": { type: "string", value: "ASCENDING|DESCENDING", description: "order by `published`" },
        },
        view: "logEvent",
        noun: "events",
        list: q.getSystemLogs,
    }),
    listCommand<q.ListPoliciesArgs>({
        words: ["policies", "list"],
        summary: "list policies of one type",
        queryOptions: {
            type: { type: "string", value: "<type>", description: "required by Okta, e.g. OKTA_SIGN_ON, PASSWORD, ACCESS_POLICY" },
            status: { type: "string", value: "ACTIVE|INACTIVE", description: "only policies with this status" },
            q: { type: "string", value: "<prefix>", description: "name prefix" },
            expand: { type: "string", value: "<what>", description: "Okta's expand parameter, e.g. rules" },
            "sort-by": { type: "string", value: "<property>", description: "sort by this property" },
            "resource-id": { type: "string", value: "<id>", description: "the authorization server the policies belong to" },
        },
        view: "policy",
        noun: "policies",
        list: q.listPolicies,
    }),
    listCommand<q.ListRealmsArgs>({
        words: ["realms", "list"],
        summary: "list realms",
        queryOptions: {
            search: { type: "string", value: "<expr>", description: "Okta search expression, e.g. 'profile.name eq \"EU\"'" },
            "sort-by": { type: "string", value: "<property>", description: "sort by this property" },
            "sort-order": { type: "string", value: "asc|desc", description: "sort order" },
        },
        view: "realm",
        noun: "realms",
        list: q.listRealms,
    }),
    {
        words: ["user-types", "list"],
        summary: "list user types",
        async run(ctx) {
            return { type: "list", view: "userType", noun: "user types", result: await q.listUserTypes(await ctx.client()), paged: false };
        },
    },
];
