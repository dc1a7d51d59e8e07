/**
 * Who is connected: a count of sockets per user, so that several tabs count as one. In memory on a
 * single node; in Redis in a cluster (see redis-tracker.ts).
 */
export interface PresenceTracker {
  /** Records a socket; true when it is the user's first anywhere (the user just came online). */
  connect(userId: string, socketId: string): Promise<boolean>;
  /** Forgets a socket; true when it was the user's last anywhere (the user just went offline). */
  disconnect(userId: string, socketId: string): Promise<boolean>;
  /** Those of `userIds` that have a socket now. */
  onlineAmong(userIds: readonly string[]): Promise<string[]>;
  /** Stops background work. */
  close(): Promise<void>;
}

export function createMemoryTracker(): PresenceTracker {
  // A user's one socket is kept as its id, a Set only for several: nearly everyone has one socket,
  // and a Set per online user was ~0.15 KB of heap per idle socket.
  const socketsOf = new Map<string, string | Set<string>>();
  return {
    connect(userId, socketId) {
      const held = socketsOf.get(userId);
      if (held === undefined) {
        socketsOf.set(userId, socketId);
        return Promise.resolve(true);
      }
      if (typeof held === 'string') {
        if (held !== socketId) socketsOf.set(userId, new Set([held, socketId]));
      } else held.add(socketId);
      return Promise.resolve(false);
    },
    disconnect(userId, socketId) {
      const held = socketsOf.get(userId);
      if (held === undefined) return Promise.resolve(false);
      if (typeof held === 'string') {
        if (held !== socketId) return Promise.resolve(false);
        socketsOf.delete(userId);
        return Promise.resolve(true);
      }
      if (!held.delete(socketId)) return Promise.resolve(false);
      if (held.size === 1) socketsOf.set(userId, held.values().next().value as string);
      return Promise.resolve(false);
    },
    onlineAmong(userIds) {
      return Promise.resolve(userIds.filter((id) => socketsOf.has(id)));
    },
    async close() {},
  };
}
