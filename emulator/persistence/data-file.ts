import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { OrgStore } from "../store";
import { restoreStore, snapshotStore } from "./snapshot";

/** How long after the first unsaved change the org is written (changes in between share one write). */
export const DEFAULT_SAVE_DELAY_MS = 200;

/** A data file that cannot be used: unreadable, not JSON (truncated, corrupted) or not emulator state. */
export class DataFileError extends Error {}

/**
 * The org's state in one JSON file (`--data-file`). Loaded once at start; saved after changes (debounced: at most
 * one write per `delayMs` while changes keep coming) and on close. Writes are atomic: a temporary file in the same
 * directory is written and fsynced, then renamed over the old one and the directory fsynced, so a crash leaves either
 * the old state or the new one, never a mix.
 */
export class DataFile {
    private timer?: NodeJS.Timeout;
    private dirty = false;
    private writing: Promise<void> = Promise.resolve();

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

    /** Notes a change; the state is written `delayMs` later. */
    changed(): void {
        this.dirty = true;
        if (!this.timer) {
            this.timer = setTimeout(() => {
                this.timer = undefined;
                void this.save();
            }, this.options.delayMs ?? DEFAULT_SAVE_DELAY_MS);
            this.timer.unref();
        }
    }

    /** Writes pending changes now (and waits for any write in progress). Used on close. */
    async flush(): Promise<void> {
        clearTimeout(this.timer);
        this.timer = undefined;
        await this.save();
    }

    /** Serialises the org now (consistent: nothing else runs meanwhile) and queues the write after earlier ones. */
    private save(): Promise<void> {
        if (!this.dirty) {
            return this.writing;
        }
        this.dirty = false;
        let payload: string;
        try {
            payload = JSON.stringify(snapshotStore(this.store));
        } catch (err) {
            this.options.log?.(`data file ${this.path}: cannot save the org: ${(err as Error).message}`);
            return this.writing;
        }
        this.writing = this.writing.then(() =>
            writeAtomically(this.path, payload).catch((err: Error) => {
                this.dirty = true;
                this.options.log?.(`data file ${this.path}: write failed: ${err.message}`);
            }),
        );
        return this.writing;
    }
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
