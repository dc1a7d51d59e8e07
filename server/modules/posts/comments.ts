/**
 * Comments and one level of replies. Only posts the viewer may see take comments; a held or
 * review comment is seen by its author alone, is not pushed, and is not counted. The post's
 * comment counter moves with published comments only.
 */
import { Types, type QueryFilter } from 'mongoose';
import type { CommentDto, UserDto } from '../../../shared/dto.js';
import type { CreateCommentBody } from '../../../shared/schemas/posts.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { rooms } from '../../realtime/rooms.js';
import { isModerator, type Viewer } from '../accounts/viewer.js';
import type { CommentRecord, CommentStatus } from './comment-model.js';
import { excerpt, type PostContext } from './context.js';
import { statusAfterScreening } from './moderation-outcome.js';
import type { PostRecord } from './post-model.js';
import { recordOf } from '../../db/record-of.js';

/** A post shows at most this many comments (oldest first). */
const maxListed = 1000;

const pending: CommentStatus[] = ['held', 'review'];

const goneUser = (id: string): UserDto => ({ id, handle: 'deleted', displayName: '(deleted)', tier: 'basic' });

export function createComments(ctx: PostContext) {
  const { deps, posts, comments } = ctx;

  /** `mention` notifications for a newly visible comment, to those who may see its post. */
  const notifyMentions = (comment: CommentDto) =>
    ctx.mentions.notify(
      comment.text,
      comment.author.id,
      { type: 'comment', id: comment.id, parentId: comment.postId, excerpt: excerpt(comment.text) },
      (userId) => ctx.recipientMaySee(userId, comment.postId),
    );

  /** Whether `viewerId` may see a comment on a post they can see. */
  const commentVisible = (c: CommentRecord, viewerId: string | null) =>
    c.status === 'published' || (viewerId !== null && c.author.toHexString() === viewerId);

  function toDto(c: CommentRecord, users: Map<string, UserDto>): CommentDto {
    const authorId = c.author.toHexString();
    return {
      id: c._id.toHexString(),
      postId: c.post.toHexString(),
      author: users.get(authorId) ?? goneUser(authorId),
      text: c.text,
      parentId: c.parentId ? c.parentId.toHexString() : null,
      // Waiting for the post owner is not a moderation state: it shows as `pending`.
      ...(c.status === 'pending' ? { pending: true } : { status: c.status }),
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** The comment `parentId` points at, if the viewer can see it on this post; `invalid` otherwise. */
  async function parentOf(postId: Types.ObjectId, parentId: string, viewerId: string): Promise<CommentRecord> {
    const parent = await comments.findOne({ _id: new Types.ObjectId(parentId), post: postId }).lean<CommentRecord>();
    if (!parent || !commentVisible(parent, viewerId)) {
      throw invalid('parentId: no such comment on this post', { parentId: 'is not a comment on this post' });
    }
    return parent;
  }

  async function announce(post: PostRecord, comment: CommentDto, repliedTo: CommentRecord | null, viewer: Viewer) {
    const authorId = post.author.toHexString();
    const postId = post._id.toHexString();
    // One emit to both rooms: a socket in both (the author watching their own post) gets it once.
    deps.pusher.toRooms([rooms.user(authorId), rooms.post(authorId, postId)], 'post:comment', { postId, comment });
    const subject = { type: 'post' as const, id: postId, excerpt: excerpt(comment.text) };
    const replyTo = repliedTo?.author.toHexString();
    if (replyTo && replyTo !== viewer.id) {
      await ctx.notify({ to: replyTo, kind: 'reply', actorId: viewer.id, subject }, post);
    }
    // The post's author hears once: a reply to their own comment already told them.
    if (authorId !== replyTo) await ctx.notify({ to: authorId, kind: 'comment', actorId: viewer.id, subject }, post);
  }

  /**
   * Publishes a waiting comment (a moderator's or the post owner's approval): counted, pushed
   * (`post:comment`) and notified as a new comment would be, and its author told it was approved
   * (an `approved` notification: from no one for a moderator, from the owner for 评论审核).
   * Only one approval wins: the update matches the waiting comment once.
   */
  async function publishWaiting(
    filter: QueryFilter<CommentRecord>,
    what: string,
    approverId: string | null = null,
  ): Promise<{ comment: CommentDto }> {
    const record = await comments
      .findOneAndUpdate(filter, { $set: { status: 'published' }, $unset: { postOwner: 1 } }, { returnDocument: 'after' })
      .lean<CommentRecord>();
    if (!record) throw notFound(what);
    const authorId = record.author.toHexString();
    const users = await deps.accounts.getUsers([authorId]);
    const comment = toDto(record, users);
    const post = await posts
      .findOneAndUpdate({ _id: record.post }, { $inc: { comments: 1 } }, { returnDocument: 'after' })
      .lean<PostRecord>();
    if (post && post.status === 'published') {
      const repliedTo = record.parentId ? await comments.findById(record.parentId).lean<CommentRecord>() : null;
      await announce(post, comment, repliedTo, { id: authorId } as Viewer);
      await notifyMentions(comment);
    }
    // Persisted, numbered and pushed live like any notification; the author may be on another page.
    await ctx.notify({
      to: authorId,
      kind: 'approved',
      actorId: approverId,
      subject: { type: 'comment', id: comment.id, parentId: comment.postId, excerpt: excerpt(comment.text) },
    });
    return { comment };
  }

  return {
    /**
     * Comments on a post the viewer can see. A reply to a reply joins the thread of its top-level
     * comment (and notifies the author of the comment replied to).
     */
    async create(viewer: Viewer, postId: string, body: CreateCommentBody): Promise<{ comment: CommentDto }> {
      const { post } = await ctx.visiblePost(viewer, postId);
      const repliedTo = body.parentId ? await parentOf(post._id, body.parentId, viewer.id) : null;
      const screened = statusAfterScreening(deps.screen.screen(body.text));
      // Moderators' keyword rules first; then the owner's 评论审核 for others' comments.
      const ownerId = post.author.toHexString();
      const awaitsOwner = screened === 'published' && viewer.id !== ownerId && (await deps.approval?.commentsNeedApproval(ownerId));
      const status: CommentStatus = awaitsOwner ? 'pending' : screened;
      const record = recordOf<CommentRecord>(
        await comments.create({
          post: post._id,
          author: new Types.ObjectId(viewer.id),
          text: body.text,
          parentId: repliedTo ? (repliedTo.parentId ?? repliedTo._id) : null,
          status,
          createdAt: new Date(),
          ...(awaitsOwner ? { postOwner: post.author } : {}),
        }),
      );
      const [users, [mentioned]] = await Promise.all([
        deps.accounts.getUsers([viewer.id]),
        ctx.mentions.forTexts([record.text], viewer.id),
      ]);
      // The live copy links its mentions at once, as a reload would (the text names them anyway).
      const comment: CommentDto = { ...toDto(record, users), mentions: mentioned ?? [] };
      if (status === 'published') {
        await posts.updateOne({ _id: post._id }, { $inc: { comments: 1 } });
        await announce(post, comment, repliedTo, viewer);
        await notifyMentions(comment);
      } else if (status === 'held' || status === 'review') {
        deps.pusher.toRooms(rooms.moderators(), 'moderation:queued', { comment });
      } else {
        deps.pusher.toUser(ownerId, 'approval:pending', { comment });
      }
      return { comment };
    },

    /** A post's comments the viewer may see, oldest first. */
    async list(viewer: Viewer | null, postId: string): Promise<{ comments: CommentDto[] }> {
      const { post } = await ctx.visiblePost(viewer, postId);
      const waiting: CommentStatus[] = [...pending, 'pending'];
      const mine: QueryFilter<CommentRecord>[] = viewer ? [{ author: new Types.ObjectId(viewer.id), status: { $in: waiting } }] : [];
      // The post's owner sees what waits for their approval, too.
      if (viewer?.id === post.author.toHexString()) mine.push({ status: 'pending' });
      const found = await comments
        .find({ post: post._id, $or: [{ status: 'published' }, ...mine] })
        .sort({ createdAt: 1, _id: 1 })
        .limit(maxListed)
        .lean<CommentRecord[]>();
      const [users, mentioned] = await Promise.all([
        deps.accounts.getUsers(found.map((c) => c.author.toHexString())),
        ctx.mentions.forTexts(
          found.map((c) => c.text),
          viewer?.id ?? null,
        ),
      ]);
      return { comments: found.map((c, i) => ({ ...toDto(c, users), mentions: mentioned[i] ?? [] })) };
    },

    /**
     * Deletes a comment (and, for a top-level one, its replies): by its author, the post's author
     * or a moderator. The counter drops by the published comments actually deleted.
     */
    async remove(viewer: Viewer, postId: string, commentId: string): Promise<void> {
      const moderator = isModerator(viewer);
      const post = moderator ? await posts.findById(postId).lean<PostRecord>() : (await ctx.visiblePost(viewer, postId)).post;
      if (!post) throw notFound('post');
      const comment = await comments.findOne({ _id: new Types.ObjectId(commentId), post: post._id }).lean<CommentRecord>();
      if (!comment || (!moderator && !commentVisible(comment, viewer.id))) throw notFound('comment');
      const allowed = moderator || comment.author.toHexString() === viewer.id || post.author.toHexString() === viewer.id;
      if (!allowed) throw forbidden('only its author, the post author or a moderator may delete a comment');
      let removedPublished = 0;
      const replies = comment.parentId
        ? []
        : await comments.find({ parentId: comment._id }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
      if (!comment.parentId) {
        // Replies first: a crash half-way leaves a visible parent, never orphaned replies.
        removedPublished += (await comments.deleteMany({ parentId: comment._id, status: 'published' })).deletedCount;
        await comments.deleteMany({ parentId: comment._id });
      }
      const gone = await comments.deleteOne({ _id: comment._id });
      if (gone.deletedCount === 1 && comment.status === 'published') removedPublished += 1;
      if (removedPublished > 0) await posts.updateOne({ _id: post._id }, { $inc: { comments: -removedPublished } });
      // Everyone who got the comments live loses them live: the same rooms `post:comment` went to.
      const authorId = post.author.toHexString();
      const pid = post._id.toHexString();
      deps.pusher.toRooms([rooms.user(authorId), rooms.post(authorId, pid)], 'post:comment:remove', {
        postId: pid,
        commentIds: [comment._id.toHexString(), ...replies.map((r) => r._id.toHexString())],
        removed: removedPublished,
      });
    },

    /** Held and in-review comments, oldest first, for the moderators' queue (moderator views, no privacy filter). */
    async listQueue(): Promise<CommentDto[]> {
      const waiting = await comments
        .find({ status: { $in: pending } })
        .sort({ createdAt: 1, _id: 1 })
        .limit(200)
        .lean<CommentRecord[]>();
      const users = await deps.accounts.getUsers(waiting.map((c) => c.author.toHexString()));
      return waiting.map((c) => toDto(c, users));
    },

    /**
     * Publishes a held/review comment: counted, pushed (`post:comment`) and notified as a new
     * comment would be, and its author is told it was approved. Only one moderator's approval wins.
     */
    async approve(commentId: string): Promise<{ comment: CommentDto }> {
      if (!Types.ObjectId.isValid(commentId)) throw notFound('comment in the moderation queue');
      return publishWaiting({ _id: new Types.ObjectId(commentId), status: { $in: pending } }, 'comment in the moderation queue');
    },

    /** v1.2 评论审核: the comments waiting for `ownerId`'s approval, oldest first. */
    async listAwaitingOwner(ownerId: string): Promise<CommentDto[]> {
      const waiting = await comments
        .find({ postOwner: new Types.ObjectId(ownerId), status: 'pending' })
        .sort({ createdAt: 1, _id: 1 })
        .limit(200)
        .lean<CommentRecord[]>();
      const users = await deps.accounts.getUsers(waiting.map((c) => c.author.toHexString()));
      return waiting.map((c) => toDto(c, users));
    },

    /** v1.2 评论审核: the owner approves a comment on their post; it appears as new. Not theirs: not_found. */
    async approveAsOwner(viewer: Viewer, commentId: string): Promise<{ comment: CommentDto }> {
      const answer = await publishWaiting(
        { _id: new Types.ObjectId(commentId), status: 'pending', postOwner: new Types.ObjectId(viewer.id) },
        'pending comment',
        viewer.id,
      );
      deps.pusher.toUsers([viewer.id, answer.comment.author.id], 'approval:decided', { kind: 'comment', id: commentId, approved: true });
      return answer;
    },

    /** v1.2 评论审核: the owner rejects a comment on their post: it is deleted, off its author's screens live. */
    async rejectAsOwner(viewer: Viewer, commentId: string): Promise<void> {
      const record = await comments
        .findOneAndDelete({ _id: new Types.ObjectId(commentId), status: 'pending', postOwner: new Types.ObjectId(viewer.id) })
        .lean<CommentRecord>();
      if (!record) throw notFound('pending comment');
      const authorId = record.author.toHexString();
      deps.pusher.toUsers([viewer.id, authorId], 'approval:decided', { kind: 'comment', id: commentId, approved: false });
      // Its author's and the owner's open copies drop it (nobody else ever had it).
      deps.pusher.toRooms([rooms.user(authorId), rooms.user(viewer.id)], 'post:comment:remove', {
        postId: record.post.toHexString(),
        commentIds: [commentId],
        removed: 0,
      });
    },

    /** Rejects a held/review comment: it is deleted, off its author's screens live, and its author told. */
    async reject(commentId: string): Promise<{ comment: CommentDto }> {
      if (!Types.ObjectId.isValid(commentId)) throw notFound('comment in the moderation queue');
      const record = await comments
        .findOneAndDelete({ _id: new Types.ObjectId(commentId), status: { $in: pending } })
        .lean<CommentRecord>();
      if (!record) throw notFound('comment in the moderation queue');
      const comment = toDto(record, await deps.accounts.getUsers([record.author.toHexString()]));
      // Only its author ever saw it (as "held"): their open copies of the post drop it now; it was never counted.
      deps.pusher.toRooms([rooms.user(comment.author.id)], 'post:comment:remove', {
        postId: comment.postId,
        commentIds: [comment.id],
        removed: 0,
      });
      await ctx.notify({
        to: comment.author.id,
        kind: 'moderation',
        actorId: null,
        subject: { type: 'comment', id: comment.id, parentId: comment.postId, excerpt: excerpt(comment.text), detail: 'rejected' },
      });
      return { comment };
    },

    /** Recomputes a post's comment counter from the comments themselves (repair after a crash). */
    async recount(postId: Types.ObjectId): Promise<number> {
      const n = await comments.countDocuments({ post: postId, status: 'published' });
      await posts.updateOne({ _id: postId }, { $set: { comments: n } });
      return n;
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
