/**
 * socket.io's uWS support replaces the base Adapter's broadcast, addAll and del *process-wide* so
 * that broadcasts go out through uWS's native publish. We turn that off again, for two reasons:
 *
 * - uWS publish bypasses engine.io, and uWS silently drops a published message for a subscriber
 *   past `maxBackpressure`: a slow consumer would miss events without anyone knowing. Through
 *   engine.io every packet is seen (and measured) by slow-consumers.ts, so a slow socket is cut
 *   off and catches up instead.
 * - The patch captures one uWS app for the whole process: a second hub in the same process (tests,
 *   tools) would publish into the first one's app, and a ws-engine hub would crash on join.
 *
 * Broadcasts are still encoded once (engine.io's `wsPreEncoded`); our rooms are small (one user's
 * tabs, a post's watchers), so the native fan-out bought little.
 */
import { createRequire } from 'node:module';

interface AdapterPrototype {
  addAll: unknown;
  del: unknown;
  broadcast: unknown;
}

const requireHere = createRequire(import.meta.url);
// The very Adapter socket.io (and the Redis adapters, which extend it) use.
const { Adapter } = createRequire(requireHere.resolve('socket.io'))('socket.io-adapter') as {
  Adapter: { prototype: AdapterPrototype };
};
// Captured at import, before any hub attached a uWS app.
const original = { addAll: Adapter.prototype.addAll, del: Adapter.prototype.del, broadcast: Adapter.prototype.broadcast };

/** Puts the plain broadcast back; call right after `io.attachApp(...)`. */
export function usePlainBroadcast(): void {
  Adapter.prototype.addAll = original.addAll;
  Adapter.prototype.del = original.del;
  Adapter.prototype.broadcast = original.broadcast;
}
