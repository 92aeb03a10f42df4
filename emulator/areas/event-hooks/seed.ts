import { newOktaId } from "../../platform/collection";
import { OktaHttpError } from "../../platform/errors";
import type { EventHookRecord, EventHookVerificationStatus } from "./model";
import type { SeedFail, SeedSection } from "../../org/seed-section";
import type { OrgStore } from "../../org/store";
import type { LogActor, LogEventInput, LogOutcomeResult, LogSeverity, LogTarget } from "../logs/system-log";
import { oktaTimestamp } from "../../platform/time";
import { parseEventHookBody } from "./input";

/**
 * Seed sections for event hooks and System Log history. Hooks take the API's create body (same validation) plus
 * optional `id`, `status` and `verificationStatus`, so a seeded hook can already be VERIFIED and receiving events.
 * Log events are appended oldest first, without being delivered to hooks (they happened before the org started).
 */

export interface EventHookSeed {
    id?: string;
    verificationStatus?: EventHookVerificationStatus;
    [property: string]: unknown;
}

export interface LogEventSeed {
    eventType: string;
    displayMessage?: string;
    /** ISO 8601; default: when the emulator starts. */
    published?: string;
    severity?: LogSeverity;
    outcome?: { result: LogOutcomeResult; reason?: string };
    actor?: LogActor;
    target?: LogTarget[];
    debugData?: Record<string, unknown>;
}

export interface HookSeed {
    /** Event hooks: the API's create body, plus optional `id` and `verificationStatus`. */
    eventHooks?: EventHookSeed[];
    /** System Log history, appended oldest first. */
    logEvents?: LogEventSeed[];
}

export const hookSeedSection: SeedSection<HookSeed> = {
    keys: ["eventHooks", "logEvents"],
    validate(list, fail) {
        validateEventHookSeeds(list("eventHooks"), fail);
        validateLogEventSeeds(list("logEvents"), fail);
    },
    apply(store, seed) {
        applyEventHookSeeds(store, seed.eventHooks ?? []);
        applyLogEventSeeds(store, seed.logEvents ?? []);
    },
};

function validateEventHookSeeds(hooks: Record<string, unknown>[], fail: SeedFail): void {
    hooks.forEach((hook, i) => {
        const { id, verificationStatus, ...body } = hook;
        if (id !== undefined && (typeof id !== "string" || !/^who[0-9A-Za-z]{17}$/.test(id))) {
            fail(`eventHooks[${i}].id`, "must be 'who' followed by 17 letters or digits");
        }
        if (verificationStatus !== undefined && verificationStatus !== "VERIFIED" && verificationStatus !== "UNVERIFIED") {
            fail(`eventHooks[${i}].verificationStatus`, "must be VERIFIED or UNVERIFIED");
        }
        try {
            parseEventHookBody(body);
        } catch (err) {
            if (err instanceof OktaHttpError) {
                fail(`eventHooks[${i}]`, err.errorCauses.map((c) => c.errorSummary).join("; "));
            }
            throw err;
        }
    });
}

function validateLogEventSeeds(events: Record<string, unknown>[], fail: SeedFail): void {
    events.forEach((event, i) => {
        if (typeof event.eventType !== "string" || !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(event.eventType)) {
            fail(`logEvents[${i}].eventType`, "must be a dotted event type such as user.lifecycle.create");
        }
        if (event.published !== undefined && (typeof event.published !== "string" || Number.isNaN(Date.parse(event.published)))) {
            fail(`logEvents[${i}].published`, "must be an ISO 8601 date-time");
        }
    });
}

function applyEventHookSeeds(store: OrgStore, hooks: EventHookSeed[]): void {
    for (const { id, verificationStatus, ...body } of hooks) {
        const definition = parseEventHookBody(body);
        const now = oktaTimestamp();
        const hook: EventHookRecord = {
            id: id ?? newOktaId("who"),
            status: definition.status ?? "ACTIVE",
            verificationStatus: verificationStatus ?? "UNVERIFIED",
            name: definition.name,
            description: definition.description,
            created: now,
            createdBy: "00u1emulatorseed0000",
            lastUpdated: now,
            events: definition.events,
            channel: definition.channel,
        };
        store.eventHooks.insert(hook);
    }
}

function applyLogEventSeeds(store: OrgStore, events: LogEventSeed[]): void {
    const time = (event: LogEventSeed) => (event.published ? Date.parse(event.published) : Infinity);
    const byTime = [...events].sort((a, b) => time(a) - time(b));
    for (const event of byTime) {
        const input: LogEventInput = { ...event, displayMessage: event.displayMessage ?? event.eventType };
        store.log.append(input);
    }
}
