/**
 * Polls until `check` holds, for state that no event announces (a count on /health, a key expiring
 * in Redis, a child process starting to listen). Where an event exists, await the event instead
 * (nextEvent, expectNoEvent). Resolves with the first truthy value `check` returns; an error thrown
 * by `check` ends the wait at once (write `.catch(() => false)` where "not yet" shows as an error,
 * like a refused connection); past `timeoutMs` it rejects, naming `what`.
 */
export interface WaitForOptions {
  /** Give up after this long (default 5 s). */
  readonly timeoutMs?: number;
  /** Pause between two checks (default 25 ms). */
  readonly intervalMs?: number;
  /** What is awaited, for the error message. */
  readonly what?: string;
}

/** What a truthy check answered (`false`, `0`, `''`, `null` and `undefined` mean "not yet"). */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Truthy<T>> {
  const { timeoutMs = 5_000, intervalMs = 25, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() >= deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await pause(intervalMs);
  }
}

/** Resolves after `ms`: only for letting time pass on purpose (a TTL, a keep-alive), never to wait for something to happen. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
