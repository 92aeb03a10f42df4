/**
 * THE list of places where Okta's published spec disagrees with what real Okta sends (recorded traffic), and how the
 * conformance checks amend the spec there. Each entry names the recorded interaction that proves it; the conformance
 * test replays that evidence to show the unamended spec rejects it at `instancePath` and the amended one accepts it,
 * so an entry cannot outlive its reason. Add an entry only with such evidence, never to make an emulator body pass.
 */

export interface SpecEvidence {
    /** Cassette file under ../shared/okta/cassettes. */
    cassette: string;
    interaction: number;
    /** Where in that response body the unamended spec reports the problem ("" for the whole body). */
    instancePath: string;
}

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

/** Amends the response an operation declares for one status. */
export interface ResponseException extends ExceptionBase {
    operationId: string;
    status: string;
}

export type SpecException = SchemaException | ResponseException;

const nullable = { nullable: true };
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
        amend: { content: { "application/json": { schema: { type: "object", maxProperties: 0 } } } },
        reason: "The spec declares no body for a user deactivation, but Okta answers 200 with `{}`",
        evidence: { cassette: "TestAccResourceOktaUser_statusDeprovisioned/classic-00.yaml", interaction: 5, instancePath: "" },
    },
];

export const isSchemaException = (e: SpecException): e is SchemaException => "schema" in e;
