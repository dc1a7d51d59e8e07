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
    /** Takes the pair's turn: false when one was relayed less than the interval ago. */
    claim(from: string, to: string): boolean {
      const k = key(from, to);
      const at = lastRelayed.get(k);
      if (at !== undefined && Date.now() - at < intervalMs) return false;
      lastRelayed.delete(k);
      lastRelayed.set(k, Date.now());
      if (lastRelayed.size > maxPairs) lastRelayed.delete(lastRelayed.keys().next().value as string);
      return true;
    },
    /** Gives a claimed turn back (the relay was refused). */
    release(from: string, to: string): void {
      lastRelayed.delete(key(from, to));
    },
  };
}
