import * as q from "../../core/okta/reads";
import { listCommand, type Command } from "../command";

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
    listCommand<q.ListApplicationsArgs>({
        words: ["apps", "list"],
        summary: "list applications",
        queryOptions: {
            q: { type: "string", value: "<prefix>", description: "name or label prefix" },
            filter: { type: "string", value: "<expr>", description: "Okta filter expression, e.g. 'status eq \"ACTIVE\"'" },
            expand: { type: "string", value: "<what>", description: "Okta's expand parameter" },
            "include-non-deleted": { type: "boolean", description: "include deleted applications too" },
            "use-optimization": { type: "boolean", description: "let Okta omit some properties for speed" },
        },
        view: "application",
        noun: "apps",
        list: q.listApplications,
    }),
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
