import { readdirSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The lock a `file://` (DIY) backend keeps per stack while a command runs: `.pulumi/locks/<org>/<project>/<stack>/
 * <id>.json` holding the pid, user, host and start time of its holder (docs/recovery.md#the-stack-lock). A CLI killed
 * with SIGKILL never removes it.
 */
export interface StackLock {
    file: string;
    pid: number;
    username: string;
    hostname: string;
    /** When the locking command started: the start of the interrupted update. */
    timestamp: Date;
}

/** The lock files of `stack` under a `file://` backend; empty for other backends or when none is held. */
export function readStackLocks(backendUrl: string | undefined, project: string, stack: string): StackLock[] {
    if (!backendUrl?.startsWith("file://")) {
        return [];
    }
    const root = join(fileURLToPath(backendUrl), ".pulumi", "locks");
    const parts = stack.split("/");
    // A fully qualified name (org/project/stack) is the path itself; a bare name lives under the default org.
    const dirs = parts.length === 3 ? [join(root, ...parts)] : [join(root, "organization", project, stack), join(root, stack)];
    return dirs.flatMap((dir) => lockFilesIn(dir).map((file) => parseLock(file)));
}

function lockFilesIn(dir: string): string[] {
    try {
        return readdirSync(dir, { withFileTypes: true })
            .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
            .map((entry) => join(dir, entry.name));
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") {
            return [];
        }
        throw err;
    }
}

function parseLock(file: string): StackLock {
    const content = JSON.parse(readFileSync(file, "utf8")) as { pid?: number; username?: string; hostname?: string; timestamp?: string };
    const timestamp = new Date(content.timestamp ?? NaN);
    if (typeof content.pid !== "number" || Number.isNaN(timestamp.getTime())) {
        throw new Error(`the stack lock ${file} is not a Pulumi lock (no pid or timestamp); look at it and remove it by hand`);
    }
    return { file, pid: content.pid, username: content.username ?? "", hostname: content.hostname ?? "", timestamp };
}

/**
 * Whether the lock's holder may still be running: always true for another host (we cannot look), else whether its
 * pid is alive here. A live holder's update is not interrupted; taking its lock would corrupt the state.
 */
export function holderMayBeAlive(lock: StackLock): boolean {
    if (lock.hostname !== hostname()) {
        return true;
    }
    try {
        process.kill(lock.pid, 0);
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
    return !pidReusedByAnotherProgram(lock.pid);
}

/** On Linux, a live pid whose command line does not mention pulumi was reused after the holder died. */
function pidReusedByAnotherProgram(pid: number): boolean {
    try {
        return !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("pulumi");
    } catch {
        return false;
    }
}
