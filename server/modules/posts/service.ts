/**
 * Posts: creating (screened, sanitised), reading (privacy on every read), deleting, moderating,
 * plus the feed, comments, likes and post watching, composed from their own files.
 */
import { Types } from 'mongoose';
import type { CommentDto, PostDto, PostStatus } from '../../../shared/dto.js';
import { maxDiaryChars, type CreatePostBody } from '../../../shared/schemas/posts.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { RateLimitRule } from '../../rate-limits.js';
import { rooms } from '../../realtime/rooms.js';
import { isModerator, type Viewer } from '../accounts/viewer.js';
import { createComments } from './comments.js';
import { createPostContext, excerpt, type PostServiceDeps } from './context.js';
import { createFeed } from './feed.js';
import { createLikes } from './likes.js';
import { createLikers } from './likers.js';
import { createReposts } from './reposts.js';
import type { RepostBody } from '../../../shared/schemas/social.js';
import { statusAfterScreening } from './moderation-outcome.js';
import { newPostFields } from './new-post.js';
import type { PostRecord } from './post-model.js';
import { createPostViews } from './post-views.js';
import { createPublication } from './publication.js';
import { withCareNotices } from './care-notices.js';
import { createDiarySanitizer, type DiarySanitizer } from './diary-sanitizer.js';
import { recordOf } from '../../db/record-of.js';
import { createScheduling } from './scheduled.js';
import { firstWebAddress } from '../../../shared/links.js';

export type { PostServiceDeps } from './context.js';

/** What a post is made of (a new one, or a scheduled one being edited). */
interface PostContent {
  readonly kind: 'shuoshuo' | 'diary';
  readonly title?: string;
  readonly text: string;
  readonly images: readonly string[];
  readonly video?: string;
}

/** The text, title and images a new post is stored with, after sanitising and checks. */
async function prepare(deps: PostServiceDeps, sanitizer: DiarySanitizer, viewer: Viewer, body: PostContent) {
  let text = body.text;
  let screened = body.text;
  if (body.kind === 'diary') {
    const diary = await sanitizer.sanitize(body.text);
    if (diary.empty) throw invalid('text: nothing is left once unsupported HTML is removed', { text: 'is empty after sanitising' });
    if (diary.html.length > maxDiaryChars) {
      throw invalid(`text: must be at most ${maxDiaryChars} characters`, { text: `must be at most ${maxDiaryChars} characters` });
    }
    text = diary.html;
    // Image alt texts and link URLs are read too: they are screened with the words.
    screened = `${body.title ?? ''}\n${diary.lines}\n${diary.unseen}`;
    // Inline images, like a shuoshuo's, must be the author's own photos (invalid otherwise).
    if (diary.photoIds.length) await deps.photos.resolveOwn(viewer.id, diary.photoIds);
  }
  const photos = body.images.length ? await deps.photos.resolveOwn(viewer.id, body.images) : [];
  const video = body.kind === 'shuoshuo' ? body.video : undefined;
  if (video && !deps.videos) throw invalid('video: this hub does not take videos', { video: 'videos are not available' });
  return { text, screened, imageIds: photos.map((p) => new Types.ObjectId(p.id)), video };
}

export function createPostService(deps: PostServiceDeps) {
  const ctx = createPostContext(deps);
  const { posts } = ctx;
  const views = createPostViews(ctx);
  const publication = withCareNotices(ctx, createPublication(ctx));
  const feed = createFeed(ctx, views);
  const comments = createComments(ctx);
  const likes = createLikes(ctx);
  const likers = createLikers(ctx);
  const reposts = createReposts(ctx);

  /** `mention` notifications for a newly visible post, to those who may see it. */
  const notifyMentions = (record: PostRecord) => {
    const id = record._id.toHexString();
    return ctx.mentions.notify(
      `${record.title ?? ''} ${record.text}`,
      record.author.toHexString(),
      { type: 'post', id, excerpt: excerpt(record.title ?? record.text) },
      (userId) => ctx.recipientMaySee(userId, id),
      `mention:post:${id}`,
    );
  };
  /**
   * v1.2: the first link's preview, fetched after the post was acknowledged and pushed, then stored
   * and pushed as `post:preview`. Not awaited: a slow or failing page never delays or fails a post.
   */
  const attachPreview = (record: PostRecord): void => {
    const url = deps.previews && record.kind !== 'repost' ? firstWebAddress(record.text) : undefined;
    if (!url || !deps.previews) return;
    void deps.previews
      .preview(url)
      .then(async (preview) => {
        if (!preview) return;
        const updated = await posts
          .findOneAndUpdate(
            { _id: record._id, status: { $in: ['published', 'held', 'review'] } },
            { $set: { preview } },
            { returnDocument: 'after' },
          )
          .lean<PostRecord>();
        if (updated) await publication.previewed(updated, preview);
      })
      .catch((err: unknown) => deps.logger.warn({ err, postId: record._id.toHexString() }, 'link preview: storing failed'));
  };
  /** What follows a post becoming visible (at once, or when its scheduled time comes). */
  const afterPublish = async (record: PostRecord): Promise<void> => {
    if (record.status === 'published') await notifyMentions(record);
    attachPreview(record);
  };

  // Diary HTML is sanitised in worker threads with a time budget, never on the event loop.
  const sanitizer = createDiarySanitizer();
  // v1.2: scheduled posts wait as `scheduled` until one node claims and publishes them (scheduled.ts).
  const scheduling = createScheduling({
    ctx,
    views,
    publication,
    afterPublish,
    options: deps.scheduling,
    prepareText: (viewer, record, title, text) =>
      prepare(deps, sanitizer, viewer, { kind: record.kind === 'diary' ? 'diary' : 'shuoshuo', title, text, images: [] }),
  });

  /** Moves a post from one of `from` to `to`; null when it was not in one of them (or is gone). */
  const transition = (postId: string, from: PostStatus[], to: PostStatus, by: Viewer | null) =>
    Types.ObjectId.isValid(postId)
      ? posts
          .findOneAndUpdate(
            { _id: new Types.ObjectId(postId), status: { $in: from } },
            { $set: { status: to, ...(by ? { moderatedBy: new Types.ObjectId(by.id) } : {}) } },
            { returnDocument: 'after' },
          )
          .lean<PostRecord>()
      : Promise.resolve(null);

  return {
    /** Per-user budgets of the creating endpoints. */
    limits: {
      createPost: { name: 'post-create', points: 30, perSeconds: 60 },
      createComment: { name: 'comment-create', points: 60, perSeconds: 60 },
      like: { name: 'post-like', points: 300, perSeconds: 60 },
    } satisfies Record<string, RateLimitRule>,

    /** Creates a post: blocked text is refused, held/review text is kept for its author alone. */
    async create(viewer: Viewer, body: CreatePostBody): Promise<{ post: PostDto }> {
      const publishAt = body.publishAt === undefined ? undefined : scheduling.dueTime(body.publishAt);
      if (publishAt) await scheduling.checkRoom(viewer);
      const { text, screened, imageIds, video } = await prepare(deps, sanitizer, viewer, body);
      const audience = await deps.groups.resolveAudience(viewer, body);
      const screenedStatus = statusAfterScreening(deps.screen.screen(screened));
      // A scheduled post keeps what screening made of it for the moment it is published.
      const status = publishAt ? 'scheduled' : screenedStatus;
      const _id = new Types.ObjectId();
      // The video is claimed for this post before it is written (one post per video), given back if the write fails.
      if (video) await deps.videos!.claim(viewer.id, video, _id.toHexString());
      const created = posts
        .create({
          _id,
          ...newPostFields(viewer.id, body.privacy, audience, status),
          kind: body.kind,
          ...(body.kind === 'diary' ? { title: body.title } : {}),
          text,
          images: imageIds,
          ...(video ? { video: new Types.ObjectId(video) } : {}),
          ...(publishAt ? { publishAt, publishAs: screenedStatus } : {}),
        })
        .catch(async (err: unknown) => {
          if (video) await deps.videos!.unclaim(video, _id.toHexString());
          throw err;
        });
      const record = recordOf<PostRecord>(await created);
      if (publishAt) {
        scheduling.scheduled(publishAt);
        return { post: { ...(await views.toDto(record, viewer.id)), liked: false } };
      }
      // Nobody has liked a post that did not exist a moment ago: no likes query.
      const post: PostDto = { ...(await views.toDto(record, null)), liked: false };
      await publication.announce(record, post);
      await afterPublish(record);
      return { post };
    },

    /** Reposts a post the viewer may see (reposts.ts); pushed like a new post, with a shared embed. */
    async repost(viewer: Viewer, postId: string, body: RepostBody): Promise<{ post: PostDto }> {
      return reposts.create(viewer, postId, body, async (record) => {
        await publication.announce(record, await views.toDto(record, null));
        if (record.status === 'published') await notifyMentions(record);
        return { ...(await views.toDto(record, viewer.id)), liked: false };
      });
    },

    /** One post, if the viewer may see it. */
    async get(viewer: Viewer | null, postId: string): Promise<{ post: PostDto }> {
      const { post } = await ctx.visiblePost(viewer, postId);
      return { post: await views.toDto(post, viewer?.id ?? null) };
    },

    /** Deletes a post (its author or a moderator) and takes it out of the feeds that got it. */
    async remove(viewer: Viewer, postId: string): Promise<void> {
      if (!isModerator(viewer)) {
        const { post } = await ctx.visiblePost(viewer, postId);
        if (post.author.toHexString() !== viewer.id) throw forbidden('only its author or a moderator may delete a post');
      }
      const before = Types.ObjectId.isValid(postId)
        ? await posts.findById(postId, { status: 1, author: 1 }).lean<Pick<PostRecord, 'status' | 'author'>>()
        : null;
      // A scheduled post is its author's alone until it is out, moderators included; and it is
      // cancelled only while still scheduled (not in the moment it is being published).
      const scheduled = before?.status === 'scheduled';
      if (scheduled && before.author.toHexString() !== viewer.id) throw notFound('post');
      const removed = await transition(
        postId,
        scheduled ? ['scheduled'] : ['published', 'held', 'review', 'rejected'],
        'removed',
        isModerator(viewer) ? viewer : null,
      );
      if (!removed || !before) throw notFound('post');
      await deps.videos?.removeForPost(postId);
      await reposts.forget(removed);
      await publication.retract(removed, before.status === 'published');
    },

    /** v1.2: the viewer's scheduled posts, and changing one before it is published. */
    scheduledPosts: scheduling.list.bind(scheduling),
    editScheduled: scheduling.edit.bind(scheduling),
    /** Publishes what fell due while no node was up, and arms this node's timer (at start). */
    startScheduler: scheduling.start.bind(scheduling),

    /** Stops the sanitiser's workers and the scheduler's timer. */
    close: async () => {
      scheduling.close();
      await sanitizer.close();
    },

    feed: feed.feed.bind(feed),
    spacePosts: feed.spacePosts.bind(feed),

    createComment: comments.create.bind(comments),
    listComments: comments.list.bind(comments),
    removeComment: comments.remove.bind(comments),

    like: likes.like.bind(likes),
    unlike: likes.unlike.bind(likes),
    likers: likers.list.bind(likers),

    // v1.2 评论审核: comments waiting for the post owner's approval.
    commentsAwaitingOwner: comments.listAwaitingOwner.bind(comments),
    approveCommentAsOwner: comments.approveAsOwner.bind(comments),
    rejectCommentAsOwner: comments.rejectAsOwner.bind(comments),

    /** Whether `userId` may see post `postId` now (the rule of every read; a room check after a group changed). */
    recipientMaySee: ctx.recipientMaySee,

    /** The room of a post the viewer may see, for a socket to join (`post:watch`). */
    async watchRoom(viewer: Viewer, postId: string): Promise<string> {
      const { post } = await ctx.visiblePost(viewer, postId);
      return rooms.post(post.author.toHexString(), post._id.toHexString());
    },

    /** Recomputes a post's counters from its likes and comments (repair after a crash). */
    async recountPost(postId: string): Promise<{ likes: number; comments: number }> {
      const id = new Types.ObjectId(postId);
      return { likes: await likes.recount(id), comments: await comments.recount(id) };
    },

    /**
     * Recounts every post liked or commented on in the last `windowMs`. A node killed between a
     * like/comment insert and its counter update leaves that post's counter one short, and such a
     * write is always recent when a node starts; record ids are time-ordered, so the _id index finds them.
     */
    async repairRecentCounters(windowMs = 10 * 60_000): Promise<number> {
      const since = Types.ObjectId.createFromTime(Math.floor((Date.now() - windowMs) / 1000));
      const touched = new Set<string>();
      for (const id of await ctx.likes.distinct('post', { _id: { $gt: since } })) touched.add(String(id));
      for (const id of await ctx.comments.distinct('post', { _id: { $gt: since } })) touched.add(String(id));
      for (const id of touched) {
        const postId = new Types.ObjectId(id);
        await likes.recount(postId);
        await comments.recount(postId);
      }
      return touched.size;
    },

    /** Posts and comments waiting for a moderator (held and review), oldest first. */
    async listQueue(): Promise<{ posts: PostDto[]; comments: CommentDto[] }> {
      const waiting = await posts
        .find({ status: { $in: ['held', 'review'] } })
        .sort({ createdAt: 1 })
        .limit(200)
        .lean<PostRecord[]>();
      return { posts: await views.toDtos(waiting, null), comments: await comments.listQueue() };
    },

    /** Publishes a held/review post and only now pushes it to the feeds its privacy allows. */
    async approve(postId: string, moderator: Viewer): Promise<{ post: PostDto }> {
      const record = await transition(postId, ['held', 'review'], 'published', moderator);
      if (!record) throw notFound('post in the moderation queue');
      const post = await views.toDto(record, null);
      await publication.announce(record, post);
      await ctx.notify({
        to: record.author.toHexString(),
        kind: 'approved',
        actorId: null,
        subject: { type: 'post', id: postId, excerpt: excerpt(record.title ?? record.text) },
      });
      return { post };
    },

    approveComment: (commentId: string, _moderator: Viewer) => comments.approve(commentId),
    rejectComment: (commentId: string, _moderator: Viewer) => comments.reject(commentId),

    /** Rejects a held/review post: it stays hidden for good and its author is told. */
    async reject(postId: string, moderator: Viewer): Promise<{ post: PostDto }> {
      const record = await transition(postId, ['held', 'review'], 'rejected', moderator);
      if (!record) throw notFound('post in the moderation queue');
      await publication.retract(record, false);
      await ctx.notify({
        to: record.author.toHexString(),
        kind: 'moderation',
        actorId: null,
        subject: { type: 'post', id: postId, detail: 'rejected' },
      });
      return { post: await views.toDto(record, null) };
    },

    /** Takes a published post down and out of every feed that got it. */
    async unpublish(postId: string, moderator: Viewer): Promise<void> {
      const record = await transition(postId, ['published'], 'removed', moderator);
      if (!record) throw notFound('post');
      await deps.videos?.removeForPost(postId);
      await publication.retract(record, true);
    },
  };
}

export type PostService = ReturnType<typeof createPostService>;
