/**
 * Presence: a user's friends learn live when the user comes online (first socket anywhere) and
 * goes offline (last socket anywhere). Several tabs count as one user.
 *
 * Going offline is announced only once it has lasted `offlineGraceMs`: a user whose connection
 * flaps (300 reconnects in 3 s sent 600 `presence` events to every friend) is announced online
 * once, and offline once when they stay away; a reconnect within the grace announces nothing.
 */
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import type { FriendRelations } from '../friends/relations.js';
import { createKeyedQueue } from '../../keyed-queue.js';
import type { PresenceTracker } from './tracker.js';

export interface PresenceServiceDeps {
  readonly pusher: Pusher;
  readonly friends: Pick<FriendRelations, 'friendIds'>;
  readonly tracker: PresenceTracker;
  readonly logger: Logger;
  /** How long a user must stay away before friends are told they went offline. */
  readonly offlineGraceMs?: number;
}

export function createPresenceService({ pusher, friends, tracker, logger, offlineGraceMs = 2_000 }: PresenceServiceDeps) {
  // One user's comings and goings on this node are announced in the order they happened.
  const queue = createKeyedQueue();
  // Work still running, so a shutdown can let it finish before Redis and the store close.
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  /** Users whose last socket here went away, until the grace ends or they come back. */
  const goingOffline = new Map<string, NodeJS.Timeout>();
  const perUser = <T>(userId: string, task: () => Promise<T>): Promise<T> => {
    const run = queue(userId, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
    return run;
  };

  /**
   * To the user's audience room: every friend's sockets, on every node, in one single-room
   * broadcast (published natively on uws) — no friend list to read, no send per friend.
   */
  function announce(userId: string, online: boolean): Promise<void> {
    // While this node stops, its users are moving to other nodes; those nodes announce them.
    if (!closing) pusher.toRooms(rooms.audience(userId), 'presence', { userId, online });
    return Promise.resolve();
  }

  const failed = (what: string, userId: string) => (err: unknown) =>
    logger.warn({ err: err instanceof Error ? err.message : String(err), user: userId }, `presence ${what} failed`);

  /** Cancels a pending offline of `userId`; true when there was one (then friends still see them online). */
  const comeBack = (userId: string): boolean => {
    const timer = goingOffline.get(userId);
    if (!timer) return false;
    clearTimeout(timer);
    goingOffline.delete(userId);
    return true;
  };

  /** Announces `userId` offline after the grace, if by then they have no socket anywhere. */
  const offlineAfterGrace = (userId: string): void => {
    if (closing || goingOffline.has(userId)) return; // a stopping node's users move to other nodes
    const timer = setTimeout(() => {
      goingOffline.delete(userId);
      void perUser(userId, async () => {
        // Back on another node meanwhile: that node has announced them.
        if ((await tracker.onlineAmong([userId])).length === 0) await announce(userId, false);
      }).catch(failed('disconnect', userId));
    }, offlineGraceMs);
    timer.unref();
    goingOffline.set(userId, timer);
  };

  return {
    /**
     * One of the user's sockets connected: announced if it is the user's first anywhere. Queued per
     * user, so the same socket's `disconnected` (called later) is always handled after it.
     */
    connected(userId: string, socketId: string): Promise<void> {
      return perUser(userId, async () => {
        const first = await tracker.connect(userId, socketId);
        if (!comeBack(userId) && first) await announce(userId, true);
      }).catch(failed('connect', userId));
    },

    /** One of the user's sockets went away: announced if it was the user's last anywhere. */
    disconnected(userId: string, socketId: string): Promise<void> {
      return perUser(userId, async () => {
        if (await tracker.disconnect(userId, socketId)) offlineAfterGrace(userId);
      }).catch(failed('disconnect', userId));
    },

    /** Which of the user's friends are online now. */
    async onlineFriends(userId: string): Promise<{ online: string[] }> {
      return { online: await tracker.onlineAmong(await friends.friendIds(userId)) };
    },

    /** A user whose node went away without saying so: tell their friends. */
    expired(userId: string): void {
      void perUser(userId, () => announce(userId, false)).catch(failed('expiry', userId));
    },

    async close(): Promise<void> {
      closing = true;
      for (const timer of goingOffline.values()) clearTimeout(timer);
      goingOffline.clear();
      await Promise.all(pending);
      await tracker.close();
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
