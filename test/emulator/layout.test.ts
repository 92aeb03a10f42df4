import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { repoRoot } from "../support/repo";

/**
 * The emulator's layout rules (docs/emulator.md#layout): no import cycle among its modules, and `platform/` imports no
 * other part of the emulator. Type-only imports count: they tie modules together for a reader as much as values do.
 */

const EMULATOR = path.join(repoRoot, "emulator");
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?["'](\.[^"']*)["']/g;

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** Each emulator module and the emulator modules it imports. */
function importGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(EMULATOR)) {
        const targets = [...readFileSync(file, "utf8").matchAll(IMPORT)]
            .map((match) => path.resolve(path.dirname(file), match[1]))
            .map((target) => (existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, "index.ts")))
            .filter((target) => target.startsWith(EMULATOR + path.sep) && existsSync(target));
        graph.set(file, targets);
    }
    return graph;
}

/** One import cycle (as module paths), or undefined when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
    const done = new Set<string>();
    const visit = (file: string, trail: string[]): string[] | undefined => {
        const at = trail.indexOf(file);
        if (at >= 0) {
            return [...trail.slice(at), file];
        }
        if (done.has(file)) {
            return undefined;
        }
        for (const target of graph.get(file) ?? []) {
            const cycle = visit(target, [...trail, file]);
            if (cycle) {
                return cycle;
            }
        }
        done.add(file);
        return undefined;
    };
    for (const file of graph.keys()) {
        const cycle = visit(file, []);
        if (cycle) {
            return cycle;
        }
    }
    return undefined;
}

const relative = (file: string) => path.relative(EMULATOR, file);

describe("emulator layout", () => {
    const graph = importGraph();

    it("reads the emulator's import graph", () => {
        expect(graph.size).to.be.greaterThan(50);
        expect(graph.get(path.join(EMULATOR, "server.ts"))?.map(relative)).to.include("pipeline/steps/index.ts");
    });

    it("has no import cycle", () => {
        expect(findCycle(graph)?.map(relative)).to.equal(undefined);
    });

    it("finds a cycle where there is one", () => {
        const a = path.join(EMULATOR, "a.ts");
        const b = path.join(EMULATOR, "b.ts");
        expect(findCycle(new Map([[a, [b]], [b, [a]]]))?.map(relative)).to.deep.equal(["a.ts", "b.ts", "a.ts"]);
    });

    it("keeps platform/ free of the areas, the org and the pipeline", () => {
        const platform = path.join(EMULATOR, "platform") + path.sep;
        const outside = [...graph].flatMap(([file, targets]) =>
            file.startsWith(platform) ? targets.filter((t) => !t.startsWith(platform)).map((t) => `${relative(file)} -> ${relative(t)}`) : [],
        );
        expect(outside).to.deep.equal([]);
    });
});
