export { ClientCredentialsAuthenticator, type ClientCredentialsOptions } from "./client-credentials";
export { AuthorizationCodeAuthenticator, type AuthorizationCodeOptions } from "./authorization-code";
export type { OAuthConnectionOptions } from "./oauth-authenticator";
export { OktaOAuthError } from "./errors";
export { parseAuthChallenge, type AuthChallengeHeader } from "./challenge";
