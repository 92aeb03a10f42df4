import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { OrgStore } from "../store";
import { restoreStore, snapshotStore } from "./snapshot";

/** A data file that cannot be used: unreadable, not JSON (truncated, corrupted) or not emulator state. */
export class DataFileError extends Error {}

/**
 * The org's state in one JSON file (`--data-file`). Loaded once at start; saved before a change is answered and on
 * close. Saves are group commits (docs/emulator.md#durable-writes): one save runs at a time, and every change made
 * while it runs waits for the next one, which covers them all. Writes are atomic: a temporary file in the same
 * directory is written and fsynced, then renamed over the old one and the directory fsynced, so a crash leaves either
 * the old state or the new one, never a mix.
 */
export class DataFile {
    private dirty = false;
    /** The save that starts next; every change made before it starts shares it. */
    private next?: PendingSave;
    /** The save in progress (its snapshot is taken; it is writing). */
    private running?: Promise<void>;

    constructor(
        readonly path: string,
        private readonly store: OrgStore,
        private readonly options: { delayMs?: number; log?: (line: string) => void } = {},
    ) {}

    /** Restores the store from the file; false when there is no file yet (first start). Throws DataFileError. */
    load(): boolean {
        let text: string;
        try {
            text = readFileSync(this.path, "utf8");
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "ENOENT") {
                return false;
            }
            throw new DataFileError(`cannot read data file ${this.path}: ${(err as Error).message}`);
        }
        let document: unknown;
        try {
            document = JSON.parse(text);
        } catch (err) {
            throw new DataFileError(
                `data file ${this.path} is not valid JSON (truncated or corrupted?): ${(err as Error).message}. ` +
                    `Move it away to start with an empty org.`,
            );
        }
        try {
            restoreStore(this.store, document);
        } catch (err) {
            throw new DataFileError(`data file ${this.path} cannot be loaded: ${(err as Error).message}`);
        }
        return true;
    }

    /**
     * Resolves once the org as it is now is on disk: the save that covers it started after this call. Rejects when
     * that save failed (the change stays in memory and the next save tries again).
     */
    commit(): Promise<void> {
        this.dirty = true;
        if (!this.next) {
            this.next = new PendingSave();
            if (!this.running) {
                this.schedule();
            }
        }
        return this.next.done;
    }

    /** Notes a change nobody waits for (a background event hook delivery, an org reset): saved by the next save. */
    changed(): void {
        // A failed save is logged where it fails; the change is retried with the next one.
        this.commit().catch(() => undefined);
    }

    /** Writes pending changes now (and waits for any write in progress). Used on close. */
    async flush(): Promise<void> {
        if (this.dirty || this.next) {
            await this.commit().catch(() => undefined);
        }
        await this.running;
    }

    /**
     * Starts the next save once the current turn of the event loop is over (so requests answered in the same turn
     * share it), or after `delayMs` when set, to gather more changes per write.
     */
    private schedule(): void {
        const start = () => this.start();
        const delayMs = this.options.delayMs ?? 0;
        if (delayMs > 0) {
            setTimeout(start, delayMs).unref();
        } else {
            setImmediate(start);
        }
    }

    private start(): void {
        const batch = this.next;
        this.next = undefined;
        if (!batch) {
            return;
        }
        this.running = this.save(batch).finally(() => {
            this.running = undefined;
            if (this.next) {
                this.schedule();
            }
        });
    }

    /** Serialises the org now (consistent: nothing else runs meanwhile), writes it, and settles the batch's waiters. */
    private async save(batch: PendingSave): Promise<void> {
        this.dirty = false;
        try {
            const payload = JSON.stringify(snapshotStore(this.store));
            await writeAtomically(this.path, payload);
            batch.resolve();
        } catch (err) {
            this.dirty = true;
            this.options.log?.(`data file ${this.path}: cannot save the org: ${(err as Error).message}`);
            batch.reject(err as Error);
        }
    }
}

/** The waiters of one save. */
class PendingSave {
    resolve!: () => void;
    reject!: (err: Error) => void;
    readonly done = new Promise<void>((resolve, reject) => {
        this.resolve = resolve;
        this.reject = reject;
    });
}

async function writeAtomically(file: string, payload: string): Promise<void> {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
        const handle = await open(temporary, "wx", 0o600);
        try {
            await handle.writeFile(payload, "utf8");
            await handle.sync();
        } finally {
            await handle.close();
        }
        await rename(temporary, file);
    } catch (err) {
        await rm(temporary, { force: true });
        throw err;
    }
    await syncDirectory(path.dirname(file));
}

/** Makes the rename itself durable. Not every platform lets a directory be fsynced; there it is skipped. */
async function syncDirectory(directory: string): Promise<void> {
    let handle;
    try {
        handle = await open(directory, "r");
        await handle.sync();
    } catch {
        // EISDIR/EPERM/EINVAL on some platforms: the file itself is already synced.
    } finally {
        await handle?.close();
    }
}
