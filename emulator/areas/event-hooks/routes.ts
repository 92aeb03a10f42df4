import { newOktaId } from "../../platform/collection";
import { notFound, OktaHttpError, validationFailed } from "../../platform/errors";
import { parseEventHookBody, type EventHookDefinition } from "./input";
import { noContent, ok, type RequestContext } from "../../platform/http";
import { jsonBody } from "../../platform/body";
import {
    eventHookResource,
    isDeliverable,
    MAX_ACTIVE_EVENT_HOOKS,
    type EventHookChannel,
    type EventHookRecord,
    type EventHookStatus,
} from "./model";
import type { Router } from "../../platform/router";
import type { OrgStore } from "../../org/store";
import { logTarget, SYSTEM_ACTOR } from "../logs/system-log";
import { oktaTimestamp } from "../../platform/time";

/** What the routes need from delivery: the outbound verification call. */
export interface EventHookVerifier {
    verify(hook: EventHookRecord): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/**
 * `/api/v1/eventHooks` (SPEC EventHook tag; docs/okta/event-hooks.md#lifecycle; cassettes
 * TestAccResourceOktaEventHook_crud and TestAccResourceOktaEventHookVerification_crud). Each change is recorded in the
 * System Log as Okta's `event_hook.{created, updated, activated, deactivated, verified, deleted}`.
 */
export function registerEventHookRoutes(router: Router, store: OrgStore, verifier: EventHookVerifier): void {
    const base = "/api/v1/eventHooks";
    router
        .on("GET", base, (ctx) => ok([...store.eventHooks.values()].map((h) => eventHookResource(ctx.baseUrl, h))))
        .on("POST", base, (ctx) => createEventHook(ctx, store))
        .on("GET", `${base}/:eventHookId`, (ctx) => ok(eventHookResource(ctx.baseUrl, findHook(store, ctx))))
        .on("PUT", `${base}/:eventHookId`, (ctx) => replaceEventHook(ctx, store))
        .on("DELETE", `${base}/:eventHookId`, (ctx) => deleteEventHook(ctx, store))
        .on("POST", `${base}/:eventHookId/lifecycle/activate`, (ctx) => setStatus(ctx, store, "ACTIVE"))
        .on("POST", `${base}/:eventHookId/lifecycle/deactivate`, (ctx) => setStatus(ctx, store, "INACTIVE"))
        .on("POST", `${base}/:eventHookId/lifecycle/verify`, (ctx) => verifyEventHook(ctx, store, verifier));
}

function findHook(store: OrgStore, ctx: RequestContext): EventHookRecord {
    const id = ctx.params.eventHookId;
    const hook = store.eventHooks.get(id);
    if (!hook) {
        throw notFound(id, "EventHook");
    }
    return hook;
}

function createEventHook(ctx: RequestContext, store: OrgStore) {
    const definition = parseEventHookBody(jsonBody(ctx));
    const now = oktaTimestamp();
    const hook: EventHookRecord = {
        id: newOktaId("who"),
        // Okta creates hooks ACTIVE (SPEC createEventHook); recorded clients send `status` too.
        status: definition.status ?? "ACTIVE",
        verificationStatus: "UNVERIFIED",
        name: definition.name,
        description: definition.description,
        created: now,
        createdBy: (store.log.caller(ctx)?.actor ?? SYSTEM_ACTOR).id,
        lastUpdated: now,
        events: definition.events,
        channel: definition.channel,
    };
    store.eventHooks.insert(hook);
    logHookEvent(store, ctx, hook, "event_hook.created", "Event hook created");
    return ok(eventHookResource(ctx.baseUrl, hook));
}

function replaceEventHook(ctx: RequestContext, store: OrgStore) {
    const hook = findHook(store, ctx);
    const definition = parseEventHookBody(jsonBody(ctx));
    const channel = keepAuthSecret(definition, hook.channel);
    const status = definition.status ?? hook.status;
    // Changing the channel requires verifying the hook again (SPEC replaceEventHook).
    const verificationStatus = sameChannel(channel, hook.channel) ? hook.verificationStatus : "UNVERIFIED";
    assertCapacity(store, hook, status, verificationStatus);
    const previousStatus = hook.status;
    Object.assign(hook, {
        name: definition.name,
        description: definition.description,
        events: definition.events,
        channel,
        status,
        verificationStatus,
        lastUpdated: oktaTimestamp(),
    });
    logHookEvent(store, ctx, hook, "event_hook.updated", "Event hook updated");
    if (status !== previousStatus) {
        logStatusChange(store, ctx, hook);
    }
    return ok(eventHookResource(ctx.baseUrl, hook));
}

function deleteEventHook(ctx: RequestContext, store: OrgStore) {
    const hook = findHook(store, ctx);
    if (hook.status !== "INACTIVE") {
        // Okta deletes only INACTIVE hooks (SPEC deleteEventHook). Its error for an ACTIVE one is not documented; the
        // spec lists only 403 for this operation, hence E0000006 with a cause that says what to do.
        throw new OktaHttpError(403, "E0000006", "You do not have permission to perform the requested action", [
            { errorSummary: "Only an INACTIVE event hook can be deleted: deactivate it first" },
        ]);
    }
    store.eventHooks.delete(hook.id);
    logHookEvent(store, ctx, hook, "event_hook.deleted", "Event hook deleted");
    return noContent();
}

function setStatus(ctx: RequestContext, store: OrgStore, status: EventHookStatus) {
    const hook = findHook(store, ctx);
    if (hook.status !== status) {
        assertCapacity(store, hook, status, hook.verificationStatus);
        hook.status = status;
        hook.lastUpdated = oktaTimestamp();
        logStatusChange(store, ctx, hook);
    }
    return ok(eventHookResource(ctx.baseUrl, hook));
}

async function verifyEventHook(ctx: RequestContext, store: OrgStore, verifier: EventHookVerifier) {
    const hook = findHook(store, ctx);
    const result = await verifier.verify(hook);
    // The hook may have been deleted while its endpoint was called.
    const current = findHook(store, ctx);
    if (!result.ok) {
        logHookEvent(store, ctx, current, "event_hook.verified", "Event hook verification failed", {
            result: "FAILURE",
            reason: result.reason,
        });
        throw validationFailed("Verification", [`Verification failed: ${result.reason}`]);
    }
    assertCapacity(store, current, current.status, "VERIFIED");
    if (current.verificationStatus !== "VERIFIED") {
        current.verificationStatus = "VERIFIED";
        current.lastUpdated = oktaTimestamp();
    }
    logHookEvent(store, ctx, current, "event_hook.verified", "Event hook verified");
    return ok(eventHookResource(ctx.baseUrl, current));
}

/** Clients re-send `authScheme` without its write-only value (they cannot read it); keep the stored one then. */
function keepAuthSecret(definition: EventHookDefinition, previous: EventHookChannel): EventHookChannel {
    const auth = definition.channel.config.authScheme;
    const stored = previous.config.authScheme;
    if (auth && auth.value === undefined && stored?.value !== undefined && stored.key === auth.key) {
        return { ...definition.channel, config: { ...definition.channel.config, authScheme: { ...auth, value: stored.value } } };
    }
    return definition.channel;
}

function sameChannel(a: EventHookChannel, b: EventHookChannel): boolean {
    const auth = (c: EventHookChannel) => [c.config.authScheme?.type, c.config.authScheme?.key, c.config.authScheme?.value];
    return (
        a.config.uri === b.config.uri &&
        JSON.stringify(a.config.headers) === JSON.stringify(b.config.headers) &&
        JSON.stringify(auth(a)) === JSON.stringify(auth(b))
    );
}

/** At most MAX_ACTIVE_EVENT_HOOKS hooks may be ACTIVE and VERIFIED at once (docs/okta/event-hooks.md#limits). */
function assertCapacity(
    store: OrgStore,
    hook: EventHookRecord,
    status: EventHookStatus,
    verification: EventHookRecord["verificationStatus"],
): void {
    if (status !== "ACTIVE" || verification !== "VERIFIED" || isDeliverable(hook)) {
        return;
    }
    const others = [...store.eventHooks.values()].filter((h) => h.id !== hook.id && isDeliverable(h)).length;
    if (others >= MAX_ACTIVE_EVENT_HOOKS) {
        throw validationFailed("eventHook", [
            `eventHook: An org can have at most ${MAX_ACTIVE_EVENT_HOOKS} active and verified event hooks`,
        ]);
    }
}

function logStatusChange(store: OrgStore, ctx: RequestContext, hook: EventHookRecord): void {
    if (hook.status === "ACTIVE") {
        logHookEvent(store, ctx, hook, "event_hook.activated", "Event hook activated");
    } else {
        logHookEvent(store, ctx, hook, "event_hook.deactivated", "Event hook deactivated");
    }
}

function logHookEvent(
    store: OrgStore,
    ctx: RequestContext,
    hook: EventHookRecord,
    eventType: string,
    displayMessage: string,
    outcome?: { result: "SUCCESS" | "FAILURE"; reason?: string },
): void {
    store.log.append(
        {
            eventType,
            displayMessage,
            outcome,
            severity: outcome?.result === "FAILURE" ? "WARN" : "INFO",
            target: [logTarget("EventHook", hook.id, hook.channel.config.uri, hook.name)],
        },
        ctx,
    );
}
