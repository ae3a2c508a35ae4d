// Work on a page in steps: a long computation written as a generator that `yield`s at natural break points can run
// at once (`runNow`, for the CLI, the evaluation and tests) or spread over several tasks (`runYielding`, for the
// content script), so that a huge page does not freeze while Lens reads it. The result is the same either way.

export type Steps<T> = Generator<void, T, void>;

export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Lets the browser run other tasks (input, rendering) before continuing. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs the steps, giving the event loop a turn whenever `budgetMs` of work has passed since the last one. */
export async function runYielding<T>(steps: Steps<T>, budgetMs = 25): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= budgetMs) {
      await yieldToEventLoop();
      started = performance.now();
    }
  }
}
