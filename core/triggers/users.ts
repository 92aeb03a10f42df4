import { createHash } from "node:crypto";
import { ArgumentError } from "../okta/arguments";
import type { OktaClient, OktaResponse } from "../client";
import type { OktaUser } from "../okta/types";
import { probeUsers, searchUserPages } from "../okta/users";
import { decodeCursor, encodeCursor } from "./cursor";
import { rateLimitOf, serverTimeOf } from "./pacing";
import type { PollResult } from "./types";

/**
 * The "New Users" and "Updated Users" triggers: users whose `created` (or `lastUpdated`) is at or after a watermark,
 * found with Okta's user search sorted by that field.
 *
 * Exactly once, including users written while a poll runs: Okta's timestamps have whole seconds and search is
 * eventually consistent, so each poll searches from a watermark that trails the poll's start (by Okta's clock, from
 * `Date`) by `lookbackSeconds`, and the cursor remembers the keys already delivered at or after the watermark. A user
 * written during a poll has a timestamp after the poll started, so the next poll finds it again unless it was already
 * delivered.
 */

export interface UserPollArgs {
    /**
     * From an earlier poll. Without one (and without `since`), the first poll delivers nothing: every user it can see
     * counts as existing, and later ones as new.
     */
    cursor?: string;
    /** Without a cursor: deliver users from this ISO-8601 time on, instead of from now. */
    since?: string;
    /** Search page size (Okta's maximum is 200). */
    limit?: number;
    /** Most users one poll delivers (default 1,000); the rest come with the next poll (`more` is true). */
    maxItems?: number;
    /** How far behind the poll's start each search begins, for Okta's search lag (seconds, default 30). */
    lookbackSeconds?: number;
}

interface UserCursorState {
    trigger: string;
    /** ISO-8601 watermark: the next search is `<field> ge "<since>"`. */
    since: string;
    /** Keys delivered with a timestamp at or after `since`. */
    seen: string[];
}

interface UserTrigger {
    name: "newUsers" | "updatedUsers";
    field: "created" | "lastUpdated";
    /** Identifies one delivery: a user for new users; a user's version for updates. Starts with `<id>@<timestamp>`. */
    keyOf(user: OktaUser): string;
}

const NEW_USERS: UserTrigger = {
    name: "newUsers",
    field: "created",
    keyOf: (user) => `${user.id}@${user.created}`,
};

/** Two updates within one second share `lastUpdated`; the content digest tells them apart. */
const UPDATED_USERS: UserTrigger = {
    name: "updatedUsers",
    field: "lastUpdated",
    keyOf: (user) => `${user.id}@${user.lastUpdated}#${versionDigest(user)}`,
};

const DEFAULT_MAX_ITEMS = 1000;
const DEFAULT_LOOKBACK_SECONDS = 30;

export function pollNewUsers(client: OktaClient, args: UserPollArgs = {}): Promise<PollResult<OktaUser>> {
    return pollUsers(client, NEW_USERS, args);
}

/** Every version of a user seen by a poll counts as an update, including its creation. */
export function pollUpdatedUsers(client: OktaClient, args: UserPollArgs = {}): Promise<PollResult<OktaUser>> {
    return pollUsers(client, UPDATED_USERS, args);
}

async function pollUsers(client: OktaClient, trigger: UserTrigger, args: UserPollArgs): Promise<PollResult<OktaUser>> {
    const lookbackMs = (args.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS) * 1000;
    let state: UserCursorState;
    let baseline = false;
    if (args.cursor !== undefined) {
        state = decodeCursor<UserCursorState>(args.cursor, trigger.name);
    } else if (args.since !== undefined) {
        state = { trigger: trigger.name, since: isoTimestamp("since", args.since), seen: [] };
    } else {
        // Start now: whatever the search finds at this moment already exists and is remembered as delivered.
        const now = wholeSecond(serverTimeOf(await probeUsers(client)) ?? Date.now());
        state = { trigger: trigger.name, since: new Date(now - lookbackMs).toISOString(), seen: [] };
        baseline = true;
    }

    const maxItems = baseline ? Infinity : (args.maxItems ?? DEFAULT_MAX_ITEMS);
    const seen = new Set(state.seen);
    const items: OktaUser[] = [];
    let first: OktaResponse<unknown> | undefined;
    let last: OktaResponse<unknown> | undefined;
    let more = false;
    const query = { search: `${trigger.field} ge "${state.since}"`, sortBy: trigger.field, sortOrder: "asc" };
    pages: for await (const page of searchUserPages(client, query, args.limit)) {
        first ??= page.response;
        last = page.response;
        for (const user of page.items) {
            if (items.length >= maxItems) {
                more = true;
                break pages;
            }
            const key = trigger.keyOf(user);
            if (!seen.has(key)) {
                seen.add(key);
                items.push(user);
            }
        }
    }

    const pollStart = wholeSecond(serverTimeOf(first!) ?? Date.now());
    let watermark = pollStart - lookbackMs;
    if (more) {
        // Sorted ascending: everything not yet delivered is at or after the last delivered timestamp.
        watermark = Math.min(watermark, Date.parse(String(items[items.length - 1][trigger.field])));
    }
    const since = new Date(Math.max(Date.parse(state.since), watermark)).toISOString();
    const kept = [...seen].filter((key) => timestampOfKey(key) >= Date.parse(since));
    return {
        items: baseline ? [] : items,
        cursor: encodeCursor<UserCursorState>({ trigger: trigger.name, since, seen: kept }),
        more,
        rateLimit: rateLimitOf(last!),
    };
}

function versionDigest(user: OktaUser): string {
    const { _links: _ignored, ...content } = user;
    return createHash("sha256").update(JSON.stringify(content)).digest("base64url").slice(0, 16);
}

function timestampOfKey(key: string): number {
    const at = key.indexOf("@");
    const hash = key.indexOf("#", at);
    return Date.parse(key.slice(at + 1, hash === -1 ? undefined : hash));
}

function wholeSecond(ms: number): number {
    return Math.floor(ms / 1000) * 1000;
}

export function isoTimestamp(name: string, value: string): string {
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
        throw new ArgumentError(`${name} must be an ISO-8601 time (got '${value}')`);
    }
    return new Date(time).toISOString();
}
