/**
 * Whether two users are friends: one indexed look-up of a friend edge, never cached (a stale "still
 * friends" after an unfriend would be a leak); the checks made meanwhile share one query
 * (db/pair-lookup.ts). Its own factory so that the notifier, which the friends service needs, can
 * ask it without waiting for that service.
 */
import type { Connection } from 'mongoose';
import { pairLookup } from '../../db/pair-lookup.js';
import { friendEdgeModel } from './model.js';

export type AreFriends = (a: string, b: string) => Promise<boolean>;

export function createAreFriends(conn: Connection): AreFriends {
  const edgeExists = pairLookup(friendEdgeModel(conn), 'user', 'friend');
  return (a, b) => (a === b ? Promise.resolve(false) : edgeExists(a, b));
}
