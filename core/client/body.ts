import { FormData, Response } from "undici";

/** A multipart/form-data body: text fields and files (Okta's logo and image uploads take this form). */
export interface MultipartBody {
    fields?: Record<string, string>;
    files?: Record<string, MultipartFile>;
}

export interface MultipartFile {
    data: Buffer | Uint8Array | string;
    /** The file name sent in Content-Disposition; the field name when omitted. */
    filename?: string;
    contentType?: string;
}

export interface EncodedBody {
    payload: string | Buffer;
    contentType?: string;
}

/**
 * The bytes of a request body, encoded once so that every attempt sends the same thing: JSON for objects, a string
 * as is, multipart through undici's standard FormData encoder. POST and PUT without a body send an empty one
 * (`Content-Length: 0`): Okta answers 411 otherwise.
 */
export async function encodeBody(method: string, input: { body?: unknown; multipart?: MultipartBody }): Promise<EncodedBody | undefined> {
    if (input.multipart) {
        if (input.body !== undefined) {
            throw new Error("a request cannot have both a JSON body and multipart form data");
        }
        return encodeMultipart(input.multipart);
    }
    if (input.body !== undefined) {
        if (typeof input.body === "string" || Buffer.isBuffer(input.body)) {
            return { payload: input.body, contentType: "application/json" };
        }
        return { payload: JSON.stringify(input.body), contentType: "application/json" };
    }
    return method === "POST" || method === "PUT" || method === "PATCH" ? { payload: "" } : undefined;
}

async function encodeMultipart(multipart: MultipartBody): Promise<EncodedBody> {
    const form = new FormData();
    for (const [name, value] of Object.entries(multipart.fields ?? {})) {
        form.append(name, String(value));
    }
    for (const [name, file] of Object.entries(multipart.files ?? {})) {
        const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
        const blob = new Blob([data], file.contentType ? { type: file.contentType } : {});
        form.append(name, blob, file.filename ?? name);
    }
    const encoded = new Response(form);
    return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type") ?? undefined };
}
