/** Seeded apps for tests: a password app whose users have their own credentials, one with shared credentials, and a SAML app. */
export const TEST_APPS = [
    { id: "0oaswa00000000000001", name: "template_swa", label: "Wiki", signOnMode: "AUTO_LOGIN", credentials: { scheme: "EDIT_USERNAME_AND_PASSWORD" } },
    {
        id: "0oashared00000000001",
        name: "template_swa",
        label: "Shared Twitter",
        signOnMode: "BROWSER_PLUGIN",
        credentials: { scheme: "SHARED_USERNAME_AND_PASSWORD", userName: "team@example.com" },
    },
    { id: "0oasaml0000000000001", name: "saml_app", label: "Expenses", signOnMode: "SAML_2_0" },
];
