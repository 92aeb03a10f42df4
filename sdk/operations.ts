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
export * from "../provider/operations";
export * from "../provider/queries";
export { connect } from "../provider/connect";
export type { ConnectionArgs } from "../provider/config";
export { ArgumentError } from "../provider/arguments";
export { OktaApiError, OktaTransportError, type OktaClient } from "../provider/client";
export type * from "../provider/okta-types";
