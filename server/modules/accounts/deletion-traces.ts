/**
 * What a deleted account left on other people's things, read before it is removed, and the pushes
 * that take it off their open pages: its comments on others' posts (`post:comment:remove`, then the
 * recounted likes), its entries in others' guestbooks (`guestbook:remove`), and `user:gone` to those
 * whose notifications named it (their bell drops those, the notifications about it being deleted).
 */
import type { Connection, Types } from 'mongoose';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { notificationModel } from '../notifications/model.js';
import { commentModel } from '../posts/comment-model.js';
import { postModel } from '../posts/post-model.js';
import { guestbookEntryModel } from '../spaces/guestbook-model.js';

export interface DeletionTraces {
  /** Its comments on others' posts, by post. */
  readonly comments: ReadonlyMap<string, { readonly ids: string[]; published: number }>;
  /** Its entries in others' guestbooks. */
  readonly entries: ReadonlyArray<{ readonly id: string; readonly ownerId: string; readonly private: boolean }>;
  /** Who had a notification from it. */
  readonly notified: readonly string[];
}

export async function gatherTraces(conn: Connection, userId: Types.ObjectId): Promise<DeletionTraces> {
  const comments = new Map<string, { ids: string[]; published: number }>();
  const theirs = await commentModel(conn)
    .find({ author: userId }, { post: 1, status: 1 })
    .lean<Array<{ _id: Types.ObjectId; post: Types.ObjectId; status: string }>>();
  for (const c of theirs) {
    const key = c.post.toHexString();
    const entry = comments.get(key) ?? { ids: [], published: 0 };
    entry.ids.push(c._id.toHexString());
    if (c.status === 'published') entry.published++;
    comments.set(key, entry);
  }
  const entries = await guestbookEntryModel(conn)
    .find({ author: userId, owner: { $ne: userId } }, { owner: 1, private: 1 })
    .lean<Array<{ _id: Types.ObjectId; owner: Types.ObjectId; private: boolean }>>();
  const notified = await notificationModel(conn).distinct('userId', { actorId: userId.toHexString() });
  return {
    comments,
    entries: entries.map((e) => ({ id: e._id.toHexString(), ownerId: e.owner.toHexString(), private: e.private })),
    notified,
  };
}

/** Pushes the removals to those who may have them on screen (after the records are gone). */
export async function announceTraces(
  conn: Connection,
  pusher: Pick<Pusher, 'toRooms'>,
  userId: string,
  traces: DeletionTraces,
  likesOf: ReadonlyMap<string, number>,
): Promise<void> {
  const postIds = [...traces.comments.keys(), ...likesOf.keys()];
  const authors = await postModel(conn)
    .find({ _id: { $in: postIds } }, { author: 1 })
    .lean<Array<{ _id: Types.ObjectId; author: Types.ObjectId }>>();
  for (const post of authors) {
    const pid = post._id.toHexString();
    const authorId = post.author.toHexString();
    const where = [rooms.user(authorId), rooms.post(authorId, pid)];
    const gone = traces.comments.get(pid);
    if (gone) pusher.toRooms(where, 'post:comment:remove', { postId: pid, commentIds: gone.ids, removed: gone.published });
    const likes = likesOf.get(pid);
    if (likes !== undefined) pusher.toRooms(where, 'post:likes', { postId: pid, likes });
  }
  for (const e of traces.entries) {
    const where = e.private ? [rooms.user(e.ownerId)] : [rooms.user(e.ownerId), rooms.guestbook(e.ownerId)];
    pusher.toRooms(where, 'guestbook:remove', { ownerId: e.ownerId, entryId: e.id });
  }
  if (traces.notified.length) pusher.toRooms(traces.notified.map(rooms.user), 'user:gone', { userId });
}
