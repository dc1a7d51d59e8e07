/**
 * The typing throttle: at most one `chat:typing` per sender → recipient every 2 s is relayed; the rest
 * are dropped without an error (a client typing fast is not misbehaving). Kept per node in memory:
 * typing is not stored, and over a cluster a pair gets at most one per node per interval.
 */
import { typingIntervalMs } from '../../../shared/schemas/chat.js';

/** Pairs remembered at most; the oldest go first (they are past their interval long before). */
const maxPairs = 50_000;

export function createTypingThrottle(intervalMs = typingIntervalMs) {
  const lastRelayed = new Map<string, number>();
  const key = (from: string, to: string) => `${from}>${to}`;
  return {
    /** Whether one from `from` to `to` was relayed less than the interval ago. */
    throttled(from: string, to: string): boolean {
      const at = lastRelayed.get(key(from, to));
      return at !== undefined && Date.now() - at < intervalMs;
    },
    record(from: string, to: string): void {
      const k = key(from, to);
      lastRelayed.delete(k);
      lastRelayed.set(k, Date.now());
      if (lastRelayed.size > maxPairs) lastRelayed.delete(lastRelayed.keys().next().value as string);
    },
  };
}
