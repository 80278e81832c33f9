// Polling for a condition instead of sleeping a fixed time: the test goes on as soon as what it waits
// for has happened, and fails with what it last saw when it does not happen in time.

export interface WaitOptions {
  /** Give up after this many milliseconds (default 30 000). */
  timeout?: number;
  /** Milliseconds between checks (default 50). */
  interval?: number;
  /** What is awaited, for the timeout message. */
  what?: string;
  /**
   * Count a check that throws as "not yet" (a server that is restarting refuses connections) instead
   * of failing at once; the last error is in the timeout's message.
   */
  retryErrors?: boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks `condition` until it answers a truthy value and resolves with that value; throws, naming
 * `what` and the last value seen, when `timeout` passes first. A check that throws fails the wait at
 * once unless `retryErrors` is set.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeout = 30_000, interval = 50, what = 'the condition', retryErrors = false }: WaitOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      last = await condition();
      if (last) return last as Exclude<T, false | null | undefined | 0 | ''>;
    } catch (error) {
      if (!retryErrors) throw error;
      last = error;
    }
    if (Date.now() - started >= timeout) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${seen})`);
    }
    await pause(Math.min(interval, Math.max(0, timeout - (Date.now() - started))));
  }
}

/** Milliseconds since `started`, for the figures the fault suites record. */
export const since = (started: number) => Date.now() - started;
