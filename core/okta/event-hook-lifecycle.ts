import { requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaEventHook } from "./types";
import { listEventHooks } from "./event-hooks";

export interface EventHookRef {
    eventHookId: string;
}

export async function activateEventHook(client: OktaClient, args: EventHookRef): Promise<OktaEventHook> {
    return hookLifecycle(client, args.eventHookId, "activate");
}

export async function deactivateEventHook(client: OktaClient, args: EventHookRef): Promise<OktaEventHook> {
    return hookLifecycle(client, args.eventHookId, "deactivate");
}

/**
 * Asks Okta to verify the hook: Okta sends one GET with `x-okta-verification-challenge` to the hook's URL, which must
 * echo it. Resolves with the hook (`verificationStatus: VERIFIED`); Okta answers 400 when the endpoint did not.
 */
export async function verifyEventHook(client: OktaClient, args: EventHookRef): Promise<OktaEventHook> {
    return hookLifecycle(client, args.eventHookId, "verify");
}

/** The product's "Delete All Event Hooks". */
export interface DeleteAllEventHooksArgs {
    /** Only delete hooks whose `channel.config.uri` is exactly this URL; without it, every hook is deleted. */
    url?: string;
}

export interface DeleteAllEventHooksResult {
    /** The hooks deleted, as they were before deletion. */
    deleted: Pick<OktaEventHook, "id" | "name" | "status">[];
}

/** Okta only deletes INACTIVE hooks, so ACTIVE ones are deactivated first. */
export async function deleteAllEventHooks(client: OktaClient, args: DeleteAllEventHooksArgs = {}): Promise<DeleteAllEventHooksResult> {
    const hooks = (await listEventHooks(client)).items;
    const doomed = hooks.filter((hook) => args.url === undefined || hook.channel?.config?.uri === args.url);
    const deleted: DeleteAllEventHooksResult["deleted"] = [];
    for (const hook of doomed) {
        if (hook.status === "ACTIVE") {
            await deactivateEventHook(client, { eventHookId: hook.id });
        }
        await client.delete(`/api/v1/eventHooks/${segment(hook.id)}`);
        deleted.push({ id: hook.id, name: hook.name, status: hook.status });
    }
    return { deleted };
}

async function hookLifecycle(client: OktaClient, eventHookId: string, operation: string): Promise<OktaEventHook> {
    const id = requiredId("eventHookId", eventHookId);
    // Activating, deactivating or verifying twice ends in the same state: safe to retry after a lost response.
    return client.post<OktaEventHook>(`/api/v1/eventHooks/${segment(id)}/lifecycle/${operation}`, undefined, undefined, { idempotent: true });
}
