/**
 * `pulumi-okta-iac/triggers`: the product's polling triggers (new users, updated users, new System Log events). Each
 * has a `poll...` function returning `{ items, cursor, more }` and a `watch...` async iterator that polls until
 * stopped, paced by the rate limit. Needs no Pulumi.
 *
 * ```ts
 * import { connect, watchNewUsers } from "pulumi-okta-iac/triggers";
 * for await (const user of watchNewUsers(connect(), { onCursor: (c) => save(c), cursor: load() })) {
 *     console.log("new user", user.profile.login);
 * }
 * ```
 */
export * from "../core/triggers";
export { connect } from "../core/connection/connect";
export type { OktaLogEvent, OktaUser } from "../core/okta/types";
