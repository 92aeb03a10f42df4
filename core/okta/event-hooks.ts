import type { OktaClient } from "../client";
import { requiredId } from "./arguments";
import { list, type ListResult } from "./listing";
import { managementPath } from "./paths";
import type { EventHookWrite, OktaEventHook } from "./types";

/** Event hooks (docs/okta/event-hooks.md): reads, writes and the lifecycle (activate, deactivate, verify). */

const EVENT_HOOKS = managementPath("eventHooks");

function hookPath(eventHookId: string, ...rest: string[]): string {
    return managementPath("eventHooks", requiredId("eventHookId", eventHookId), ...rest);
}

/** The product's "Get Event Hook". */
export async function getEventHook(client: OktaClient, args: { eventHookId: string }): Promise<OktaEventHook> {
    return client.get<OktaEventHook>(hookPath(args.eventHookId));
}

/** The product's "List Event Hooks" (Okta returns them all at once). */
export async function listEventHooks(client: OktaClient): Promise<ListResult<OktaEventHook>> {
    return list<OktaEventHook>(client, { path: EVENT_HOOKS }, { fetchAll: true });
}

/** Every hook, from Okta's one page (docs/okta/event-hooks.md#limits). */
export function allEventHooks(client: OktaClient): Promise<OktaEventHook[]> {
    return client.get<OktaEventHook[]>(EVENT_HOOKS);
}

/** Creates a hook (INACTIVE until activated); `probe` finds one an earlier attempt made, so a retry makes no second. */
export function createEventHook(client: OktaClient, hook: EventHookWrite, probe: () => Promise<OktaEventHook | undefined>): Promise<OktaEventHook> {
    return client.post<OktaEventHook>(EVENT_HOOKS, hook, undefined, { probe });
}

/** Replaces the hook's definition (name, events, channel). */
export function replaceEventHook(client: OktaClient, eventHookId: string, hook: EventHookWrite): Promise<OktaEventHook> {
    return client.put<OktaEventHook>(hookPath(eventHookId), hook);
}

/** Deletes an INACTIVE hook (Okta refuses to delete an ACTIVE one). */
export async function deleteEventHook(client: OktaClient, eventHookId: string): Promise<void> {
    await client.delete(hookPath(eventHookId));
}

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
        await client.delete(hookPath(hook.id));
        deleted.push({ id: hook.id, name: hook.name, status: hook.status });
    }
    return { deleted };
}

async function hookLifecycle(client: OktaClient, eventHookId: string, operation: string): Promise<OktaEventHook> {
    // Activating, deactivating or verifying twice ends in the same state: safe to retry after a lost response.
    return client.post<OktaEventHook>(hookPath(eventHookId, "lifecycle", operation), undefined, undefined, { idempotent: true });
}
