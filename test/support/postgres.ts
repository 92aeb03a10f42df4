import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/pulumi-offline";

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, "scripts", "postgres.sh");

/** A throwaway PostgreSQL server on 127.0.0.1 started by scripts/postgres.sh (docs/team-backend.md). */
export interface PostgresServer {
    /** The backend URL for `pulumi login`, without the password. */
    backendUrl: string;
    /** PGPASSWORD and friends, for the CLI's environment. */
    env: Record<string, string>;
    stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
    const { stdout } = await run("bash", [SCRIPT, "start"]);
    const env = parseExports(stdout);
    const dir = env.OKTA_IAC_PG_DIR;
    return {
        backendUrl: `postgres://${env.PGUSER}@${env.PGHOST}:${env.PGPORT}/${env.PGDATABASE}?sslmode=disable`,
        env,
        stop: async () => {
            await run("bash", [SCRIPT, "stop", dir]);
        },
    };
}

/** `export A=1 B=2` lines into { A: "1", B: "2" }. */
function parseExports(text: string): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [, name, value] of text.matchAll(/([A-Z_]+)=(\S+)/g)) env[name] = value;
    return env;
}
