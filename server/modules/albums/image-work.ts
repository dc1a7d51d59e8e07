/**
 * Who may have image work running, and how much. sharp does its work on libuv's thread pool, the
 * same few threads (4 by default) that scrypt (sign-ins) and file reads (photo serving) need, and one
 * pool serves the whole process: so decoding and encoding here run one job at a time per process,
 * a few more wait in a bounded queue, and the rest are refused at once (503), while each user may
 * have at most `perUser` uploads in flight (429). A sign-in therefore never waits behind an image.
 *
 * The queue is fair per user: turns go round the users who have jobs waiting (one job each per
 * round), and when it is full, a user with fewer jobs waiting takes the place of the newest job of
 * whoever has the most (that job gets the 503). So a few accounts with many uploads cannot fill it
 * and keep everyone else out; a newcomer is refused only when the queue is full of single jobs.
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
  /** Runs `userId`'s CPU-heavy image work when a turn is free; 503 when the queue is full. */
  process<T>(userId: string, run: () => Promise<T>): Promise<T>;
}

interface Waiting {
  readonly start: () => void;
  readonly refuse: (err: Error) => void;
}

export function createImageWork(limits: ImageWorkLimits = defaultImageWorkLimits): ImageWork {
  const inFlight = new Map<string, number>();
  let running = 0;
  // Each user's waiting jobs in arrival order; the map's order is the round of turns.
  const queues = new Map<string, Waiting[]>();
  let waitingCount = 0;
  const busy = () => unavailable('photo processing is busy; try again shortly');

  /** The next turn goes to the first user in the round, who then goes to the back of it. */
  const release = () => {
    const first = queues.entries().next().value;
    if (!first) {
      running -= 1;
      return;
    }
    const [userId, jobs] = first;
    const next = jobs.shift()!;
    queues.delete(userId);
    if (jobs.length > 0) queues.set(userId, jobs);
    waitingCount -= 1;
    next.start(); // the turn is handed over (running stays counted), so no one can jump the queue
  };

  /** Makes room for a job of `userId` in a full queue; false when that would not be fairer. */
  const makeRoomFor = (userId: string): boolean => {
    const own = queues.get(userId)?.length ?? 0;
    let most: [string, Waiting[]] | undefined;
    for (const entry of queues) if (!most || entry[1].length > most[1].length) most = entry;
    if (!most || most[1].length <= own + 1) return false;
    const [victimId, jobs] = most;
    const victim = jobs.pop()!;
    if (jobs.length === 0) queues.delete(victimId);
    waitingCount -= 1;
    victim.refuse(busy());
    return true;
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
    async process(userId, run) {
      if (running >= limits.concurrency) {
        if (waitingCount >= limits.maxWaiting && !makeRoomFor(userId)) throw busy();
        await new Promise<void>((start, refuse) => {
          const jobs = queues.get(userId);
          if (jobs) jobs.push({ start, refuse });
          else queues.set(userId, [{ start, refuse }]);
          waitingCount += 1;
        });
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
