#!/usr/bin/env node
import { parseArgs } from "node:util";
import { OktaEmulator } from "./server";
import { loadSeedFile, type SeedDocument } from "./seed";

const USAGE = `Usage: okta-emulator [--port N] [--host ADDR] [--seed FILE] [--token TOKEN]... [--window-ms MS]
                     [--access-token-lifetime S] [--quiet]

Starts a local Okta Management API emulator and prints its base URL on the first line.
  --port       port to listen on; 0 picks a free one (env OKTA_EMULATOR_PORT; default 0)
  --host       interface to listen on (env OKTA_EMULATOR_HOST; default 127.0.0.1)
  --seed       YAML seed file with tokens, OAuth apps and initial objects (env OKTA_EMULATOR_SEED)
  --token      an extra API token to accept as "SSWS <token>"; repeatable
  --window-ms  rate-limit window length in ms (default 60000)
  --access-token-lifetime  OAuth access token lifetime in seconds (default 3600, as Okta)
  --quiet      do not log requests`;

function main(): void {
    let parsed;
    try {
        parsed = parseArgs({
            options: {
                port: { type: "string" },
                host: { type: "string" },
                seed: { type: "string" },
                token: { type: "string", multiple: true },
                "window-ms": { type: "string" },
                "access-token-lifetime": { type: "string" },
                quiet: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (err) {
        fail((err as Error).message);
    }
    const { values } = parsed;
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const port = integerOption("--port", values.port ?? process.env.OKTA_EMULATOR_PORT ?? "0");
    const windowMs = values["window-ms"] === undefined ? undefined : integerOption("--window-ms", values["window-ms"]);
    const lifetime = values["access-token-lifetime"];
    const accessTokenLifetimeSeconds = lifetime === undefined ? undefined : integerOption("--access-token-lifetime", lifetime);
    const seedPath = values.seed ?? process.env.OKTA_EMULATOR_SEED;
    let seed: SeedDocument = {};
    try {
        seed = seedPath ? loadSeedFile(seedPath) : {};
    } catch (err) {
        fail((err as Error).message);
    }
    seed.tokens = [...(seed.tokens ?? []), ...(values.token ?? []).map((token) => ({ token, name: "cli" }))];
    if (seed.tokens.length === 0 && !seed.serviceApps?.length && !seed.webApps?.length) {
        fail("no credentials: give --token or a seed file with tokens, serviceApps or webApps");
    }

    const emulator = new OktaEmulator({
        host: values.host ?? process.env.OKTA_EMULATOR_HOST ?? "127.0.0.1",
        port,
        seed,
        rateLimits: { windowMs },
        oauth: { accessTokenLifetimeSeconds },
        log: values.quiet ? undefined : (line) => console.error(line),
    });
    emulator.start().then(
        (url) => console.log(url),
        (err: Error) => fail(`cannot listen: ${err.message}`),
    );
    const stop = () => {
        emulator.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

function integerOption(name: string, raw: string): number {
    if (!/^\d+$/.test(raw)) {
        fail(`${name} must be a whole number, got '${raw}'`);
    }
    return Number(raw);
}

function fail(message: string): never {
    console.error(`okta-emulator: ${message}\n\n${USAGE}`);
    process.exit(2);
}

main();
