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
  /** Every socket of `userId`, on any node, joins `room`. */
  joinUser(userId: string, room: string): Promise<void>;
  /** Every socket of `userId`, on any node, leaves `room` and every room whose name starts with `roomPrefix`. */
  leaveUser(userId: string, roomPrefix: string): Promise<void>;
  /** Whether `userId` has a socket on any node. */
  isConnected(userId: string): Promise<boolean>;
}

type AnyEmit = (event: string, payload: unknown) => boolean;

export function createPusher(io: HubServer): Pusher {
  const emitTo = (targets: string | readonly string[], event: string, payload: unknown) => {
    if (typeof targets !== 'string' && targets.length === 0) return;
    (io.to(targets as string | string[]).emit as unknown as AnyEmit)(event, payload);
  };
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
    async joinUser(userId, room) {
      io.in(rooms.user(userId)).socketsJoin(room);
    },
    async leaveUser(userId, roomPrefix) {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      for (const socket of sockets) {
        for (const room of socket.rooms) if (room.startsWith(roomPrefix)) socket.leave(room);
      }
    },
    async isConnected(userId) {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      return sockets.length > 0;
    },
  };
}
