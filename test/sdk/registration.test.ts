import { expect } from "chai";
import * as vm from "node:vm";
import { whileRegistering } from "../../sdk/registration";

/**
 * The stack trace Pulumi records in state while a resource registers (sdk/registration.ts, docs/state.md#source-position),
 * taken as Pulumi's `Resource.callsites` takes it. Functions are compiled under chosen file names, so that the stack holds
 * frames of "the program" and of "Pulumi's runner" without running either.
 */
describe("sdk: the stack trace recorded while a resource registers", () => {
    const definedIn = <T>(file: string, source: string): T => vm.runInThisContext(source, { filename: file }) as T;
    type Thunk = () => string;
    const runProgram = definedIn<(program: (f: Thunk) => string, f: Thunk, done: (stack: string) => void) => void>(
        "/app/node_modules/@pulumi/pulumi/cmd/run/run.js",
        "(function runProgram(program, f, done) { done(program(f)); })",
    );
    const apply = definedIn<(f: Thunk) => string>("/app/node_modules/@pulumi/pulumi/output.js", "(function apply(f) { return f(); })");
    const main = definedIn<(f: Thunk) => string>("/app/index.js", "(function main(f) { return f(); })");
    const declare = definedIn<(f: Thunk) => string>("/app/index.js", "(function declare(f) { return f(); })");

    /** As `Resource.callsites`: every frame, whatever the limit set while registering. */
    function callsites(): string {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = Number.POSITIVE_INFINITY;
        try {
            return new Error().stack!;
        } finally {
            Error.stackTraceLimit = limit;
        }
    }
    /** Six frames above the declaring line, as Pulumi's constructors and the generated class make. */
    const constructors = (depth: number): string => (depth === 0 ? callsites() : constructors(depth - 1));

    /** The stack taken in a program (main → Pulumi's apply → declare) started by the runner from a fresh stack. */
    function registeredStack(): Promise<string> {
        return new Promise((resolve) =>
            setImmediate(runProgram, main, () => apply(() => declare(() => constructors(6))), resolve),
        );
    }

    const functionsOf = (stack: string): string[] => stack.split("\n").slice(1).map((line) => /at (?:new )?([\w.<>]+)/.exec(line)?.[1] ?? line);

    it("keeps the program's frames, Pulumi's between them included, and drops the runner's below them", async () => {
        const restore = whileRegistering();
        let stack: string;
        try {
            stack = await registeredStack();
        } finally {
            restore();
        }
        expect(stack.split("\n")[0]).to.equal("Error");
        expect(stack).to.contain("at main (/app/index.js:1:");
        expect(stack).to.contain("at apply (/app/node_modules/@pulumi/pulumi/output.js:1:");
        expect(functionsOf(stack).at(-1)).to.equal("main");
        expect(stack).not.to.contain("runProgram");
        expect(stack).not.to.contain("node:");
    });

    it("leaves stacks taken outside a registration whole", async () => {
        const stack = await registeredStack();
        expect(stack).to.contain("runProgram");
        expect(stack).to.contain("node:internal");
    });

    it("hands the kept frames to a source-map formatter installed before (ts-node's), and puts it back", async () => {
        const installed = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
        const formatted: string[][] = [];
        const sourceMapped = (error: Error, frames: NodeJS.CallSite[]): string => {
            formatted.push(frames.map((frame) => frame.getFunctionName() ?? "?"));
            return `${error}\n${frames.map((frame) => `    at ${frame}`).join("\n")}`;
        };
        Error.prepareStackTrace = sourceMapped;
        try {
            const restore = whileRegistering();
            try {
                await registeredStack();
            } finally {
                restore();
            }
            expect(formatted).to.have.length(1);
            expect(formatted[0].at(-1)).to.equal("main");
            expect(Error.prepareStackTrace).to.equal(sourceMapped);
        } finally {
            if (installed) {
                Object.defineProperty(Error, "prepareStackTrace", installed);
            } else {
                delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
            }
        }
        expect(Object.getOwnPropertyDescriptor(Error, "prepareStackTrace")).to.deep.equal(installed);
    });

    it("takes no promise stacks while registering, and restores the limit", () => {
        const limit = Error.stackTraceLimit;
        const restore = whileRegistering();
        try {
            expect(new Error().stack).to.equal("Error");
        } finally {
            restore();
        }
        expect(Error.stackTraceLimit).to.equal(limit);
        expect(new Error().stack).to.contain("\n    at ");
    });
});
