import * as q from "../../provider/queries";
import { listArgsFrom, LIST_OPTIONS, type Command } from "../command";

export const appCommands: Command[] = [
    {
        words: ["apps", "get"],
        summary: "show an application",
        positionals: ["appId"],
        options: { expand: { type: "string", value: "<what>", description: "Okta's expand parameter" } },
        async run(ctx, { appId }, options) {
            const value = await q.getApplication(await ctx.client(), { appId, expand: options.expand as string | undefined });
            return { type: "object", view: "application", value };
        },
    },
    {
        words: ["apps", "list"],
        summary: "list applications",
        options: {
            q: { type: "string", value: "<prefix>", description: "name or label prefix" },
            filter: { type: "string", value: "<expr>", description: "Okta filter expression, e.g. 'status eq \"ACTIVE\"'" },
            expand: { type: "string", value: "<what>", description: "Okta's expand parameter" },
            "include-non-deleted": { type: "boolean", description: "include deleted applications too" },
            "use-optimization": { type: "boolean", description: "let Okta omit some properties for speed" },
            ...LIST_OPTIONS,
        },
        async run(ctx, _positionals, options) {
            const names = ["q", "filter", "expand", "include-non-deleted", "use-optimization"];
            const args = listArgsFrom<q.ListApplicationsArgs>(options, names);
            const result = await q.listApplications(await ctx.client(), args, ctx.progress("apps"));
            return { type: "list", view: "application", noun: "apps", result, paged: true };
        },
    },
    {
        words: ["apps", "assignment"],
        summary: "show one user's assignment to an application",
        positionals: ["appId", "userId"],
        options: { expand: { type: "string", value: "<what>", description: "'user' embeds the user" } },
        async run(ctx, { appId, userId }, options) {
            const value = await q.getAppUserAssignment(await ctx.client(), { appId, userId, expand: options.expand as string | undefined });
            return { type: "object", view: "appUser", value };
        },
    },
];
