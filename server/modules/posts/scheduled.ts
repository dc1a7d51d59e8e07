/**
 * v1.2 scheduled posts (定时发表): a post created with `publishAt` waits as `scheduled`, seen by its
 * author alone (listed by `GET /api/posts/scheduled`, readable by id), editable and cancellable
 * until it falls due; then due-posts.ts claims it on one node and `publishClaimed` turns it into the
 * post screening made of it, with its announce owed (an outbox), and only then pushes it, notifies
 * mentions and so on — again on another node if this one dies before the outbox is cleared.
 */
import { Types } from 'mongoose';
import type { PostDto } from '../../../shared/dto.js';
import { maxScheduleAheadMs, type EditScheduledBody } from '../../../shared/schemas/posts.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Viewer } from '../accounts/viewer.js';
import type { PostContext } from './context.js';
import { createDuePosts, type Outbox, type SchedulingOptions } from './due-posts.js';
import { statusAfterScreening } from './moderation-outcome.js';
import type { PostRecord } from './post-model.js';
import type { PostViews } from './post-views.js';
import type { Publication } from './publication.js';

/** Most posts one author may have waiting at once. */
export const maxScheduledPerAuthor = 500;

export interface SchedulingParts {
  readonly ctx: PostContext;
  readonly views: PostViews;
  readonly publication: Publication;
  /** What follows a post becoming visible: mentions, its link preview. */
  readonly afterPublish: (record: PostRecord) => Promise<void>;
  /** The stored text (diaries sanitised) and the text screening reads, as creating a post makes them. */
  readonly prepareText: (
    viewer: Viewer,
    record: PostRecord,
    title: string | undefined,
    text: string,
  ) => Promise<{ text: string; screened: string }>;
  readonly options: SchedulingOptions;
}

export function createScheduling({ ctx, views, publication, afterPublish, prepareText, options }: SchedulingParts) {
  const { posts } = ctx;
  const lead =
    options.minLeadMs >= 60_000 ? `${Math.ceil(options.minLeadMs / 60_000)} minute` : `${Math.ceil(options.minLeadMs / 1000)} second`;
  const rule = `must be ${lead}${lead.startsWith('1 ') ? '' : 's'} to 30 days ahead`;

  /** `publishAt` as a Date, once it is far enough ahead and not too far (invalid otherwise). */
  function dueTime(iso: string): Date {
    const at = new Date(iso);
    const ahead = at.getTime() - Date.now();
    if (ahead < options.minLeadMs || ahead > maxScheduleAheadMs) {
      throw invalid(`publishAt: ${rule}`, { publishAt: rule });
    }
    return at;
  }

  /**
   * Publishes a post this node claimed, writing the announce it owes (`outbox`) in the same update;
   * null when its claim was lost (lapsed, or the post edited or cancelled).
   */
  function publishClaimed(claimed: PostRecord, outbox: Outbox): Promise<PostRecord | null> {
    return posts
      .findOneAndUpdate(
        { _id: claimed._id, status: 'scheduled', claimedBy: options.nodeId, claimUntil: claimed.claimUntil },
        {
          $set: { status: claimed.publishAs ?? 'published', createdAt: new Date(), ...outbox },
          $unset: { publishAt: 1, publishAs: 1, claimedBy: 1, claimUntil: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<PostRecord>();
  }

  /** A published scheduled post's pushes, mentions and care notices (each notification once per post). */
  async function announce(record: PostRecord): Promise<void> {
    const post = await views.toDto(record, null);
    await publication.announce(record, post);
    await afterPublish(record);
  }

  const due = createDuePosts({ ...options, posts, logger: ctx.deps.logger, publish: publishClaimed, announce });

  /** The author's scheduled post `postId`, or not_found (also for anyone else's). */
  async function ownScheduled(viewer: Viewer, postId: string): Promise<PostRecord> {
    const record = Types.ObjectId.isValid(postId)
      ? await posts.findOne({ _id: new Types.ObjectId(postId), author: new Types.ObjectId(viewer.id) }).lean<PostRecord>()
      : null;
    if (!record || record.status === 'removed' || record.status === 'rejected') throw notFound('post');
    if (record.status !== 'scheduled') throw conflict('this post is already published');
    return record;
  }

  return {
    dueTime,

    /** Refuses one scheduled post too many for this author. */
    async checkRoom(viewer: Viewer): Promise<void> {
      const waiting = await posts.countDocuments({ author: new Types.ObjectId(viewer.id), status: 'scheduled' });
      if (waiting >= maxScheduledPerAuthor) throw conflict(`at most ${maxScheduledPerAuthor} posts may wait scheduled at once`);
    },

    /** Tells every node a post now waits for `at`. */
    scheduled: (at: Date) => due.scheduled(at),

    /** The viewer's scheduled posts, soonest first. */
    async list(viewer: Viewer): Promise<{ posts: PostDto[] }> {
      const waiting = await posts
        .find({ author: new Types.ObjectId(viewer.id), status: 'scheduled' })
        .sort({ publishAt: 1 })
        .limit(maxScheduledPerAuthor)
        .lean<PostRecord[]>();
      return { posts: await views.toDtos(waiting, viewer.id) };
    },

    /** Changes a scheduled post's title, text or time; refused once it is published. */
    async edit(viewer: Viewer, postId: string, body: EditScheduledBody): Promise<{ post: PostDto }> {
      const before = await ownScheduled(viewer, postId);
      if (body.title !== undefined && before.kind !== 'diary')
        throw invalid('title: a shuoshuo has no title', { title: 'a shuoshuo has no title' });
      const at = body.publishAt === undefined ? undefined : dueTime(body.publishAt);
      const set: Record<string, unknown> = at ? { publishAt: at } : {};
      if (body.text !== undefined || body.title !== undefined) {
        const title = body.title ?? before.title;
        const { text, screened } = await prepareText(viewer, before, title, body.text ?? before.text);
        Object.assign(
          set,
          { text, publishAs: statusAfterScreening(ctx.deps.screen.screen(screened)) },
          title === undefined ? {} : { title },
        );
      }
      // An edit voids a claim a node may hold: that node's publishing update then matches nothing.
      const record = await posts
        .findOneAndUpdate(
          { _id: before._id, status: 'scheduled' },
          { $set: set, $unset: { claimedBy: 1, claimUntil: 1 } },
          { returnDocument: 'after' },
        )
        .lean<PostRecord>();
      if (!record) throw conflict('this post is already published');
      if (at) due.scheduled(at);
      return { post: await views.toDto(record, viewer.id) };
    },

    start: () => due.start(),
    close: () => due.close(),
  };
}

export type Scheduling = ReturnType<typeof createScheduling>;
