/**
 * Posts: shuoshuo (short status) and diaries (sanitised HTML). Counters of likes and comments live
 * on the post and are kept exact with `$inc`; each one is also recomputable from the likes and
 * comments collections (see `recountPost` in the service) should a crash fall between two writes.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { LinkPreviewDto, PostKind, PostStatus, Privacy } from '../../../shared/dto.js';
import { postKind, postStatus, privacy } from '../../../shared/schemas/dto/enums.js';

export interface PostRecord {
  readonly _id: Types.ObjectId;
  readonly author: Types.ObjectId;
  readonly kind: PostKind;
  readonly title?: string;
  readonly text: string;
  readonly images: Types.ObjectId[];
  /** v1.2, shuoshuo: the one video it carries (claimed by this post; removed with it). */
  readonly video?: Types.ObjectId | null;
  readonly privacy: Privacy;
  readonly status: PostStatus;
  readonly createdAt: Date;
  readonly likes: number;
  readonly comments: number;
  /** The moderator who approved, rejected or removed it, if one did. */
  readonly moderatedBy?: Types.ObjectId | null;
  /** v1.1, kind `repost`: the original post (always an original, never another repost). */
  readonly repostOf?: Types.ObjectId | null;
  /** v1.1: how many reposts this post has (absent on older posts: 0). */
  readonly reposts?: number;
  /** v1.2, privacy `groups`: the author's friend groups whose members may see it. */
  readonly groups?: Types.ObjectId[];
  /** v1.2, privacy `friends`: the friends who may not see it (不给谁看); absent when none. */
  readonly except?: Types.ObjectId[];
  /** v1.2, status `scheduled`: when it is due, and the status screening gave it (what it becomes then). */
  readonly publishAt?: Date | null;
  readonly publishAs?: PostStatus | null;
  /** v1.2, status `scheduled`: the node that claimed it once due, and until when its claim holds. */
  readonly claimedBy?: string | null;
  readonly claimUntil?: Date | null;
  /**
   * v1.2, a scheduled post once published: its announce (pushes, mentions, care notices) is still
   * owed — an outbox written in the same update that publishes it, cleared when the announce is done.
   * `announceBy` is the node doing it; once `announceUntil` has passed, any node announces it again.
   */
  readonly announceBy?: string | null;
  readonly announceUntil?: Date | null;
  /** v1.2: its first link's preview, once fetched. */
  readonly preview?: LinkPreviewDto | null;
}

const postSchema = new Schema<PostRecord>(
  {
    author: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: postKind.options, required: true },
    title: { type: String },
    // A repost's own comment is optional; every other post has text.
    text: {
      type: String,
      required: function (this: { kind?: string }) {
        return this.kind !== 'repost';
      },
      default: '',
    },
    images: { type: [Schema.Types.ObjectId], default: [] },
    video: { type: Schema.Types.ObjectId },
    privacy: { type: String, enum: privacy.options, required: true },
    status: { type: String, enum: postStatus.options, required: true },
    createdAt: { type: Date, required: true },
    likes: { type: Number, required: true, default: 0 },
    comments: { type: Number, required: true, default: 0 },
    moderatedBy: { type: Schema.Types.ObjectId, default: null },
    repostOf: { type: Schema.Types.ObjectId, default: null },
    reposts: { type: Number, default: 0 },
    // Absent unless set, so a common post stays as small as before and `except: { $ne: me }` holds.
    groups: { type: [Schema.Types.ObjectId], default: undefined },
    except: { type: [Schema.Types.ObjectId], default: undefined },
    publishAt: { type: Date },
    publishAs: { type: String, enum: postStatus.extract(['published', 'held', 'review']).options },
    claimedBy: { type: String },
    claimUntil: { type: Date },
    announceBy: { type: String },
    announceUntil: { type: Date },
    preview: {
      type: new Schema({ url: String, title: String, description: String, image: String }, { _id: false, strict: 'throw' }),
      default: undefined,
    },
  },
  { strict: 'throw', versionKey: false },
);
// The feed and a space's posts: per author, newest first, ties broken by _id (the cursor order).
postSchema.index({ author: 1, createdAt: -1, _id: -1 });
// The same with what every read filters on in front, so that a feed or space query selects exactly
// its rows from the index (author × status × privacy streams merged newest first) instead of
// re-checking and dropping other rows: measured twice as fast for a 100-friend feed.
postSchema.index({ author: 1, status: 1, privacy: 1, createdAt: -1, _id: -1 });
// The moderation queue: held and review posts, oldest first.
postSchema.index({ status: 1, createdAt: 1 });
// v1.2, scheduled posts: the next due post across all authors (status equality, then the time range
// in order; plain, not partial, so the embedded store's planner walks it too), and an author's own list.
postSchema.index({ status: 1, publishAt: 1 });
postSchema.index({ author: 1, status: 1, publishAt: 1 });
// v1.2: published posts whose announce is still owed (sparse: only those few carry the field).
postSchema.index({ announceUntil: 1 }, { sparse: true });

export function postModel(conn: Connection): Model<PostRecord> {
  return (conn.models.Post as Model<PostRecord> | undefined) ?? conn.model<PostRecord>('Post', postSchema);
}
