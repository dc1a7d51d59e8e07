/**
 * Whether two users are friends: one indexed look-up of a friend edge, never cached (a stale "still
 * friends" after an unfriend would be a leak). Its own factory so that the notifier, which the
 * friends service needs, can ask it without waiting for that service.
 */
import { Types, type Connection } from 'mongoose';
import { friendEdgeModel } from './model.js';

export type AreFriends = (a: string, b: string) => Promise<boolean>;

export function createAreFriends(conn: Connection): AreFriends {
  const edges = friendEdgeModel(conn);
  return async (a, b) => {
    if (a === b || !Types.ObjectId.isValid(a) || !Types.ObjectId.isValid(b)) return false;
    return (await edges.exists({ user: new Types.ObjectId(a), friend: new Types.ObjectId(b) })) !== null;
  };
}
