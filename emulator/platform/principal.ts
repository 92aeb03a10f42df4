/** An API token the emulator accepts as `Authorization: SSWS <token>`. */
export interface ApiTokenRecord {
    token: string;
    name: string;
    id: string;
    /**
     * The user who owns the token, when the seed names one; otherwise the org's super administrator owns it. Requests
     * made with the token act as its owner (docs/okta/users.md#current-user).
     */
    ownerId?: string;
}

/** Who made a request: an API token (full access), or an OAuth access token with its scopes. */
export type Principal =
    | { kind: "apiToken"; token: ApiTokenRecord }
    | {
          kind: "oauth";
          scheme: "Bearer" | "DPoP";
          clientId: string;
          /** The client id (client credentials) or the user's login (authorization code). */
          subject: string;
          userId?: string;
          scopes: string[];
      };
