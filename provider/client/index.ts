export { OktaClient, validateOrgUrl, type OktaClientOptions, type OktaRequest, type OktaResponse, type OktaLogger, type QueryValue } from "./client";
export { ApiTokenAuthenticator, type Authenticator, type AuthChallenge } from "./auth";
export * from "./auth/index";
export { OktaApiError, OktaTransportError, type OktaErrorCause } from "./errors";
export { parseLinkHeader } from "./links";
