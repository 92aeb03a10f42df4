/** The product's polling triggers: new users, updated users and new System Log events. */
import type { OktaClient } from "../client";
import type { OktaLogEvent, OktaUser } from "../okta/types";
import { pollSystemLogs, type SystemLogPollArgs } from "./system-log";
import { pollNewUsers, pollUpdatedUsers, type UserPollArgs } from "./users";
import { watch, type WatchOptions } from "./watch";

export { pollNewUsers, pollUpdatedUsers, type UserPollArgs } from "./users";
export { pollSystemLogs, type SystemLogPollArgs } from "./system-log";
export { watch, type WatchOptions } from "./watch";
export { nextPollDelay, rateLimitOf, type RateLimitState, type PacingOptions } from "./pacing";
export type { PollResult } from "./types";

type Without<T, K extends keyof T> = Omit<T, K>;

export function watchNewUsers(client: OktaClient, options: WatchOptions & Without<UserPollArgs, "cursor"> = {}): AsyncGenerator<OktaUser> {
    return watch((cursor) => pollNewUsers(client, { ...options, cursor }), options);
}

export function watchUpdatedUsers(client: OktaClient, options: WatchOptions & Without<UserPollArgs, "cursor"> = {}): AsyncGenerator<OktaUser> {
    return watch((cursor) => pollUpdatedUsers(client, { ...options, cursor }), options);
}

export function watchSystemLogs(client: OktaClient, options: WatchOptions & Without<SystemLogPollArgs, "cursor"> = {}): AsyncGenerator<OktaLogEvent> {
    return watch((cursor) => pollSystemLogs(client, { ...options, cursor }), options);
}
