/**
 * `pulumi-okta-iac/operations`: the product's imperative actions as a typed API, for scripts and services. Needs no
 * Pulumi: build a client with `connect()` (explicit settings, else `OKTA_ORG_URL` / `OKTA_API_TOKEN`).
 *
 * ```ts
 * import { connect, resetPassword } from "pulumi-okta-iac/operations";
 * const client = connect();
 * const { resetPasswordUrl } = await resetPassword(client, { id: "ada@example.com", sendEmail: false });
 * ```
 */
export * from "../core/okta/operations";
export * from "../core/okta/reads";
export { connect } from "../core/connection/connect";
export type { ConnectionArgs } from "../core/connection/settings";
export { ArgumentError } from "../core/okta/arguments";
export { OktaApiError, OktaTransportError, type OktaClient } from "../core/client";
export type * from "../core/okta/types";
