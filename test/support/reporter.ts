import Mocha = require("mocha");

/**
 * Mocha's spec output, closed by one plain `N passed, N failed, N skipped` line that CI tooling can read.
 */
class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = this.stats;
            process.stdout.write(`\n${passes} passed, ${failures} failed, ${pending} skipped\n`);
        });
    }
}

export = SpecWithSummary;
