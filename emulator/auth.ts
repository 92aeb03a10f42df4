import type { IncomingMessage } from "node:http";
import { invalidSession, invalidToken } from "./errors";
import type { ApiTokenRecord, OrgStore } from "./store";

/** Who made a request. */
export interface Principal {
    kind: "apiToken";
    token: ApiTokenRecord;
}

/**
 * Authenticates a Management API request.
 * - `SSWS <token>` with a known token: accepted; with an unknown one: 401 E0000011.
 * - no Authorization header: 401 E0000011.
 * - any other scheme: Okta falls back to session auth and answers 403 E0000005 (notes §3).
 */
export function authenticate(req: IncomingMessage, store: OrgStore): Principal {
    const header = req.headers.authorization;
    if (!header) {
        throw invalidToken();
    }
    const match = /^SSWS\s+(\S+)\s*$/i.exec(header);
    if (!match) {
        throw invalidSession();
    }
    const token = store.apiTokens.get(match[1]);
    if (!token) {
        throw invalidToken();
    }
    return { kind: "apiToken", token };
}
