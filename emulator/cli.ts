#!/usr/bin/env node
import { parseArgs } from "node:util";
import { parseFaultRule, type FaultRule } from "./pipeline/faults";
import { OktaEmulator } from "./server";
import { loadSeedFile, type SeedDocument } from "./org/seed";

const USAGE = `Usage: okta-emulator [--port N] [--host ADDR] [--seed FILE] [--data-file FILE] [--token TOKEN]... [options]

Starts a local Okta Management API emulator and prints its base URL on the first line.
  --port               port to listen on; 0 picks a free one (env OKTA_EMULATOR_PORT; default 0)
  --host               interface to listen on (env OKTA_EMULATOR_HOST; default 127.0.0.1)
  --seed               YAML seed file with tokens, OAuth apps and initial objects (env OKTA_EMULATOR_SEED)
  --data-file          keep the org in this JSON file across restarts (env OKTA_EMULATOR_DATA_FILE); when it exists,
                       the org is loaded from it and the seed only adds its tokens and OAuth apps. Without it: memory only
  --token              an extra API token to accept as "SSWS <token>"; repeatable
  --access-token-lifetime  OAuth access token lifetime in seconds (default 3600, as Okta)
  --window-ms          rate-limit window length in ms (default 60000)
  --rate-limit         NAME=N: requests per window of one bucket, e.g. user-get=100; repeatable
  --concurrency-limit  simultaneous requests before a concurrency 429 (default 75; 0 = no limit)
  --token-share        percent of each bucket one token may use (default 50; 100 = no per-token cap)
  --fault              '[METHOD] PATH name=p,...' with names 500, 501, 502, 503, 429, drop, lose (probabilities),
                       latency (ms), times; e.g. 'POST /api/v1/groups 503=0.1,lose=0.05'; repeatable
  --fault-seed         seed of the fault random source (reproducible runs)
  --control-token      token of the control API under /__emulator/ (env OKTA_EMULATOR_CONTROL_TOKEN; off without)
  --quiet              do not log requests`;

function main(): void {
    let parsed;
    try {
        parsed = parseArgs({
            options: {
                port: { type: "string" },
                host: { type: "string" },
                seed: { type: "string" },
                "data-file": { type: "string" },
                token: { type: "string", multiple: true },
                "window-ms": { type: "string" },
                "access-token-lifetime": { type: "string" },
                "rate-limit": { type: "string", multiple: true },
                "concurrency-limit": { type: "string" },
                "token-share": { type: "string" },
                fault: { type: "string", multiple: true },
                "fault-seed": { type: "string" },
                "control-token": { type: "string" },
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
    const optionalInteger = (name: string, raw: string | undefined) => (raw === undefined ? undefined : integerOption(name, raw));
    const windowMs = optionalInteger("--window-ms", values["window-ms"]);
    const accessTokenLifetimeSeconds = optionalInteger("--access-token-lifetime", values["access-token-lifetime"]);
    const limits: Record<string, number> = {};
    for (const setting of values["rate-limit"] ?? []) {
        const [name, raw] = setting.split("=");
        limits[name] = integerOption(`--rate-limit ${name}`, raw ?? "");
    }
    let faultRules: FaultRule[] = [];
    try {
        faultRules = (values.fault ?? []).map(parseFaultRule);
    } catch (err) {
        fail((err as Error).message);
    }
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

    let emulator: OktaEmulator;
    try {
        emulator = new OktaEmulator({
            host: values.host ?? process.env.OKTA_EMULATOR_HOST ?? "127.0.0.1",
            port,
            seed,
            rateLimits: {
                windowMs,
                limits,
                concurrency: optionalInteger("--concurrency-limit", values["concurrency-limit"]),
                tokenShare: optionalInteger("--token-share", values["token-share"]),
            },
            faults: { seed: optionalInteger("--fault-seed", values["fault-seed"]), rules: faultRules },
            oauth: { accessTokenLifetimeSeconds },
            controlToken: values["control-token"] ?? process.env.OKTA_EMULATOR_CONTROL_TOKEN,
            dataFile: values["data-file"] ?? process.env.OKTA_EMULATOR_DATA_FILE,
            log: values.quiet ? undefined : (line) => console.error(line),
        });
    } catch (err) {
        fail((err as Error).message);
    }
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

try {
    main();
} catch (err) {
    // E.g. a data file that cannot be loaded: say so plainly instead of a stack trace.
    fail((err as Error).message);
}
