import { readdirSync, readFileSync } from "node:fs";

/** One running process, read from /proc (Linux). */
export interface ProcessInfo {
    pid: number;
    ppid: number;
    cmdline: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
        return { pid, ppid, cmdline };
    } catch {
        return undefined; // exited meanwhile
    }
}

/** Every process below `root` (children, their children, ...). */
export function descendantsOf(root: number): ProcessInfo[] {
    const all = readdirSync("/proc")
        .filter((name) => /^\d+$/.test(name))
        .map((name) => readProcess(Number(name)))
        .filter((p): p is ProcessInfo => p !== undefined);
    const found: ProcessInfo[] = [];
    const parents = new Set([root]);
    let grew = true;
    while (grew) {
        grew = false;
        for (const p of all) {
            if (parents.has(p.ppid) && !parents.has(p.pid)) {
                parents.add(p.pid);
                found.push(p);
                grew = true;
            }
        }
    }
    return found;
}

export function isAlive(pid: number): boolean {
    try {
        // A zombie (state Z) has exited; only its parent has not reaped it yet.
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return false;
    }
}
