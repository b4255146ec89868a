import { ProblemCollector } from './problems';

/**
 * A parse written as a generator that yields now and then (every so many lines): run at once by
 * the synchronous parsers, or with turns of the event loop between the steps by the async ones,
 * so that a long statement does not hold a server's event loop for its whole parse.
 */
export type ParseSteps<T> = Generator<void, T, void>;

/** Lines of an MT message read between two yields: a few milliseconds of work. */
export const LINES_PER_STEP = 2_000;

export function runSteps<T>(steps: ParseSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives the event loop its turn: pending I/O and timers run before the next step. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runStepsAsync<T>(steps: ParseSteps<T>, problems: ProblemCollector): Promise<T> {
  for (;;) {
    const step = problems.run(() => steps.next(), { finished: false });
    if (step.done) return problems.run(() => step.value);
    await yieldToEventLoop();
  }
}
