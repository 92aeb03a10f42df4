import { createHash } from "node:crypto";
import type { LogCaller, LogRequestContext } from "./system-log";
import type { ApiTokenRecord } from "./store";

/**
 * The System Log actor of an SSWS request. In Okta the actor is the admin user who owns the API token and
 * `transaction.detail.requestApiTokenId` names the token. Emulator tokens have no owning user, so each token stands
 * for a synthetic admin user whose id is derived from the token id (stable for the life of the org).
 */
export function apiTokenCaller(ctx: LogRequestContext, tokens: ReadonlyMap<string, ApiTokenRecord>): LogCaller | undefined {
    const match = /^SSWS\s+(\S+)\s*$/i.exec(String(ctx.headers.authorization ?? ""));
    const token = match ? tokens.get(match[1]) : undefined;
    if (!token) {
        return undefined;
    }
    return {
        actor: { id: tokenOwnerId(token), type: "User", alternateId: token.name, displayName: token.name },
        apiTokenId: token.id,
    };
}

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A user id (`00u` + 17 base-62 characters) derived from a token id. */
function tokenOwnerId(token: ApiTokenRecord): string {
    const digest = createHash("sha256").update(token.id).digest();
    let id = "00u";
    for (let i = 0; i < 17; i++) {
        id += ID_ALPHABET[digest[i] % ID_ALPHABET.length];
    }
    return id;
}
