import { validationFailed } from "../../platform/errors";
import {
    MAX_EVENT_TYPES_PER_HOOK,
    type EventHookAuthScheme,
    type EventHookChannel,
    type EventHookFilter,
    type EventHookHeader,
    type EventHookRecord,
    type EventHookStatus,
} from "./model";
import { compileCondition, ExpressionError } from "./el-filter";
import { HTTP_HEADER_NAME, isHttpsOrLoopback } from "../../../core/client/http-rules";
import { isEventHookEligible } from "../../../core/okta/event-types";

/**
 * Reads an event hook create/replace body (SPEC `EventHook`) with Okta's 400 E0000001 and one cause per problem.
 * Read-only properties a client echoes back from a GET (`id`, `created`, `_links`, ...) are ignored; anything else
 * unknown is refused. `status` is honoured on create and replace, as recorded traffic shows for PUT.
 *
 * Channel URIs must be HTTPS, as in Okta, except for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`), which may
 * use plain HTTP so local receivers work without certificates. This is the emulator's one deliberate relaxation.
 */

export interface EventHookDefinition {
    name: string;
    description: string | null;
    status?: EventHookStatus;
    events: EventHookRecord["events"];
    channel: EventHookChannel;
}

const WRITABLE = ["name", "description", "status", "events", "channel"];
const READ_ONLY = ["id", "created", "createdBy", "lastUpdated", "verificationStatus", "_links", "_embedded"];

export function parseEventHookBody(body: Record<string, unknown>): EventHookDefinition {
    const causes = new Causes();
    for (const key of Object.keys(body)) {
        if (!WRITABLE.includes(key) && !READ_ONLY.includes(key)) {
            causes.add(key, `Property name '${key}' is not defined in the event hook`);
        }
    }
    const name = readName(body.name, causes);
    const description = readDescription(body.description, causes);
    const status = readStatus(body.status, causes);
    const events = readEvents(body.events, causes);
    const channel = readChannel(body.channel, causes);
    causes.throwIfAny();
    return { name: name!, description, status, events: events!, channel: channel! };
}

/** Collects `field: message` causes; the summary names the first field, as Okta's validation errors do. */
class Causes {
    private readonly list: { field: string; message: string }[] = [];

    add(field: string, message: string): void {
        this.list.push({ field, message });
    }

    throwIfAny(): void {
        if (this.list.length > 0) {
            throw validationFailed(
                this.list[0].field,
                this.list.map(({ field, message }) => `${field}: ${message}`),
            );
        }
    }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);

function readName(value: unknown, causes: Causes): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        causes.add("name", "The field cannot be left blank");
        return undefined;
    }
    if (value.length > 255) {
        causes.add("name", "The field cannot exceed 255 characters");
    }
    return value;
}

function readDescription(value: unknown, causes: Causes): string | null {
    if (value === undefined || value === null) {
        return null;
    }
    if (typeof value !== "string") {
        causes.add("description", "The field must be a string");
        return null;
    }
    if (value.length > 1024) {
        causes.add("description", "The field cannot exceed 1024 characters");
    }
    return value;
}

function readStatus(value: unknown, causes: Causes): EventHookStatus | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (value !== "ACTIVE" && value !== "INACTIVE") {
        causes.add("status", "Must be ACTIVE or INACTIVE");
        return undefined;
    }
    return value;
}

function readEvents(value: unknown, causes: Causes): EventHookRecord["events"] | undefined {
    if (!isObject(value)) {
        causes.add("events", "The field cannot be left blank");
        return undefined;
    }
    unknownKeys(value, ["type", "items", "filter"], "events", causes);
    if (value.type !== "EVENT_TYPE") {
        causes.add("events.type", "The only supported type is EVENT_TYPE");
    }
    const items = readEventTypes(value.items, causes);
    const filter = readFilter(value.filter, items, causes);
    return { type: "EVENT_TYPE", items, filter };
}

function readEventTypes(value: unknown, causes: Causes): string[] {
    if (!Array.isArray(value) || value.length === 0) {
        causes.add("events.items", "At least one event type is required");
        return [];
    }
    const items: string[] = [];
    for (const item of value) {
        if (typeof item !== "string") {
            causes.add("events.items", "Event types must be strings");
        } else if (!isEventHookEligible(item)) {
            causes.add("events.items", `Event type '${item}' is not eligible for event hooks`);
        } else if (!items.includes(item)) {
            items.push(item);
        }
    }
    if (items.length > MAX_EVENT_TYPES_PER_HOOK) {
        causes.add("events.items", `An event hook can subscribe to at most ${MAX_EVENT_TYPES_PER_HOOK} event types`);
    }
    return items;
}

function readFilter(value: unknown, items: string[], causes: Causes): EventHookFilter | null {
    if (value === undefined || value === null) {
        return null;
    }
    if (!isObject(value)) {
        causes.add("events.filter", "The field must be an object");
        return null;
    }
    unknownKeys(value, ["type", "eventFilterMap"], "events.filter", causes);
    if (value.type !== undefined && value.type !== "EXPRESSION_LANGUAGE") {
        causes.add("events.filter.type", "The only supported type is EXPRESSION_LANGUAGE");
    }
    if (!Array.isArray(value.eventFilterMap)) {
        causes.add("events.filter.eventFilterMap", "The field must be a list");
        return null;
    }
    const eventFilterMap: EventHookFilter["eventFilterMap"] = [];
    value.eventFilterMap.forEach((entry: unknown, i: number) => {
        const where = `events.filter.eventFilterMap[${i}]`;
        if (!isObject(entry) || typeof entry.event !== "string" || !isObject(entry.condition)) {
            causes.add(where, "Each entry needs an event and a condition");
            return;
        }
        if (!items.includes(entry.event)) {
            causes.add(`${where}.event`, `'${entry.event}' is not one of the subscribed event types`);
        } else if (eventFilterMap.some((e) => e.event === entry.event)) {
            causes.add(`${where}.event`, `'${entry.event}' has more than one filter`);
        }
        const expression = entry.condition.expression;
        if (typeof expression !== "string") {
            causes.add(`${where}.condition.expression`, "The field cannot be left blank");
            return;
        }
        try {
            compileCondition(expression);
        } catch (err) {
            if (!(err instanceof ExpressionError)) {
                throw err;
            }
            causes.add(`${where}.condition.expression`, `Invalid expression: ${err.message}`);
            return;
        }
        eventFilterMap.push({ event: entry.event, condition: { version: null, expression } });
    });
    return { type: "EXPRESSION_LANGUAGE", eventFilterMap };
}

function readChannel(value: unknown, causes: Causes): EventHookChannel | undefined {
    if (!isObject(value)) {
        causes.add("channel", "The field cannot be left blank");
        return undefined;
    }
    unknownKeys(value, ["type", "version", "config"], "channel", causes);
    if (value.type !== "HTTP") {
        causes.add("channel.type", "The only supported type is HTTP");
    }
    if (value.version !== "1.0.0") {
        causes.add("channel.version", "The only supported version is 1.0.0");
    }
    const config = value.config;
    if (!isObject(config)) {
        causes.add("channel.config", "The field cannot be left blank");
        return undefined;
    }
    unknownKeys(config, ["uri", "headers", "method", "authScheme"], "channel.config", causes);
    if (config.method !== undefined && config.method !== "POST") {
        causes.add("channel.config.method", "The only supported method is POST");
    }
    const uri = readUri(config.uri, causes);
    const headers = readHeaders(config.headers, causes);
    const authScheme = readAuthScheme(config.authScheme, causes);
    return {
        type: "HTTP",
        version: "1.0.0",
        config: { uri: uri ?? "", headers, method: "POST", ...(authScheme ? { authScheme } : {}) },
    };
}

function readUri(value: unknown, causes: Causes): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        causes.add("channel.config.uri", "The field cannot be left blank");
        return undefined;
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        causes.add("channel.config.uri", "The URI is not valid");
        return undefined;
    }
    if (!isHttpsOrLoopback(url)) {
        causes.add("channel.config.uri", "The URI must use HTTPS");
    }
    if (url.username || url.password) {
        causes.add("channel.config.uri", "The URI cannot contain credentials");
    }
    return value;
}


function readHeaders(value: unknown, causes: Causes): EventHookHeader[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        causes.add("channel.config.headers", "The field must be a list");
        return [];
    }
    const headers: EventHookHeader[] = [];
    value.forEach((header: unknown, i: number) => {
        const where = `channel.config.headers[${i}]`;
        if (!isObject(header) || typeof header.key !== "string" || typeof header.value !== "string") {
            causes.add(where, "Each header needs a string key and value");
        } else if (!HTTP_HEADER_NAME.test(header.key)) {
            causes.add(`${where}.key`, "Not a valid HTTP header name");
        } else if (/[\r\n\0]/.test(header.value)) {
            causes.add(`${where}.value`, "Not a valid HTTP header value");
        } else {
            headers.push({ key: header.key, value: header.value });
        }
    });
    return headers;
}

function readAuthScheme(value: unknown, causes: Causes): EventHookAuthScheme | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!isObject(value)) {
        causes.add("channel.config.authScheme", "The field must be an object");
        return undefined;
    }
    unknownKeys(value, ["type", "key", "value"], "channel.config.authScheme", causes);
    if (value.type !== "HEADER") {
        causes.add("channel.config.authScheme.type", "The only supported type is HEADER");
    }
    if (typeof value.key !== "string" || !HTTP_HEADER_NAME.test(value.key)) {
        causes.add("channel.config.authScheme.key", "Not a valid HTTP header name");
        return undefined;
    }
    if (value.value !== undefined && (typeof value.value !== "string" || /[\r\n\0]/.test(value.value))) {
        // The value is a secret: the cause names the problem, never the value.
        causes.add("channel.config.authScheme.value", "Not a valid HTTP header value");
        return undefined;
    }
    return { type: "HEADER", key: value.key, ...(typeof value.value === "string" ? { value: value.value } : {}) };
}

function unknownKeys(object: Record<string, unknown>, known: string[], where: string, causes: Causes): void {
    for (const key of Object.keys(object)) {
        if (!known.includes(key)) {
            causes.add(`${where}.${key}`, `Property name '${key}' is not defined`);
        }
    }
}
