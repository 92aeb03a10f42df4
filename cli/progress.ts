import type { PageProgress } from "../core/okta/listing";
import type { Io } from "./output";

/**
 * Progress of a long listing on stderr: a line rewritten in place on a terminal, or one line per page when forced
 * with --progress (for logs). Silent otherwise, so that piped output stays clean.
 */
export class ProgressReporter {
    private shown = false;

    constructor(
        private readonly io: Io,
        private readonly forced: boolean,
    ) {}

    for(noun: string): PageProgress {
        return (count) => this.report(`fetched ${count} ${noun}`);
    }

    private report(line: string): void {
        if (this.io.stderr.isTTY) {
            this.io.stderr.write(`\r\x1b[2K${line}…`);
            this.shown = true;
        } else if (this.forced) {
            this.io.stderr.write(`${line}\n`);
        }
    }

    /** Clears the in-place line before the result is printed. */
    done(): void {
        if (this.shown) {
            this.io.stderr.write("\r\x1b[2K");
            this.shown = false;
        }
    }
}
