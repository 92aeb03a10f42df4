import { expect } from "chai";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TUNING_SETTINGS } from "../../provider";
import { REPO_ROOT } from "../../scripts/pulumi-offline";
import { generateSdk, loadSchema, staleFiles } from "../../scripts/generate-sdk";

describe("sdk: schema.json and the code generated from it", () => {
    const schema = loadSchema();

    it("is a valid Pulumi package schema", () => {
        const metaschema = JSON.parse(readFileSync(join(REPO_ROOT, "test", "fixtures", "pulumi-package-metaschema.json"), "utf8"));
        const ajv = new Ajv2020({ strict: false, allErrors: true });
        addFormats(ajv);
        const validate = ajv.compile(metaschema);
        expect(validate(schema), JSON.stringify(validate.errors, null, 2)).to.equal(true);
    });

    it("the committed generated files are what the schema gives (run `make generate` after editing schema.json)", () => {
        expect(staleFiles()).to.deep.equal([]);
    });

    it("detects a drift: a schema change changes the generated files", () => {
        const changed = structuredClone(schema);
        changed.resources["okta:index:Group"].inputProperties.name.description = "Another description.";
        const before = generateSdk(schema);
        const after = generateSdk(changed);
        expect(after.get("sdk/group.ts")).not.to.equal(before.get("sdk/group.ts"));
        expect(after.get("sdk/group.ts")).to.contain("Another description.");
    });

    it("every resource lists each input among its outputs, with the same type and secrecy", () => {
        for (const [token, resource] of Object.entries(schema.resources)) {
            for (const [name, input] of Object.entries(resource.inputProperties)) {
                const output = resource.properties[name];
                expect(output, `${token}.${name}`).to.not.equal(undefined);
                expect(output.$ref ?? output.type, `${token}.${name}`).to.equal(input.$ref ?? input.type);
                expect(Boolean(output.secret), `${token}.${name} secret`).to.equal(Boolean(input.secret));
            }
        }
    });

    it("marks every credential secret: passwords, hashes, recovery answers, hook auth values, connections", () => {
        const secret = (token: string, name: string) => schema.resources[token].inputProperties[name].secret;
        expect(secret("okta:index:User", "password")).to.equal(true);
        expect(secret("okta:index:User", "oldPassword")).to.equal(true);
        expect(secret("okta:index:User", "passwordHash")).to.equal(true);
        expect(secret("okta:index:User", "recoveryAnswer")).to.equal(true);
        expect(secret("okta:index:AppUserAssignment", "password")).to.equal(true);
        expect(secret("okta:index:EventHook", "authHeaderValue")).to.equal(true);
        for (const [token, resource] of Object.entries(schema.resources)) {
            expect(resource.inputProperties.connection?.secret, `${token}.connection`).to.equal(true);
        }
    });

    it("the per-resource connection has exactly the connection settings of the stack config (tuning is process-wide)", () => {
        const connection = schema.types!["okta:index:Connection"].properties!;
        const connectionSettings = Object.entries(schema.config.variables).filter(([name]) => !(TUNING_SETTINGS as readonly string[]).includes(name));
        expect(Object.keys(connection).sort()).to.deep.equal(connectionSettings.map(([name]) => name).sort());
        for (const [name, variable] of connectionSettings) {
            expect(Boolean(connection[name].secret), name).to.equal(Boolean(variable.secret));
        }
    });

    it("describes every tuning setting in the stack config, with a default and a range", () => {
        const ranges = schema.language?.["x-okta-iac"]?.validation?.config ?? {};
        for (const name of TUNING_SETTINGS) {
            const variable = schema.config.variables[name];
            expect(variable?.type, name).to.be.oneOf(["integer", "number"]);
            expect(variable.default, name).to.be.a("number");
            expect(Object.keys(ranges[name] ?? {}), name).to.not.be.empty;
        }
    });

    it("the generated resource classes wrap secret inputs and declare secret outputs", () => {
        const user = readFileSync(join(REPO_ROOT, "sdk", "user.ts"), "utf8");
        expect(user).to.contain("password: secretInput(args.password)");
        expect(user).to.contain('withSecretOutputs(opts, ["password", "oldPassword", "passwordHash", "recoveryAnswer", "connection"], props)');
        expect(user).to.contain("declare readonly rawStatus: pulumi.Output<string>;");
    });
});
