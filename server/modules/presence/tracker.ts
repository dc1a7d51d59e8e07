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
  const socketsOf = new Map<string, Set<string>>();
  return {
    connect(userId, socketId) {
      let sockets = socketsOf.get(userId);
      if (!sockets) socketsOf.set(userId, (sockets = new Set()));
      sockets.add(socketId);
      return Promise.resolve(sockets.size === 1);
    },
    disconnect(userId, socketId) {
      const sockets = socketsOf.get(userId);
      if (!sockets?.delete(socketId) || sockets.size > 0) return Promise.resolve(false);
      socketsOf.delete(userId);
      return Promise.resolve(true);
    },
    onlineAmong(userIds) {
      return Promise.resolve(userIds.filter((id) => (socketsOf.get(id)?.size ?? 0) > 0));
    },
    async close() {},
  };
}
