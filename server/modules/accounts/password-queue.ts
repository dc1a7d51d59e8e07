/**
 * The queue every password derivation (scrypt) waits in: a few at a time, fair between addresses,
 * bounded per address, per account and in total.
 *
 * Why: node's `crypto.scrypt` already runs on libuv's thread pool (4 threads by default), not on the
 * event loop — but that pool is also where file reads and DNS look-ups run, and it is FIFO: 64
 * parallel sign-ins to one account queued ahead of everyone's sign-in (a bystander waited 4.3 s,
 * issue #26), and each derivation is ~40 ms of a core. Here at most `concurrency` derivations run
 * (one core fewer than the machine has: the event loop keeps one; the pool's other threads stay free
 * for files); the next one is taken from the waiting address served longest ago (first come first served
 * within one), so an address that arrives waits only for the jobs already running;
 * and what does not fit the bounds is refused at once (429) instead of waiting without end.
 */
import { availableParallelism } from 'node:os';
import { rateLimited } from '../../errors.js';

export interface PasswordQueueOptions {
  /** Derivations running at once (each holds one libuv pool thread and 16 MiB). */
  readonly concurrency: number;
  /** Jobs waiting in total, all addresses together. */
  readonly maxWaiting: number;
  /** Jobs waiting from one address. */
  readonly maxWaitingPerAddress: number;
  /** Jobs waiting for one account (whatever the address). */
  readonly maxWaitingPerAccount: number;
}

/** Who a derivation is for: the caller's address (the fairness lane) and the account (a handle or id). */
export interface PasswordJobOwner {
  readonly address: string;
  readonly account: string;
}

interface Job {
  readonly account: string;
  readonly start: () => void;
}

export interface PasswordQueue {
  run<T>(owner: PasswordJobOwner, task: () => Promise<T>): Promise<T>;
  readonly waiting: number;
  readonly running: number;
  /** Jobs finished since start (each one derivation). */
  readonly completed: number;
}

export const defaultPasswordQueueOptions: PasswordQueueOptions = {
  // scrypt is all CPU: one core is left to the event loop (on 2 cores, two at once starved it).
  concurrency: Math.max(1, availableParallelism() - 1),
  maxWaiting: 64,
  maxWaitingPerAddress: 8,
  maxWaitingPerAccount: 2,
};

/**
 * The default bounds with the waiting ones (never the derivations running at once) multiplied by
 * `scale` (at least 1): a hub's RATE_LIMIT_SCALE, so load tests and test hubs that register users in
 * bursts from one address are not refused.
 */
export function scaledPasswordQueueOptions(scale: number, base: PasswordQueueOptions = defaultPasswordQueueOptions): PasswordQueueOptions {
  const k = Math.max(1, scale);
  return {
    concurrency: base.concurrency,
    maxWaiting: Math.ceil(base.maxWaiting * k),
    maxWaitingPerAddress: Math.ceil(base.maxWaitingPerAddress * k),
    maxWaitingPerAccount: Math.ceil(base.maxWaitingPerAccount * k),
  };
}

/** One per hub (app.ts): the libuv thread pool it protects is one per process, and so is a hub in production. */
export function createPasswordQueue(options: PasswordQueueOptions = defaultPasswordQueueOptions): PasswordQueue {
  /** Waiting jobs by address. */
  const lanes = new Map<string, Job[]>();
  const perAccount = new Map<string, number>();
  let waiting = 0;
  let running = 0;
  let completed = 0;

  const countAccount = (account: string, delta: number) => {
    const n = (perAccount.get(account) ?? 0) + delta;
    if (n > 0) perAccount.set(account, n);
    else perAccount.delete(account);
  };

  /** When each address was last served (a sequence number), kept for the addresses served lately. */
  const lastServed = new Map<string, number>();
  let served = 0;

  /** The waiting address served longest ago (one never served first; ties: the one that came first). */
  function nextLane(): string | undefined {
    let best: string | undefined;
    let bestAt = Infinity;
    for (const address of lanes.keys()) {
      const at = lastServed.get(address) ?? -1;
      if (at < bestAt) [best, bestAt] = [address, at];
    }
    return best;
  }

  function next(): void {
    while (running < options.concurrency) {
      const address = nextLane();
      if (address === undefined) return;
      const jobs = lanes.get(address)!;
      const job = jobs.shift()!;
      if (!jobs.length) lanes.delete(address);
      lastServed.delete(address);
      lastServed.set(address, (served += 1));
      if (lastServed.size > 10_000) lastServed.delete(lastServed.keys().next().value as string);
      waiting -= 1;
      countAccount(job.account, -1);
      running += 1;
      job.start();
    }
  }

  return {
    get waiting() {
      return waiting;
    },
    get running() {
      return running;
    },
    get completed() {
      return completed;
    },
    run(owner, task) {
      const lane = lanes.get(owner.address);
      if (
        waiting >= options.maxWaiting ||
        (lane?.length ?? 0) >= options.maxWaitingPerAddress ||
        (perAccount.get(owner.account) ?? 0) >= options.maxWaitingPerAccount
      ) {
        return Promise.reject(rateLimited('too many sign-ins at once, try again in a moment'));
      }
      return new Promise((resolve, reject) => {
        const start = () => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              completed += 1;
              next();
            });
        };
        if (lane) lane.push({ account: owner.account, start });
        else lanes.set(owner.address, [{ account: owner.account, start }]);
        waiting += 1;
        countAccount(owner.account, 1);
        next();
      });
    },
  };
}
