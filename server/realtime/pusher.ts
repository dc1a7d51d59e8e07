/**
 * What services use to push live events. Services decide *who* may receive an event (privacy is
 * theirs); the pusher only delivers, locally and through the Redis adapter to other nodes.
 */
import type { ServerEventName, ServerPayload } from '../../shared/events.js';
import { rooms } from './rooms.js';
import type { HubServer } from './types.js';

export interface Pusher {
  toUser<E extends ServerEventName>(userId: string, event: E, payload: ServerPayload<E>): void;
  toUsers<E extends ServerEventName>(userIds: Iterable<string>, event: E, payload: ServerPayload<E>): void;
  /** One delivery per socket even when a socket is in several of `rooms`. */
  toRooms<E extends ServerEventName>(rooms: string | readonly string[], event: E, payload: ServerPayload<E>): void;
  /**
   * One broadcast per room, for rooms that share no socket (a user, their audience, their fans):
   * each is a single-room broadcast, which the uws engine publishes natively (once, in C++).
   */
  toEach<E extends ServerEventName>(rooms: readonly string[], event: E, payload: ServerPayload<E>): void;
  /** v1.2: one broadcast to `room` (or rooms, once per socket), skipping every socket in one of `except` (on every node). */
  toRoomsExcept<E extends ServerEventName>(
    room: string | readonly string[],
    except: readonly string[],
    event: E,
    payload: ServerPayload<E>,
  ): void;
  /**
   * `a` and `b` became friends: every socket of each, on any node, joins the other's audience
   * (and leaves the other's fans room: a friend gets a certified space's posts through its audience).
   */
  joinAudience(a: string, b: string): Promise<void>;
  /**
   * `a` and `b` are no longer friends, or one blocked the other: every socket of each, on any node,
   * leaves the other's audience and fans rooms, the other's post rooms and the other's group rooms, at once.
   */
  leaveAudience(a: string, b: string): Promise<void>;
  /** Every socket of `userId`, on any node, joins `room` unless it is in `unlessIn`. */
  joinUserUnless(userId: string, room: string, unlessIn: string): Promise<void>;

  /** Every socket of `userId`, on any node, joins `room`. */
  joinUser(userId: string, room: string): Promise<void>;
  /** Every socket of `userId`, on any node, leaves `room` and every room whose name starts with `roomPrefix`. */
  leaveUser(userId: string, roomPrefix: string): Promise<void>;
  /**
   * v1.2: every socket of `userId`, on any node, leaves those of its rooms under `roomPrefix` for
   * which `keep(room)` says no (asked once per room name): a viewer taken out of a friend group stops
   * following the group-limited items they had open.
   */
  leaveUnless(userId: string, roomPrefix: string, keep: (room: string) => Promise<boolean>): Promise<void>;
  /** Whether `userId` has a socket on any node. */
  isConnected(userId: string): Promise<boolean>;
}

type AnyEmit = (event: string, payload: unknown) => boolean;

/** Friendship and blocking go both ways: `f` runs for a toward b, then for b toward a. */
function eachWay(a: string, b: string, f: (user: string, other: string) => void): void {
  f(a, b);
  f(b, a);
}

export function createPusher(io: HubServer): Pusher {
  const emitTo = (targets: string | readonly string[], event: string, payload: unknown) => {
    if (typeof targets !== 'string' && targets.length === 0) return;
    (io.to(targets as string | string[]).emit as unknown as AnyEmit)(event, payload);
  };
  async function leaveUser(userId: string, roomPrefix: string): Promise<void> {
    const sockets = await io.in(rooms.user(userId)).fetchSockets();
    for (const socket of sockets) {
      for (const room of socket.rooms) if (room.startsWith(roomPrefix)) socket.leave(room);
    }
  }
  return {
    toUser(userId, event, payload) {
      emitTo(rooms.user(userId), event, payload);
    },
    toUsers(userIds, event, payload) {
      emitTo([...new Set(userIds)].map(rooms.user), event, payload);
    },
    toRooms(targets, event, payload) {
      emitTo(targets, event, payload);
    },
    toEach(targets, event, payload) {
      for (const room of targets) emitTo(room, event, payload);
    },
    toRoomsExcept(room, except, event, payload) {
      (io.to(room as string | string[]).except([...except]).emit as unknown as AnyEmit)(event, payload);
    },
    joinAudience(a, b) {
      eachWay(a, b, (user, other) => {
        io.in(rooms.user(user)).socketsJoin(rooms.audience(other));
        io.in(rooms.user(user)).socketsLeave(rooms.fans(other));
      });
      return Promise.resolve();
    },
    async leaveAudience(a, b) {
      eachWay(a, b, (user, other) => {
        io.in(rooms.user(user)).socketsLeave([rooms.audience(other), rooms.fans(other)]);
      });
      await Promise.all([
        leaveUser(a, rooms.postsOf(b)),
        leaveUser(b, rooms.postsOf(a)),
        leaveUser(a, rooms.groupsOf(b)),
        leaveUser(b, rooms.groupsOf(a)),
      ]);
    },
    joinUserUnless(userId, room, unlessIn) {
      io.in(rooms.user(userId)).except(unlessIn).socketsJoin(room);
      return Promise.resolve();
    },
    joinUser(userId, room) {
      io.in(rooms.user(userId)).socketsJoin(room);
      return Promise.resolve();
    },
    leaveUser,
    async leaveUnless(userId, roomPrefix, keep) {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      const verdicts = new Map<string, Promise<boolean>>();
      for (const socket of sockets) {
        for (const room of socket.rooms) {
          if (!room.startsWith(roomPrefix)) continue;
          let verdict = verdicts.get(room);
          if (!verdict) verdicts.set(room, (verdict = keep(room)));
          if (!(await verdict)) socket.leave(room);
        }
      }
    },
    async isConnected(userId) {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      return sockets.length > 0;
    },
  };
}
