import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { SeedDocument } from "../../emulator";
import { startTestOrg, type TestOrg } from "../support/emulator";
import { oauthSeed, REDIRECT_URI, ROTATING_CLIENT_ID, SERVICE_CLIENT_ID, SERVICE_ES_CLIENT_ID, WEB_CLIENT_ID, WEB_CLIENT_SECRET } from "../support/oauth";
import { OktaSpec } from "../support/openapi/spec";
import { validateSeed } from "../../emulator/org/seed";
import { needsReferenceData } from "../support/reference-data";

/** Seeded OAuth clients, plus one with a custom client id and one ordinary app. */
async function seed(): Promise<SeedDocument> {
    const base = await oauthSeed(["okta.groups.read"]);
    return {
        ...base,
        serviceApps: [...base.serviceApps!, { ...base.serviceApps![1], clientId: "terraform-automation", name: "Terraform" }],
        apps: [{ id: "0oabookmark000000001", name: "bookmark", label: "Wiki", signOnMode: "BOOKMARK", settings: { app: { url: "https://wiki.example.com" } } }],
    };
}

describe("emulator: OAuth clients are listed among the org's apps, as Okta lists them", () => {
    let org: TestOrg | undefined;
    /** Problems of a response body against the spec operation of `method path` (OIDC apps dispatched by signOnMode). */
    const problems = (method: string, path: string, body: unknown) => {
        const spec = OktaSpec.load();
        return spec.check(spec.find(method, path)!, 200, body).errors;
    };
    afterEach(async () => {
        await org?.close();
        org = undefined;
    });

    const oidcApps = (apps: any[]) => apps.filter((app) => app.signOnMode === "OPENID_CONNECT");
    const clientIdOf = (app: any) => app.credentials.oauthClient.client_id;

    it("lists service and web apps as OpenID Connect apps that validate against the spec", needsReferenceData(async () => {
        org = await startTestOrg({ seed: await seed() });
        const res = await org.api("GET", "/api/v1/apps");
        expect(res.status).to.equal(200);
        expect(problems("GET", "/api/v1/apps", res.body)).to.deep.equal([]);
        for (const app of oidcApps(res.body)) {
            const one = await org.api("GET", `/api/v1/apps/${app.id}`);
            expect(one.body).to.deep.equal(app);
            expect(problems("GET", `/api/v1/apps/${app.id}`, one.body), clientIdOf(app)).to.deep.equal([]);
        }

        expect(res.body.map((app: any) => app.label)).to.include("Wiki");
        const byClient = Object.fromEntries(oidcApps(res.body).map((app) => [clientIdOf(app), app]));
        expect(Object.keys(byClient).sort()).to.deep.equal(
            [SERVICE_CLIENT_ID, SERVICE_ES_CLIENT_ID, WEB_CLIENT_ID, ROTATING_CLIENT_ID, "terraform-automation"].sort(),
        );
        for (const app of Object.values(byClient)) {
            expect(app).to.include({ name: "oidc_client", status: "ACTIVE" });
        }
        // Okta ids are the client ids; a custom client id gets an app id of its own.
        expect(byClient[SERVICE_CLIENT_ID].id).to.equal(SERVICE_CLIENT_ID);
        expect(byClient["terraform-automation"].id).to.match(/^0oa[A-Za-z0-9]{17}$/);
        expect(byClient["terraform-automation"].label).to.equal("Terraform");
    }));

    it("shows each client's OAuth settings: grant types, auth method, DPoP, keys, redirect URIs, refresh token rotation", async () => {
        org = await startTestOrg({ seed: await seed() });
        const app = async (id: string) => (await org!.api("GET", `/api/v1/apps/${id}`)).body;

        const service = await app(SERVICE_CLIENT_ID);
        expect(service.credentials.oauthClient).to.include({ client_id: SERVICE_CLIENT_ID, token_endpoint_auth_method: "private_key_jwt" });
        expect(service.settings.oauthClient).to.include({ application_type: "service", dpop_bound_access_tokens: true });
        expect(service.settings.oauthClient.grant_types).to.deep.equal(["client_credentials"]);
        expect(service.settings.oauthClient.response_types).to.deep.equal(["token"]);
        const [key] = service.settings.oauthClient.jwks.keys;
        expect(key).to.include({ kid: "rsa-1", kty: "RSA", status: "ACTIVE", use: "sig" });
        expect(key.id).to.match(/^pks/);
        expect(key).to.not.have.any.keys("d", "p", "q", "dp", "dq", "qi");
        expect((await app(SERVICE_ES_CLIENT_ID)).settings.oauthClient.dpop_bound_access_tokens).to.equal(false);

        const web = await app(WEB_CLIENT_ID);
        expect(web.credentials.oauthClient).to.include({ client_id: WEB_CLIENT_ID, token_endpoint_auth_method: "client_secret_basic" });
        expect(web.credentials.oauthClient).to.not.have.property("client_secret");
        expect(JSON.stringify(web)).to.not.contain(WEB_CLIENT_SECRET);
        expect(web.settings.oauthClient).to.deep.include({
            application_type: "web",
            grant_types: ["authorization_code", "refresh_token"],
            redirect_uris: [REDIRECT_URI],
            refresh_token: { rotation_type: "STATIC", leeway: 30 },
        });
        expect((await app(ROTATING_CLIENT_ID)).settings.oauthClient.refresh_token).to.deep.equal({ rotation_type: "ROTATE", leeway: 30 });
        expect(web._links.accessPolicy.href).to.match(/\/api\/v1\/policies\//);

        const filtered = await org.api("GET", `/api/v1/apps?filter=${encodeURIComponent('name eq "oidc_client"')}`);
        expect(filtered.body).to.have.length(5);
    });

    it("refuses a client id that is already a seeded app's id", async () => {
        const base = await oauthSeed();
        const clash = { ...base, apps: [{ id: SERVICE_CLIENT_ID, name: "bookmark", label: "Clash", signOnMode: "BOOKMARK" as const }] };
        expect(() => validateSeed(clash)).to.throw(`seed: serviceApps[0].clientId: '${SERVICE_CLIENT_ID}' is already used by another app`);
    });

    it("lists each client once after a restart from a data file (the seed's clients are applied again)", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "okta-emulator-oauth-apps-"));
        try {
            const dataFile = path.join(dir, "org.json");
            org = await startTestOrg({ seed: await seed(), dataFile });
            const before = oidcApps((await org.api("GET", "/api/v1/apps")).body).map((app) => app.id);
            await org.api("POST", "/api/v1/groups", { body: { profile: { name: "Saved" } } }); // the file is written on changes
            await org.close();
            org = await startTestOrg({ seed: await seed(), dataFile });
            const after = oidcApps((await org.api("GET", "/api/v1/apps")).body).map((app) => app.id);
            expect((await org.api("GET", "/api/v1/groups?q=Saved")).body).to.have.length(1); // restored, not seeded afresh
            expect(after).to.deep.equal(before);
            expect(after).to.have.length(5);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
