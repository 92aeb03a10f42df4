/**
 * How requests are authorized. The API token scheme lives here; OAuth schemes add implementations of the same
 * interface, so the transport never needs to know which one is in use.
 */
export interface Authenticator {
    /** The headers that authorize one request (called for every attempt, so proofs can be fresh). */
    headers(request: { method: string; url: URL }): Promise<Record<string, string>> | Record<string, string>;
}

/** `Authorization: SSWS <api token>`. */
export class ApiTokenAuthenticator implements Authenticator {
    constructor(private readonly token: string) {
        if (!token) {
            throw new Error("an API token is required");
        }
    }

    headers(): Record<string, string> {
        return { Authorization: `SSWS ${this.token}` };
    }
}
