import { OktaHttpError, type OktaErrorBody } from "../../platform/errors";
import type { LogEvent } from "./system-log";
import { evaluate, FilterSyntaxError, parseFilter, type FilterNode } from "../../platform/query/filter";

/**
 * The System Log's `filter` (docs/okta/system-log.md#filter): the shared expression language with every operator, on
 * LogEvent fields, case-sensitive. Okta's System Log answers with its own codes and summaries, quoted here from the
 * System Log query guide, and its errors carry no `errorLink` (and no `errorCauses` unless there are causes).
 */

/**
 * An error from `/api/v1/logs`: Okta's System Log omits `errorLink`, and `errorCauses` when empty
 * (docs/okta/system-log.md#errors).
 */
export class SystemLogError extends OktaHttpError {
    override body(): OktaErrorBody {
        const { errorLink: _link, errorCauses, ...rest } = super.body();
        return (errorCauses.length > 0 ? { ...rest, errorCauses } : rest) as OktaErrorBody;
    }
}

export const invalidLogFilter = (summary: string) => new SystemLogError(400, "E0000053", summary);

/** Compiles `filter` or throws the System Log's 400. */
export function compileLogFilter(source: string): (event: LogEvent) => boolean {
    let node: FilterNode;
    try {
        node = parseFilter(source);
    } catch (err) {
        if (!(err instanceof FilterSyntaxError)) {
            throw err;
        }
        if (err.token !== undefined && err.position !== undefined) {
            throw invalidLogFilter(
                `Invalid filter '${source}': Unrecognized attribute operator '${err.token}' at position ${err.position}. Expected: eq,co,sw,pr,gt,ge,lt,le`,
            );
        }
        throw invalidLogFilter(`Invalid filter '${source}': ${err.message}`);
    }
    checkFields(node);
    return (event) => evaluate(node, event, false);
}

function checkFields(node: FilterNode): void {
    if (node.kind === "and" || node.kind === "or") {
        checkFields(node.left);
        checkFields(node.right);
        return;
    }
    if (!isLogEventField(node.attribute)) {
        throw invalidLogFilter(`field is not valid: ${node.attribute}`);
    }
    if (node.kind === "compare" && node.operator === "co" && UNSEARCHABLE_BY_CONTAINS.has(node.attribute)) {
        throw new SystemLogError(
            400,
            "E0000031",
            `The supplied combination of operator and field is not currently supported. Operator: co, Field: ${node.attribute}`,
        );
    }
}

const UNSEARCHABLE_BY_CONTAINS = new Set(["debugContext.debugData.url", "debugContext.debugData.requestUri"]);

const ENTITY_FIELDS = ["id", "type", "alternateId", "displayName"];
const GEO_FIELDS = ["city", "state", "country", "postalCode", "geolocation.lat", "geolocation.lon"];

/**
 * Queryable LogEvent fields (SPEC `LogEvent`). `published` is excluded (it would fight `since`/`until`,
 * docs/okta/system-log.md#filter) and so is `target.changeDetails` (SPEC: not queryable); open-ended maps accept any
 * key below them.
 */
const FIELDS = new Set([
    "uuid",
    "eventType",
    "version",
    "displayMessage",
    "severity",
    "legacyEventType",
    ...ENTITY_FIELDS.map((f) => `actor.${f}`),
    ...ENTITY_FIELDS.map((f) => `target.${f}`),
    "client.userAgent.rawUserAgent",
    "client.userAgent.os",
    "client.userAgent.browser",
    "client.zone",
    "client.device",
    "client.id",
    "client.ipAddress",
    ...GEO_FIELDS.map((f) => `client.geographicalContext.${f}`),
    "outcome.result",
    "outcome.reason",
    "transaction.type",
    "transaction.id",
    "authenticationContext.authenticationProvider",
    "authenticationContext.credentialProvider",
    "authenticationContext.credentialType",
    "authenticationContext.interface",
    "authenticationContext.authenticationStep",
    "authenticationContext.externalSessionId",
    "authenticationContext.issuer.id",
    "authenticationContext.issuer.type",
    "securityContext.asNumber",
    "securityContext.asOrg",
    "securityContext.isp",
    "securityContext.domain",
    "securityContext.isProxy",
    "request.ipChain.ip",
    "request.ipChain.version",
    "request.ipChain.source",
    ...GEO_FIELDS.map((f) => `request.ipChain.geographicalContext.${f}`),
]);
const OPEN_PREFIXES = ["actor.detailEntry.", "target.detailEntry.", "transaction.detail.", "debugContext.debugData."];

function isLogEventField(attribute: string): boolean {
    return FIELDS.has(attribute) || OPEN_PREFIXES.some((prefix) => attribute.startsWith(prefix) && attribute.length > prefix.length);
}
