import { requiredId, segment } from "./arguments";
import type { OktaClient } from "../client";
import type { OktaEventHook } from "./types";
import { list, type ListResult } from "./listing";

/** The product's "Get Event Hook". */
export async function getEventHook(client: OktaClient, args: { eventHookId: string }): Promise<OktaEventHook> {
    const eventHookId = requiredId("eventHookId", args.eventHookId);
    return client.get<OktaEventHook>(`/api/v1/eventHooks/${segment(eventHookId)}`);
}

/** The product's "List Event Hooks" (Okta returns them all at once). */
export async function listEventHooks(client: OktaClient): Promise<ListResult<OktaEventHook>> {
    return list<OktaEventHook>(client, { path: "/api/v1/eventHooks" }, { fetchAll: true });
}
