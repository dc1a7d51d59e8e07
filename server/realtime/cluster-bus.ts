/**
 * A tiny cluster-wide broadcast over the Socket.IO adapter's `serverSideEmit`: on one node it is a
 * local call; with the Redis adapter (classic or sharded) it also reaches every other node. Used
 * where each node must act on its own memory or sockets at once, e.g. dropping a revoked session
 * from the accounts cache and disconnecting its sockets. It needs no Redis client API of its own.
 */
import type { HubServer, HubSocket } from './types.js';

export interface ClusterBus {
  /** Runs this node's handlers of `channel` now, and every other node's as soon as they hear it. */
  broadcast(channel: string, message: unknown): void;
  onBroadcast(channel: string, handler: (message: unknown) => void): void;
  /** The sockets in `room` that live on this node. */
  localSocketsIn(room: string): HubSocket[];
}

const eventOf = (channel: string) => `kj:bus:${channel}`;

type Untyped = {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  serverSideEmit(event: string, ...args: unknown[]): boolean;
};

export function createClusterBus(io: HubServer, clustered: boolean): ClusterBus {
  const nsp = io.of('/');
  const handlers = new Map<string, Array<(message: unknown) => void>>();
  const run = (channel: string, message: unknown) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch {
        // One handler's failure must not keep the others from running.
      }
    }
  };
  return {
    broadcast(channel, message) {
      run(channel, message);
      // The in-memory adapter has no other nodes (and warns on serverSideEmit): local only.
      if (clustered) (nsp as unknown as Untyped).serverSideEmit(eventOf(channel), message);
    },
    onBroadcast(channel, handler) {
      const list = handlers.get(channel);
      if (list) {
        list.push(handler);
        return;
      }
      handlers.set(channel, [handler]);
      (nsp as unknown as Untyped).on(eventOf(channel), (message: unknown) => run(channel, message));
    },
    localSocketsIn(room) {
      const ids = nsp.adapter.rooms.get(room);
      if (!ids) return [];
      return [...ids].flatMap((id) => nsp.sockets.get(id) ?? []);
    },
  };
}
