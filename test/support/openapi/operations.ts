/**
 * Finds the spec operation for a request path or an emulator route template by matching path segments:
 * `{param}` in the spec matches any one segment (including the emulator's `:param`), static segments must be equal,
 * and the candidate with static segments furthest to the left wins (so `/users/{id}/factors/catalog` beats
 * `/users/{id}/factors/{factorId}`).
 */

export interface SpecOperation {
    /** Which loaded document declares it, e.g. "management". */
    document: string;
    operationId: string;
    method: string;
    /** As written in the spec, e.g. `/api/v1/groups/{groupId}`. */
    path: string;
    responses: Record<string, any>;
}

interface IndexedPath {
    segments: string[];
    byMethod: Map<string, SpecOperation>;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

export class OperationIndex {
    private readonly paths: IndexedPath[] = [];
    private readonly byKey = new Map<string, SpecOperation>();

    add(document: string, paths: Record<string, Record<string, any>>): void {
        for (const [path, item] of Object.entries(paths)) {
            const byMethod = new Map<string, SpecOperation>();
            for (const method of HTTP_METHODS) {
                const operation = item[method];
                if (operation?.operationId) {
                    byMethod.set(method.toUpperCase(), {
                        document,
                        operationId: operation.operationId,
                        method: method.toUpperCase(),
                        path,
                        responses: operation.responses ?? {},
                    });
                }
            }
            for (const operation of byMethod.values()) {
                this.byKey.set(operationKey(operation), operation);
            }
            this.paths.push({ segments: splitPath(path), byMethod });
        }
    }

    /**
     * The operation for `method` on a concrete path (`/api/v1/groups/00g1`) or an emulator template
     * (`/api/v1/groups/:groupId`); undefined when the spec has none.
     */
    find(method: string, pathOrTemplate: string): SpecOperation | undefined {
        const parts = splitPath(pathOrTemplate);
        let best: { operation: SpecOperation; score: number[] } | undefined;
        for (const candidate of this.paths) {
            const operation = candidate.byMethod.get(method.toUpperCase());
            const score = operation && matchScore(candidate.segments, parts);
            if (operation && score && (!best || compareScores(score, best.score) > 0)) {
                best = { operation, score };
            }
        }
        return best?.operation;
    }

    /** This index's own copy of an operation found in another index (e.g. the unamended spec's). */
    same(operation: SpecOperation): SpecOperation | undefined {
        return this.byKey.get(operationKey(operation));
    }

    all(): SpecOperation[] {
        return this.paths.flatMap((p) => [...p.byMethod.values()]);
    }
}

const operationKey = (o: Pick<SpecOperation, "document" | "method" | "path">) => `${o.document} ${o.method} ${o.path}`;

const isSpecParam = (segment: string) => /^\{[^}]+\}$/.test(segment);
const isRouteParam = (segment: string) => segment.startsWith(":");

/** 1 per static segment that matched literally, 0 per parameter; undefined when the path does not match. */
function matchScore(template: string[], parts: string[]): number[] | undefined {
    if (template.length !== parts.length) {
        return undefined;
    }
    const score: number[] = [];
    for (let i = 0; i < template.length; i++) {
        if (isSpecParam(template[i])) {
            score.push(0);
        } else if (!isRouteParam(parts[i]) && template[i] === parts[i]) {
            score.push(1);
        } else {
            return undefined;
        }
    }
    return score;
}

function compareScores(a: number[], b: number[]): number {
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
            return a[i] - b[i];
        }
    }
    return 0;
}

function splitPath(path: string): string[] {
    return path.split("?")[0].split("/").filter(Boolean);
}
