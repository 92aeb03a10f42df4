import { randomBytes } from "node:crypto";

/** Okta's request ids are 20 URL-safe characters. Drawn from a pooled buffer: one crypto call per 512 requests. */
let idPool = Buffer.alloc(0);
let idOffset = 0;

export function newRequestId(): string {
    if (idOffset + 15 > idPool.length) {
        idPool = randomBytes(15 * 512);
        idOffset = 0;
    }
    const id = idPool.toString("base64url", idOffset, idOffset + 15);
    idOffset += 15;
    return id;
}
