import type { ErrorCause } from "../../platform/errors";
import type { LogEvent } from "./system-log";
import { compileLogFilter, invalidLogFilter, SystemLogError } from "./filter";
import { keywordMatcher, MAX_KEYWORD_LENGTH, MAX_KEYWORDS, splitKeywords } from "./keywords";

/**
 * The parameters of `GET /api/v1/logs` (SPEC listLogEvents; docs/okta/system-log.md#parameters), checked in Okta's
 * terms:
 * - a polling request has no `until` and sorts ASCENDING; it pages by persistence order, forever;
 * - any other request is bounded by `published` in [since, until] (since defaults to 7 days before until, until to now).
 * Errors use the System Log's own codes and summaries (docs/okta/system-log.md#errors); where the guide gives none, the
 * emulator follows the same style (marked below).
 */

export const DEFAULT_LOG_LIMIT = 100;
export const MAX_LOG_LIMIT = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** `since` further back than this is refused (docs/okta/system-log.md#errors). */
const MAX_SINCE_AGE_MS = 180 * DAY_MS;
/** Events older than this are not returned (docs/okta/system-log.md#retention). */
export const RETENTION_MS = 90 * DAY_MS;
const DEFAULT_WINDOW_MS = 7 * DAY_MS;

export interface LogCursor {
    /** Epoch ms of the last event returned: persistence time when polling, `published` when bounded. */
    ms: number;
    seq: number;
}

export interface LogQuery {
    polling: boolean;
    sinceMs: number;
    /** Bounded requests only. */
    untilMs: number;
    /** Whether `until` was defaulted (a bounded request's next links pin it). */
    untilDefaulted: boolean;
    after?: LogCursor;
    limit: number;
    descending: boolean;
    matches: (event: LogEvent) => boolean;
}

export function readLogQuery(query: URLSearchParams, now: number): LogQuery {
    const since = readDate(query, "since");
    const until = readDate(query, "until");
    const dateCauses = [...since.causes, ...until.causes];
    if (dateCauses.length > 0) {
        throw apiValidation(dateCauses);
    }
    const keywords = readKeywords(query.get("q"));
    const limit = readLimit(query.get("limit"));
    const descending = readSortOrder(query.get("sortOrder"));
    const afterRaw = query.get("after");
    const polling = until.ms === undefined && !descending;
    if (polling && since.ms !== undefined && afterRaw !== null) {
        // docs/okta/system-log.md#parameters: since and after are mutually exclusive. Okta's own next links for bounded
        // requests carry both, so the rule applies to polling requests. The wording is the emulator's.
        throw invalidLogFilter("Invalid parameter: The since and after parameters cannot be used together.");
    }
    const after = afterRaw === null ? undefined : readCursor(afterRaw);
    const untilMs = until.ms ?? now;
    const sinceMs = since.ms ?? untilMs - DEFAULT_WINDOW_MS;
    if (since.ms !== undefined && since.ms < now - MAX_SINCE_AGE_MS) {
        throw invalidLogFilter("Invalid parameter: The since parameter is over 180 days prior to the current day.");
    }
    const filterSource = query.get("filter");
    const filter = filterSource ? compileLogFilter(filterSource) : undefined;
    const keywordFilter = keywords.length > 0 ? keywordMatcher(keywords) : undefined;
    return {
        polling,
        sinceMs,
        untilMs,
        untilDefaulted: until.ms === undefined,
        after,
        limit,
        descending,
        matches: (event) => (!filter || filter(event)) && (!keywordFilter || keywordFilter(event)),
    };
}

export function formatCursor(cursor: LogCursor): string {
    return `${cursor.ms}_${cursor.seq}`;
}

function readCursor(raw: string): LogCursor {
    const match = /^(\d{1,15})_(\d{1,15})$/.exec(raw);
    if (!match) {
        // The emulator's wording: Okta documents `after` only as an opaque value from next links.
        throw apiValidation([{ errorSummary: "after: The after parameter is not a cursor from a next link." }]);
    }
    return { ms: Number(match[1]), seq: Number(match[2]) };
}

/** ISO 8601 date-times as Okta accepts them; a `+` offset sent unencoded arrives as a space. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+ -]\d{2}:?\d{2})?)?$/;

function readDate(query: URLSearchParams, field: "since" | "until"): { ms?: number; causes: ErrorCause[] } {
    const raw = query.get(field);
    if (raw === null || raw === "") {
        return { causes: [] };
    }
    const ms = parseIsoDate(raw);
    if (ms === undefined) {
        return {
            causes: [
                { errorSummary: `${field}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.` },
                { errorSummary: `${field}: must be a valid date-time or empty.` },
            ],
        };
    }
    return { ms, causes: [] };
}

function parseIsoDate(raw: string): number | undefined {
    const match = ISO_DATE.exec(raw.trim());
    if (!match) {
        return undefined;
    }
    const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone = "Z"] = match;
    const offset = zone === "Z" ? "Z" : `${zone[0] === " " ? "+" : zone[0]}${zone.slice(1, 3)}:${zone.slice(-2)}`;
    const normalized = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`;
    const ms = Date.parse(normalized);
    // Date.parse rolls impossible dates over (Feb 30); compare the calendar date back to refuse them.
    if (Number.isNaN(ms) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
        return undefined;
    }
    const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (check.getUTCDate() !== Number(day)) {
        return undefined;
    }
    return ms;
}

function readKeywords(q: string | null): string[] {
    if (q === null) {
        return [];
    }
    const keywords = splitKeywords(q);
    if (keywords.some((k) => k.length > MAX_KEYWORD_LENGTH)) {
        throw new SystemLogError(
            400,
            "E0000001",
            "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.",
        );
    }
    if (keywords.length > MAX_KEYWORDS) {
        // The 10-keyword limit is documented (SPEC); its message is the emulator's, in the style of the one above.
        throw new SystemLogError(
            400,
            "E0000001",
            "Api validation failed: 'q': Freeform search cannot contain more than 10 items. Please remove items from your search or use an advanced filter to query by specific fields.",
        );
    }
    return keywords;
}

/** `limit`: 0 to 1000 (SPEC); larger values are capped, anything that is not a whole number is refused. */
function readLimit(raw: string | null): number {
    if (raw === null || raw === "") {
        return DEFAULT_LOG_LIMIT;
    }
    if (!/^\d{1,9}$/.test(raw)) {
        throw apiValidation([{ errorSummary: `limit: must be a whole number between 0 and ${MAX_LOG_LIMIT}.` }]);
    }
    return Math.min(Number(raw), MAX_LOG_LIMIT);
}

function readSortOrder(raw: string | null): boolean {
    if (raw === null || raw === "" || raw.toUpperCase() === "ASCENDING") {
        return false;
    }
    if (raw.toUpperCase() === "DESCENDING") {
        return true;
    }
    throw apiValidation([{ errorSummary: "sortOrder: must be ASCENDING or DESCENDING." }]);
}

/** E0000001 in the System Log's style: the causes, each `field: message`, quoted in the summary. */
function apiValidation(causes: ErrorCause[]): SystemLogError {
    const summary = causes
        .map(({ errorSummary }) => {
            const colon = errorSummary.indexOf(":");
            return `'${errorSummary.slice(0, colon)}':${errorSummary.slice(colon + 1)}`;
        })
        .join(" ");
    return new SystemLogError(400, "E0000001", `Api validation failed: ${summary}`, causes);
}
