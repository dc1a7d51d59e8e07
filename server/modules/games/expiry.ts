/**
 * Deadlines that must pass exactly once across a cluster (an invite's expiry, an absent player's
 * forfeit). The node that knows about a deadline keeps a timer for it, so it fires on time; every
 * node also sweeps the store every few seconds, so a deadline whose node was restarted or killed
 * still passes. What runs must be a conditional update, so timer and sweeps on several nodes
 * cannot both apply it.
 */
import type { Logger } from '../../logger.js';

export interface DeadlinesOptions {
  /** How often every node sweeps the store for deadlines that passed. */
  readonly sweepMs: number;
  /** Applies every deadline that has passed (conditionally); runs on every node. */
  readonly sweep: () => Promise<void>;
  readonly logger: Logger;
  readonly name: string;
}

export interface Deadlines {
  /** Runs `fire` at `at` on this node, replacing any earlier timer under `key`. */
  schedule(key: string, at: Date, fire: () => Promise<unknown>): void;
  cancel(key: string): void;
  /** Sweeps now (tests, and right after start). */
  sweepNow(): Promise<void>;
  close(): void;
}

/** Timers fire this much after the deadline, so the store agrees it has passed. */
const slackMs = 15;

export function createDeadlines({ sweepMs, sweep, logger, name }: DeadlinesOptions): Deadlines {
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;
  let sweeping: Promise<void> | undefined;

  const guarded = (what: string, run: () => Promise<unknown>) =>
    run().catch((err: unknown) => {
      if (!closed) logger.warn({ err, deadlines: name }, `${name}: ${what} failed`);
    });

  const sweepNow = () =>
    (sweeping ??= guarded('sweep', sweep).then(() => {
      sweeping = undefined;
    }));

  const interval = setInterval(() => void sweepNow(), sweepMs);
  interval.unref();

  return {
    schedule(key, at, fire) {
      if (closed) return;
      clearTimeout(timers.get(key));
      const timer = setTimeout(
        () => {
          timers.delete(key);
          if (!closed) void guarded(`timer ${key}`, fire);
        },
        Math.max(0, at.getTime() - Date.now()) + slackMs,
      );
      timer.unref();
      timers.set(key, timer);
    },
    cancel(key) {
      clearTimeout(timers.get(key));
      timers.delete(key);
    },
    sweepNow,
    close() {
      closed = true;
      clearInterval(interval);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
