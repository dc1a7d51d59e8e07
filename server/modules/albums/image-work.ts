/**
 * Who may have image work running, and how much. sharp does its work on libuv's thread pool, the
 * same few threads (4 by default) that scrypt (sign-ins) and file reads (photo serving) need, and one
 * pool serves the whole process: so decoding and encoding here run one job at a time per process,
 * a few more wait in a bounded queue, and the rest are refused at once (503), while each user may
 * have at most `perUser` uploads in flight (429). A sign-in therefore never waits behind an image.
 */
import { rateLimited, unavailable } from '../../errors.js';

export interface ImageWorkLimits {
  /** Image jobs running at once in this process. */
  readonly concurrency: number;
  /** Jobs waiting for a turn before new ones are refused. */
  readonly maxWaiting: number;
  /** Uploads one user may have in flight (receiving, waiting or processing). */
  readonly perUser: number;
}

export const defaultImageWorkLimits: ImageWorkLimits = { concurrency: 1, maxWaiting: 8, perUser: 2 };

export interface ImageWork {
  /** Holds one of `userId`'s upload places for the whole upload; 429 when they have none left. */
  upload<T>(userId: string, run: () => Promise<T>): Promise<T>;
  /** Runs CPU-heavy image work when a turn is free; 503 when the queue is full. */
  process<T>(run: () => Promise<T>): Promise<T>;
}

export function createImageWork(limits: ImageWorkLimits = defaultImageWorkLimits): ImageWork {
  const inFlight = new Map<string, number>();
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    async upload(userId, run) {
      const mine = inFlight.get(userId) ?? 0;
      if (mine >= limits.perUser) throw rateLimited(`at most ${limits.perUser} photo uploads at a time; wait for one to finish`);
      inFlight.set(userId, mine + 1);
      try {
        return await run();
      } finally {
        const left = (inFlight.get(userId) ?? 1) - 1;
        if (left > 0) inFlight.set(userId, left);
        else inFlight.delete(userId);
      }
    },
    async process(run) {
      if (running >= limits.concurrency) {
        if (waiting.length >= limits.maxWaiting) throw unavailable('photo processing is busy; try again shortly');
        // The turn is handed over by `release` (running stays counted), so no one can jump the queue.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await run();
      } finally {
        release();
      }
    },
  };
}

/** One per process: the thread pool it protects is the process's. */
export const imageWork = createImageWork();
