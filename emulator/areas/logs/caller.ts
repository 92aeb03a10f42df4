import { createHash } from "node:crypto";
import { userDisplayName, type UserRecord } from "../users/model";
import type { LogActor, LogCaller, LogRequestContext } from "./system-log";
import type { ApiTokenRecord } from "../../platform/principal";

/**
 * The System Log actor of an SSWS request: the user who owns the API token, and `transaction.detail.requestApiTokenId`
 * names the token (docs/okta/system-log.md#api-token-actor). A token without an owner (an org seeded without a super
 * administrator, or whose owner was deleted) stands for a synthetic user whose id is derived from the token id.
 */
export function apiTokenCaller(
    ctx: LogRequestContext,
    tokens: ReadonlyMap<string, ApiTokenRecord>,
    ownerOf: (token: ApiTokenRecord) => UserRecord | undefined,
): LogCaller | undefined {
    const match = /^SSWS\s+(\S+)\s*$/i.exec(String(ctx.headers.authorization ?? ""));
    const token = match ? tokens.get(match[1]) : undefined;
    if (!token) {
        return undefined;
    }
    const owner = ownerOf(token);
    const actor: LogActor = owner
        ? { id: owner.id, type: "User", alternateId: owner.profile.login, displayName: userDisplayName(owner) }
        : { id: tokenOwnerId(token), type: "User", alternateId: token.name, displayName: token.name };
    return { actor, apiTokenId: token.id };
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
