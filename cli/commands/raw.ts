import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { MANAGEMENT_API } from "../../core/okta/paths";
import { rawRequest, type RawRequestInput } from "../../core/okta/raw";
import type { Command } from "../command";
import { UsageError } from "../exit-codes";

/** The product's "Raw Request", every input of it as an option. */
export const rawCommand: Command = {
    words: ["raw"],
    summary: `send any Management API request (path relative to ${MANAGEMENT_API}) through the same client`,
    positionals: ["method", "path"],
    options: {
        data: { type: "string", value: "<json|@file>", description: "JSON body, inline or from a file" },
        query: { type: "keyValue", value: "<key=value>", description: "a query parameter (repeatable)" },
        header: { type: "keyValue", value: "<name=value>", description: "a request header (repeatable)" },
        form: { type: "keyValue", value: "<field=value>", description: "a text field of a multipart upload (repeatable)" },
        file: { type: "keyValue", value: "<field=path>", description: "a file of a multipart upload (repeatable)" },
        "file-name": { type: "keyValue", value: "<field=name>", description: "the file name sent for a --file field (default: the file's own)" },
        "response-type": { type: "string", value: "json|text|binary", description: "how to read the response (default json; binary is written as is)" },
        timeout: { type: "integer", value: "<seconds>", description: "time one attempt may take" },
        "max-retry-count": { type: "integer", allowZero: true, value: "<n>", description: "retries after the first attempt (default 0)" },
        "retry-delay": { type: "integer", allowZero: true, value: "<ms>", description: "delay between retries without --exponential-backoff (default 0)" },
        "retry-on-all-errors": { type: "boolean", description: "retry every error response, not only 5xx and network errors" },
        "exponential-backoff": { type: "boolean", description: "back off exponentially between retries" },
    },
    async run(ctx, { method, path }, options) {
        const files = options.file as Record<string, string> | undefined;
        const input: RawRequestInput = {
            method: method as RawRequestInput["method"],
            url: path,
            data: await jsonData(options.data as string | undefined),
            queryParams: options.query as Record<string, string> | undefined,
            headers: options.header as Record<string, string> | undefined,
            formData: options.form as Record<string, string> | undefined,
            fileData: files && Object.fromEntries(await Promise.all(Object.entries(files).map(async ([field, file]) => [field, await readFile(file)] as const))),
            fileDataFileNames: files && { ...Object.fromEntries(Object.entries(files).map(([field, file]) => [field, basename(file)])), ...(options["file-name"] as Record<string, string> | undefined) },
            responseType: options["response-type"] as RawRequestInput["responseType"],
            timeoutMs: options.timeout === undefined ? undefined : (options.timeout as number) * 1000,
            maxRetryCount: options["max-retry-count"] as number | undefined,
            retryDelayMs: options["retry-delay"] as number | undefined,
            retryOnAllErrors: Boolean(options["retry-on-all-errors"]),
            useExponentialBackoff: Boolean(options["exponential-backoff"]),
        };
        const response = await rawRequest(await ctx.client(), input);
        const binary = Buffer.isBuffer(response.body);
        if (binary && !ctx.json) {
            // Bytes go to stdout untouched (for redirecting into a file); the status to stderr.
            ctx.io.stdout.write(response.body as Buffer);
            ctx.io.stderr.write(`HTTP ${response.status}\n`);
            return { type: "streamed" };
        }
        const body = binary ? (response.body as Buffer).toString("base64") : response.body;
        const text = body === undefined || body === "" ? "" : typeof body === "string" ? body : JSON.stringify(body, null, 2);
        return { type: "done", message: `HTTP ${response.status}${text ? `\n${text}` : ""}`, value: { status: response.status, requestId: response.requestId, body } };
    },
};

async function jsonData(data: string | undefined): Promise<unknown> {
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
