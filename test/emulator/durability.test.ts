import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { objectPath, streamCreates, type Acknowledged } from "../support/create-stream";
import { startEmulatorCli, type EmulatorProcess } from "../support/emulator-process";

const TOKEN = "durability-token-00000000000000000000000";
/** Rate limits out of the way: the test is about what survives a crash, not about 429s. */
const FLAGS = ["--token", TOKEN, "--port", "0", "--token-share", "100"].concat(
    ...["users", "user-get", "groups", "group", "api"].map((bucket) => ["--rate-limit", `${bucket}=100000000`]),
);
const RUNS = 6;
const IN_FLIGHT = 8;

describe("emulator: --data-file survives kill -9 (every acknowledged create is on disk)", function () {
    this.timeout(180_000);
    let dir: string;
    let emulator: EmulatorProcess | undefined;

    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "okta-emulator-durability-"));
    });
    after(async () => {
        await emulator?.kill();
        rmSync(dir, { recursive: true, force: true });
    });

    it(`keeps every acknowledged user and group across ${RUNS} kills at random moments`, async () => {
        const file = path.join(dir, "org.json");
        for (let run = 1; run <= RUNS; run++) {
            emulator = await startEmulatorCli(["--data-file", file, ...FLAGS]);
            // 0 to 1500 ms after the first acknowledgement (the first one is slow: nothing is warm yet), so the kill lands
            // at a different point of a save each run.
            const killAfterMs = Math.floor(Math.random() * 1500);
            let firstAcknowledged!: () => void;
            const started = new Promise<void>((resolve) => (firstAcknowledged = resolve));
            const killed = started.then(() => delay(killAfterMs)).then(() => emulator!.kill());
            const stream = await streamCreates(emulator.url, TOKEN, {
                tag: `run${run}`,
                inFlight: IN_FLIGHT,
                stop: killed,
                onAcknowledged: () => firstAcknowledged(),
            });
            await killed;
            expect(stream.refused, "answers other than 2xx before the kill").to.deep.equal([]);
            expect(stream.acknowledged.length, "creates acknowledged before the kill").to.be.greaterThan(0);

            emulator = await startEmulatorCli(["--data-file", file, ...FLAGS]);
            const missing = await missingObjects(emulator.url, stream.acknowledged);
            await emulator.stop();
            emulator = undefined;
            const found = stream.acknowledged.length - missing.length;
            console.log(
                `      run ${run}: kill -9 ${killAfterMs} ms after the first acknowledgement; acknowledged ${stream.acknowledged.length}, ` +
                    `found after restart ${found}, lost ${missing.length} (${stream.unanswered} in flight at the kill)`,
            );
            expect(missing, `acknowledged creates missing after the restart (run ${run})`).to.deep.equal([]);
        }
    });
});

/** The acknowledged objects the emulator does not know (404), read back with IN_FLIGHT requests at a time. */
async function missingObjects(url: string, acknowledged: Acknowledged[]): Promise<Acknowledged[]> {
    const missing: Acknowledged[] = [];
    const queue = [...acknowledged];
    const worker = async () => {
        for (let object = queue.shift(); object; object = queue.shift()) {
            const response = await fetch(new URL(objectPath(object), url), { headers: { Authorization: `SSWS ${TOKEN}`, Accept: "application/json" } });
            await response.arrayBuffer();
            if (response.status === 404) {
                missing.push(object);
            } else if (response.status !== 200) {
                throw new Error(`GET ${objectPath(object)} answered ${response.status}`);
            }
        }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return missing;
}
