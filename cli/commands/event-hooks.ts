import * as ops from "../../core/okta/operations";
import * as q from "../../core/okta/reads";
import type { Command } from "../command";

function hookLifecycle(word: string, summary: string, operation: typeof ops.verifyEventHook): Command {
    return {
        words: ["event-hooks", word],
        summary,
        positionals: ["eventHookId"],
        async run(ctx, { eventHookId }) {
            return { type: "object", view: "eventHook", value: await operation(await ctx.client(), { eventHookId }) };
        },
    };
}

export const eventHookCommands: Command[] = [
    {
        words: ["event-hooks", "get"],
        summary: "show an event hook",
        positionals: ["eventHookId"],
        async run(ctx, { eventHookId }) {
            return { type: "object", view: "eventHook", value: await q.getEventHook(await ctx.client(), { eventHookId }) };
        },
    },
    {
        words: ["event-hooks", "list"],
        summary: "list every event hook",
        async run(ctx) {
            return { type: "list", view: "eventHook", noun: "event hooks", result: await q.listEventHooks(await ctx.client()), paged: false };
        },
    },
    hookLifecycle("activate", "activate an event hook", ops.activateEventHook),
    hookLifecycle("deactivate", "deactivate an event hook", ops.deactivateEventHook),
    hookLifecycle("verify", "have Okta verify the hook's endpoint (it must answer the challenge)", ops.verifyEventHook),
    {
        words: ["event-hooks", "delete-all"],
        summary: "delete every event hook, or only those with --url (active ones are deactivated first)",
        options: { url: { type: "string", value: "<url>", description: "only hooks whose endpoint is exactly this URL" } },
        async run(ctx, _positionals, options) {
            const result = await ops.deleteAllEventHooks(await ctx.client(), { url: options.url as string | undefined });
            const names = result.deleted.map((h) => `\n  ${h.id}  ${h.name}`).join("");
            return { type: "done", message: `deleted ${result.deleted.length} event hook(s)${names}`, value: result };
        },
    },
];
