/**
 * Account deletion: the account record goes first (its tokens stop at once on every node, as the
 * look-up finds no user), then everything it owns — space, visits, guestbook entries written and
 * received, posts with their comments and likes, its comments and likes elsewhere (those posts'
 * counters recounted), albums and photos (bytes released, files removed when unused), friendships,
 * requests, blocks, reports, fan follows, notifications (its own and others' about it) and private
 * messages; then other people's open pages drop its traces live (deletion-traces.ts). A crash half-way leaves only records
 * of a user who no longer exists, which every read already treats as gone.
 */
import { Types, type Connection } from 'mongoose';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { albumModel } from '../albums/model.js';
import { blockModel } from '../blocks/model.js';
import { fanModel } from '../fans/model.js';
import { friendEdgeModel, friendRequestModel } from '../friends/model.js';
import { notificationModel, notificationSettingsModel } from '../notifications/model.js';
import { commentModel } from '../posts/comment-model.js';
import { likeModel } from '../posts/like-model.js';
import { postModel } from '../posts/post-model.js';
import { reportModel } from '../reports/model.js';
import { guestbookEntryModel } from '../spaces/guestbook-model.js';
import { spaceModel } from '../spaces/space-model.js';
import { visitModel } from '../spaces/visit-model.js';
import { userModel } from './model.js';
import { announceTraces, gatherTraces } from './deletion-traces.js';
import { searchKeyModel } from './search-key-model.js';
import type { Viewer } from './viewer.js';

export interface DeletionDeps {
  readonly conn: Connection;
  readonly logger: Logger;
  /** Removes one album with its photos, releasing their bytes (the albums service). */
  readonly deleteAlbum: (viewer: Viewer, albumId: string) => Promise<void>;
  /** Recounts a post's likes and comments after someone's were removed (the posts service). */
  readonly recountPost: (postId: string) => Promise<{ readonly likes: number }>;
  /** Ends the user's sessions everywhere. */
  readonly announce: (userId: string) => void;
  /** Removes the account's private messages, sent and received (the chat service). */
  readonly deleteMessages?: (userId: string) => Promise<void>;
  /** Removes the account's videos, files and bytes (the videos service). */
  readonly deleteVideos?: (userId: string) => Promise<void>;
  /** Tells friends and those watching the space that the user is gone (`user:gone`). */
  readonly pusher?: Pick<Pusher, 'toRooms'>;
}

export function createAccountDeletion({
  conn,
  logger,
  deleteAlbum,
  recountPost,
  announce,
  pusher,
  deleteMessages,
  deleteVideos,
}: DeletionDeps) {
  return async function deleteAccount(viewer: Viewer): Promise<void> {
    const id = new Types.ObjectId(viewer.id);
    await userModel(conn).deleteOne({ _id: id });
    announce(viewer.id);
    // Friends' feeds and friend lists, and anyone with the space or its guestbook open, drop the user live.
    pusher?.toRooms([rooms.audience(viewer.id), rooms.guestbook(viewer.id), rooms.fans(viewer.id)], 'user:gone', { userId: viewer.id });
    await searchKeyModel(conn).deleteMany({ user: id });
    const traces = await gatherTraces(conn, id);

    const posts = postModel(conn);
    const comments = commentModel(conn);
    const likes = likeModel(conn);
    const own = (await posts.find({ author: id }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>()).map((p) => p._id);
    // Posts elsewhere whose counters move when this user's comments and likes go.
    const touched = new Set<string>([
      ...(await comments.distinct('post', { author: id })).map(String),
      ...(await likes.distinct('post', { user: id })).map(String),
    ]);
    await comments.deleteMany({ post: { $in: own } });
    await likes.deleteMany({ post: { $in: own } });
    await comments.deleteMany({ author: id });
    await likes.deleteMany({ user: id });
    await posts.deleteMany({ author: id });
    const ownIds = new Set(own.map((p) => p.toHexString()));
    const likesOf = new Map<string, number>();
    for (const postId of touched) if (!ownIds.has(postId)) likesOf.set(postId, (await recountPost(postId)).likes);

    for (const album of await albumModel(conn).find({ owner: viewer.id }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>()) {
      try {
        await deleteAlbum(viewer, album._id.toHexString());
      } catch (err) {
        logger.warn({ err, userId: viewer.id }, 'account deletion: an album was not removed');
      }
    }

    await deleteVideos?.(viewer.id).catch((err: unknown) =>
      logger.warn({ err, userId: viewer.id }, 'account deletion: videos were not all removed'),
    );

    await spaceModel(conn).deleteMany({ owner: id });
    await visitModel(conn).deleteMany({ $or: [{ owner: id }, { visitor: id }] });
    await guestbookEntryModel(conn).deleteMany({ $or: [{ owner: id }, { author: id }] });
    await friendEdgeModel(conn).deleteMany({ $or: [{ user: id }, { friend: id }] });
    await friendRequestModel(conn).deleteMany({ $or: [{ from: id }, { to: id }] });
    await blockModel(conn).deleteMany({ $or: [{ blocker: id }, { blocked: id }] });
    await reportModel(conn).deleteMany({ reporter: id });
    await fanModel(conn).deleteMany({ $or: [{ fan: viewer.id }, { owner: viewer.id }] });
    // Its own, and others' about what it did (they would quote removed text from nobody).
    await notificationModel(conn).deleteMany({ $or: [{ userId: viewer.id }, { actorId: viewer.id }] });
    await notificationSettingsModel(conn).deleteMany({ _id: viewer.id });
    await deleteMessages?.(viewer.id);
    // Open pages elsewhere drop its comments, guestbook entries and notifications live, with the counts.
    if (pusher) await announceTraces(conn, pusher, viewer.id, traces, likesOf);
  };
}
