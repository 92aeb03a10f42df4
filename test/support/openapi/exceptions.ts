/**
 * THE list of places where Okta's published spec disagrees with what real Okta sends (recorded traffic), and how the
 * conformance checks amend the spec there. Each entry names the recorded interaction that proves it; the conformance
 * test replays that evidence to show the unamended spec rejects it at `instancePath` and the amended one accepts it,
 * so an entry cannot outlive its reason. Add an entry only with such evidence, never to make an emulator body pass.
 */

/** Recorded real traffic that the published spec rejects. */
export interface RecordedEvidence {
    /** Cassette file under the reference data's `cassettes/` (test/support/reference-data.ts). */
    cassette: string;
    interaction: number;
    /** Where in that response body the unamended spec reports the problem ("" for the whole body). */
    instancePath: string;
}

/** The spec's own text contradicting its schema: quoted from the operation's or the amended schema's `description`. */
export interface SpecTextEvidence {
    quote: string;
}

/**
 * For an operation nobody recorded: another operation's exception, with recorded evidence, whose response the spec
 * declares exactly as it declares this one's (the test checks both), e.g. the body-less user lifecycle operations.
 */
export interface AnalogyEvidence {
    /** `"<operationId> <status>"` of the exception shown by recorded traffic. */
    like: string;
}

export type SpecEvidence = RecordedEvidence | SpecTextEvidence | AnalogyEvidence;

export const isRecordedEvidence = (e: SpecEvidence): e is RecordedEvidence => "cassette" in e;
export const isAnalogyEvidence = (e: SpecEvidence): e is AnalogyEvidence => "like" in e;

interface ExceptionBase {
    /** Which document: "management" or "oauth". */
    document: string;
    /** Properties merged into the spec object at the target (shallow). */
    amend: Record<string, unknown>;
    reason: string;
    evidence: SpecEvidence;
}

/** Amends a schema in `components.schemas`: `pointer` is a JSON pointer inside it ("" for the schema itself). */
export interface SchemaException extends ExceptionBase {
    schema: string;
    pointer: string;
}

/** Amends (or adds) the response an operation declares for one status. */
export interface ResponseException extends ExceptionBase {
    operationId: string;
    status: string;
}

export type SpecException = SchemaException | ResponseException;

const nullable = { nullable: true };
/** A 200 whose body is `{}`. */
const EMPTY_OBJECT = { content: { "application/json": { schema: { type: "object", maxProperties: 0 } } } };
const APPS = "TestAccDataSourceOktaAppUserAssignments_read/classic-00.yaml";

export const SPEC_EXCEPTIONS: SpecException[] = [
    {
        document: "management", schema: "AppUser", pointer: "/properties/externalId", amend: nullable,
        reason: "Okta sends `externalId: null` for an assignment no provisioning has linked yet",
        evidence: { cassette: APPS, interaction: 12, instancePath: "/externalId" },
    },
    {
        document: "management", schema: "ApplicationAccessibility", pointer: "/properties/errorRedirectUrl", amend: nullable,
        reason: "Okta sends `accessibility.errorRedirectUrl: null` when no custom error page is set",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/accessibility/errorRedirectUrl" },
    },
    {
        document: "management", schema: "ApplicationAccessibility", pointer: "/properties/loginRedirectUrl", amend: nullable,
        reason: "Okta sends `accessibility.loginRedirectUrl: null` when no custom login page is set",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/accessibility/loginRedirectUrl" },
    },
    {
        document: "management", schema: "ApplicationUniversalLogout", pointer: "", amend: nullable,
        reason: "Okta sends `universalLogout: null` for apps without Universal Logout",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/universalLogout" },
    },
    {
        document: "management", schema: "ApplicationSettingsNotes", pointer: "/properties/admin", amend: nullable,
        reason: "Okta sends `settings.notes.admin: null` when no note is set",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/notes/admin" },
    },
    {
        document: "management", schema: "ApplicationSettingsNotes", pointer: "/properties/enduser", amend: nullable,
        reason: "Okta sends `settings.notes.enduser: null` when no note is set",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/notes/enduser" },
    },
    {
        document: "management", schema: "ApplicationSettingsNotificationsVpn", pointer: "/properties/helpUrl", amend: nullable,
        reason: "Okta sends `settings.notifications.vpn.helpUrl: null` when VPN notifications are off",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/notifications/vpn/helpUrl" },
    },
    {
        document: "management", schema: "ApplicationSettingsNotificationsVpn", pointer: "/properties/message", amend: nullable,
        reason: "Okta sends `settings.notifications.vpn.message: null` when VPN notifications are off",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/notifications/vpn/message" },
    },
    {
        document: "management", schema: "OpenIdConnectApplicationSettingsClient", pointer: "/properties/client_uri", amend: nullable,
        reason: "Okta sends `settings.oauthClient.client_uri: null` for an OIDC app created without one",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/oauthClient/client_uri" },
    },
    {
        document: "management", schema: "OpenIdConnectApplicationSettingsClient", pointer: "/properties/logo_uri", amend: nullable,
        reason: "Okta sends `settings.oauthClient.logo_uri: null` for an OIDC app created without one",
        evidence: { cassette: APPS, interaction: 7, instancePath: "/settings/oauthClient/logo_uri" },
    },
    {
        document: "management", schema: "Policy", pointer: "/properties/_embedded", amend: { additionalProperties: {} },
        reason:
            "Policy._embedded says every entry is an object, but the subtypes (AccessPolicy) declare " +
            "`_embedded.resourceType` as a string, and Okta sends `\"resourceType\": \"APP\"`",
        evidence: { cassette: APPS, interaction: 5, instancePath: "/0/_embedded/resourceType" },
    },
    {
        document: "management", operationId: "deactivateUser", status: "200",
        amend: EMPTY_OBJECT,
        reason: "The spec declares no body for a user deactivation, but Okta answers 200 with `{}`",
        evidence: { cassette: "TestAccResourceOktaUser_statusDeprovisioned/classic-00.yaml", interaction: 5, instancePath: "" },
    },
    ...["suspendUser", "unsuspendUser", "unlockUser", "resetFactors"].map(
        (operationId): ResponseException => ({
            document: "management", operationId, status: "200", amend: EMPTY_OBJECT,
            reason: "Declared without a body like deactivateUser, for which Okta was recorded answering `{}`; the emulator answers alike",
            evidence: { like: "deactivateUser 200" },
        }),
    ),
    {
        document: "management", schema: "Application", pointer: "/properties/_embedded/properties/user",
        amend: { $ref: "#/components/schemas/AppUser" },
        reason:
            "`_embedded.user` (apps listed with `expand=user/{userId}`) is described as the assigned Application User, " +
            "but its schema is a map of objects, which no Application User (id, status, scope strings) can be",
        evidence: { quote: "The specified [Application User](/openapi/okta-management/management/tags/applicationusers) assigned to the app" },
    },
    {
        document: "oauth", operationId: "authorize", status: "302",
        amend: { description: "Redirect to the client's redirect_uri (with code and state, or error), without a body" },
        reason:
            "The spec declares only 429 for /authorize and omits its responses on purpose; what the browser gets is a " +
            "302 to the client's redirect URI",
        evidence: { quote: "Example responses are intentionally omitted" },
    },
];

export const isSchemaException = (e: SpecException): e is SchemaException => "schema" in e;
