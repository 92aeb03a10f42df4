import type { OktaClient } from "../client";

/**
 * What one resource type knows: how to create, read, update and delete its Okta object, and which inputs differ.
 * Everything generic (validation, replacement, "gone" on 404, configuration) is done once, in `dynamic.ts`.
 */
export interface ResourceHandler<I, O extends I> {
    /** The resource's token in schema.json, e.g. `okta:index:Group`. */
    token: string;
    /** Names of inputs whose desired value differs from the current state. */
    changedInputs(olds: Partial<O>, news: I): string[];
    create(client: OktaClient, inputs: I): Promise<{ id: string; outs: O }>;
    /** Throws OktaApiError with status 404 when the object is gone. */
    read(client: OktaClient, id: string, olds: Partial<O>): Promise<{ id: string; outs: O; inputs: I }>;
    update(client: OktaClient, id: string, olds: Partial<O>, news: I): Promise<O>;
    delete(client: OktaClient, id: string, olds: Partial<O>): Promise<void>;
}
