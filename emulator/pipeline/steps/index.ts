import type { Step } from "../exchange";
import { auth } from "./auth";
import { body } from "./body";
import { concurrency } from "./concurrency";
import { control } from "./control";
import { counters } from "./counters";
import { errors } from "./errors";
import { faults } from "./faults";
import { handler } from "./handler";
import { journal } from "./journal";
import { persistence } from "./persistence";
import { rateLimits } from "./rate-limits";
import { respond } from "./respond";

/**
 * How the emulator handles a request, outermost first; each step wraps the ones after it
 * (docs/emulator.md#request-pipeline). The order is behaviour: what a control request skips, what counts as a request,
 * that an injected latency holds a concurrency slot, that a fault pre-empts the bucket, that a 404 is answered before
 * authentication, and that a change is answered only once saved.
 */
export const PIPELINE: readonly Step[] = [
    control,
    counters,
    journal,
    respond,
    concurrency,
    persistence,
    errors,
    faults,
    rateLimits,
    auth,
    body,
    handler,
];
