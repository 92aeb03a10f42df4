import * as q from "../../core/okta/reads";
import { listOptions, LIST_OPTIONS, searchOptions, SEARCH_OPTIONS, type Command } from "../command";

export const groupCommands: Command[] = [
    {
        words: ["groups", "get"],
        summary: "show a group",
        positionals: ["groupId"],
        async run(ctx, { groupId }) {
            return { type: "object", view: "group", value: await q.getGroup(await ctx.client(), { groupId }) };
        },
    },
    {
        words: ["groups", "list"],
        summary: "list groups by search, filter or q",
        options: { ...SEARCH_OPTIONS, ...LIST_OPTIONS },
        async run(ctx, _positionals, options) {
            const result = await q.listGroups(await ctx.client(), searchOptions(options), ctx.progress("groups"));
            return { type: "list", view: "group", noun: "groups", result, paged: true };
        },
    },
    {
        words: ["groups", "members"],
        summary: "list a group's members",
        positionals: ["groupId"],
        options: LIST_OPTIONS,
        async run(ctx, { groupId }, options) {
            const result = await q.listGroupMembers(await ctx.client(), { groupId, ...listOptions(options) }, ctx.progress("members"));
            return { type: "list", view: "user", noun: "members", result, paged: true };
        },
    },
];
