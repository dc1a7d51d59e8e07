/**
 * Group commit for a hot path: calls that arrive while the previous batch is in the store wait, and
 * go together in the next one, so under load N calls cost one store command instead of N (each
 * command costs the driver, the wire and the store far more than one more document in it). A call on
 * an idle path goes at once: no timer, only the calls of the same event-loop turn share its batch.
 *
 * A batch is issued after every call in it was made, so what it reads is at least as fresh as a read
 * of its own would have been (privacy checks batched this way see an unfriend that answered before).
 */
export interface BatcherOptions {
  /** Items per store command at most; the rest wait for the next batch. */
  readonly maxBatch?: number;
}

/** Runs one batch: an outcome per item, in the items' order (a thrown error fails every item). */
export type BatchRun<I, O> = (items: readonly I[]) => Promise<ReadonlyArray<PromiseSettledResult<O>>>;

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (reason: unknown) => void;
}

export function createBatcher<I, O>(run: BatchRun<I, O>, { maxBatch = 256 }: BatcherOptions = {}): (item: I) => Promise<O> {
  let queue: Array<Waiting<I, O>> = [];
  let busy = false;

  async function flush(): Promise<void> {
    busy = true;
    while (queue.length) {
      const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
      if (batch === queue) queue = [];
      try {
        const outcomes = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const outcome = outcomes[i];
          if (!outcome) w.reject(new Error(`a batch of ${batch.length} answered ${outcomes.length} outcomes`));
          else if (outcome.status === 'fulfilled') w.resolve(outcome.value);
          else w.reject(outcome.reason);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    busy = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (busy) return;
      busy = true;
      queueMicrotask(() => void flush());
    });
}

/** Every item fulfilled with `value`. */
export const allFulfilled = <O>(count: number, value: O): Array<PromiseSettledResult<O>> =>
  Array.from({ length: count }, () => ({ status: 'fulfilled', value }));

/**
 * A look-up by key, batched: the keys asked for meanwhile are read with one query (`load` answers
 * what it found, by key); each caller hears its own key's value, or undefined.
 */
export function batchedLookup<K, V>(
  load: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  options?: BatcherOptions,
): (key: K) => Promise<V | undefined> {
  return createBatcher<K, V | undefined>(async (keys) => {
    const found = await load([...new Set(keys)]);
    return keys.map((key) => ({ status: 'fulfilled', value: found.get(key) }));
  }, options);
}
