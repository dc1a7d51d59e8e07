/**
 * socket.io's uWS support (`io.attachApp`) replaces the base Adapter's broadcast, addAll and del
 * *process-wide*, bound to the one uWS app it was given: a second hub in the same process (tests,
 * tools) would publish into the first one's app, and a ws-engine hub would crash on join. We put
 * the plain methods back right after `attachApp`; native publish is done per hub instead, by the
 * adapter of uws-adapter.ts, closed over that hub's own app.
 */
import { createRequire } from 'node:module';
import type { Adapter } from 'socket.io-adapter';

interface AdapterPrototype {
  addAll: unknown;
  del: unknown;
  broadcast: unknown;
}

const requireHere = createRequire(import.meta.url);
/** The very in-memory Adapter socket.io (and the Redis adapters, which extend it) use. */
export const InMemoryAdapter = (
  createRequire(requireHere.resolve('socket.io'))('socket.io-adapter') as {
    Adapter: { new (...args: ConstructorParameters<typeof Adapter>): Adapter; prototype: Adapter };
  }
).Adapter;
const proto = InMemoryAdapter.prototype as unknown as AdapterPrototype;
// Captured at import, before any hub attached a uWS app.
const original = { addAll: proto.addAll, del: proto.del, broadcast: proto.broadcast };

/** Puts the plain methods back; call right after `io.attachApp(...)`. */
export function usePlainBroadcast(): void {
  proto.addAll = original.addAll;
  proto.del = original.del;
  proto.broadcast = original.broadcast;
}
