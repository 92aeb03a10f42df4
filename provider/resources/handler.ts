import type { OktaClient } from "../../core/client";
import type { CheckFailure } from "../schema";

/**
 * What one resource type knows: how to create, read, update and delete its Okta object, and which inputs differ.
 * Everything generic (validation, defaults, replacement, "gone" on 404, the connection to use) is done once, in
 * `dynamic.ts`. Handlers never see `connection`: they get the client for it.
 */
export interface ResourceHandler<I, O extends I> {
    /** The resource's token in schema.json, e.g. `okta:index:Group`. */
    token: string;
    /** A replacement must delete the old object first: Okta allows only one at a time (e.g. one app-user pair). */
    deleteBeforeReplace?: boolean;
    /**
     * Names of inputs whose desired value differs from the current state. `olds` has schema defaults filled in for
     * inputs it lacks (state written by an older release), so a new defaulted input never shows as a change.
     */
    changedInputs(olds: Partial<O>, news: I): string[];
    /**
     * Rules between inputs that the JSON schema cannot express. A value unknown during preview is present as the
     * UNKNOWN marker: count it as set, never compare it. `creating` is true when the resource is not in state yet.
     */
    validate?(inputs: Partial<I>, creating: boolean): CheckFailure[];
    create(client: OktaClient, inputs: I): Promise<{ id: string; outs: O }>;
    /** `undefined` (or an OktaApiError with status 404) when the object is gone. */
    read(client: OktaClient, id: string, olds: Partial<O>): Promise<{ id: string; outs: O; inputs: I } | undefined>;
    /** `changed` is what `changedInputs` reported, never empty. */
    update(client: OktaClient, id: string, olds: Partial<O>, news: I, changed: string[]): Promise<O>;
    delete(client: OktaClient, id: string, olds: Partial<O>): Promise<void>;
}

/**
 * The error for a create or update that changed Okta but did not finish: Pulumi records `id` and `properties` in
 * state (so nothing is orphaned) and reports the resource as failed to initialize.
 */
export class PartialFailure extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[] = [message],
    ) {
        super(message);
    }
}
