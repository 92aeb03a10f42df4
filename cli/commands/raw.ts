import { readFile } from "node:fs/promises";
import { rawRequest, type RawRequestArgs } from "../../provider/operations/raw";
import type { Command } from "../command";
import { UsageError } from "../exit-codes";

export const rawCommand: Command = {
    words: ["raw"],
    summary: "send any Management API request (path relative to /api/v1) through the same client",
    positionals: ["method", "path"],
    options: {
        data: { type: "string", value: "<json|@file>", description: "JSON body, inline or from a file" },
        query: { type: "keyValue", value: "<key=value>", description: "a query parameter (repeatable)" },
        header: { type: "keyValue", value: "<name=value>", description: "a request header (repeatable)" },
    },
    async run(ctx, { method, path }, options) {
        const response = await rawRequest(await ctx.client(), {
            method: method.toUpperCase() as RawRequestArgs["method"],
            url: path,
            data: await body(options.data as string | undefined),
            queryParameters: options.query as Record<string, string> | undefined,
            headers: options.header as Record<string, string> | undefined,
        });
        const value = { status: response.status, requestId: response.requestId, body: response.body };
        const text = response.body === undefined ? "" : typeof response.body === "string" ? response.body : JSON.stringify(response.body, null, 2);
        return { type: "done", message: `HTTP ${response.status}${text ? `\n${text}` : ""}`, value };
    },
};

async function body(data: string | undefined): Promise<unknown> {
    if (data === undefined) {
        return undefined;
    }
    const text = data.startsWith("@") ? await readFile(data.slice(1), "utf8") : data;
    try {
        return JSON.parse(text);
    } catch {
        throw new UsageError("--data must be JSON (or @file holding JSON)");
    }
}
