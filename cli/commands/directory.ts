import * as q from "../../provider/queries";
import { listArgsFrom, LIST_OPTIONS, type Command } from "../command";

export const directoryCommands: Command[] = [
    {
        words: ["logs", "list"],
        summary: "list System Log events (fetch-all is capped at 10,000)",
        options: {
            since: { type: "string", value: "<time>", description: "ISO-8601 lower bound of `published`" },
            until: { type: "string", value: "<time>", description: "ISO-8601 upper bound (absent: a polling query)" },
            filter: { type: "string", value: "<expr>", description: "e.g. 'eventType eq \"user.lifecycle.create\"'" },
            q: { type: "string", value: "<keywords>", description: "keyword search" },
            "sort-order": { type: "string", value: "ASCENDING|DESCENDING", description: "order by `published`" },
            ...LIST_OPTIONS,
        },
        async run(ctx, _positionals, options) {
            const args = listArgsFrom<q.GetSystemLogsArgs>(options, ["since", "until", "filter", "q", "sort-order"]);
            const result = await q.getSystemLogs(await ctx.client(), args, ctx.progress("events"));
            return { type: "list", view: "logEvent", noun: "events", result, paged: true };
        },
    },
    {
        words: ["policies", "list"],
        summary: "list policies of one type",
        options: {
            type: { type: "string", value: "<type>", description: "required by Okta, e.g. OKTA_SIGN_ON, PASSWORD, ACCESS_POLICY" },
            status: { type: "string", value: "ACTIVE|INACTIVE", description: "only policies with this status" },
            q: { type: "string", value: "<prefix>", description: "name prefix" },
            expand: { type: "string", value: "<what>", description: "Okta's expand parameter, e.g. rules" },
            "sort-by": { type: "string", value: "<property>", description: "sort by this property" },
            "resource-id": { type: "string", value: "<id>", description: "the authorization server the policies belong to" },
            ...LIST_OPTIONS,
        },
        async run(ctx, _positionals, options) {
            const names = ["type", "status", "q", "expand", "sort-by", "resource-id"];
            const args = listArgsFrom<q.ListPoliciesArgs>(options, names);
            const result = await q.listPolicies(await ctx.client(), args, ctx.progress("policies"));
            return { type: "list", view: "policy", noun: "policies", result, paged: true };
        },
    },
    {
        words: ["realms", "list"],
        summary: "list realms",
        options: {
            search: { type: "string", value: "<expr>", description: "Okta search expression, e.g. 'profile.name eq \"EU\"'" },
            "sort-by": { type: "string", value: "<property>", description: "sort by this property" },
            "sort-order": { type: "string", value: "asc|desc", description: "sort order" },
            ...LIST_OPTIONS,
        },
        async run(ctx, _positionals, options) {
            const args = listArgsFrom<q.ListRealmsArgs>(options, ["search", "sort-by", "sort-order"]);
            const result = await q.listRealms(await ctx.client(), args, ctx.progress("realms"));
            return { type: "list", view: "realm", noun: "realms", result, paged: true };
        },
    },
    {
        words: ["user-types", "list"],
        summary: "list user types",
        async run(ctx) {
            return { type: "list", view: "userType", noun: "user types", result: await q.listUserTypes(await ctx.client()), paged: false };
        },
    },
];
