/** Input schemas of posts (shuoshuo and diaries), comments, likes and the feed. */
import { z } from 'zod';
import { limits } from '../limits.js';
import { objectId, pageQuery, privacy, text } from './common.js';
import { audienceFields, checkAudience } from './groups.js';

export const maxShuoshuoImages = limits.shuoshuoImages;
/** Raw diary HTML accepted before sanitising; the sanitised result must fit `maxDiaryChars`. */
export const maxDiaryInputChars = 200_000;
export const maxDiaryChars = 100_000;

const images = z.array(objectId).max(maxShuoshuoImages, `at most ${maxShuoshuoImages} images`);

/** v1.2: how far ahead a post may be scheduled, at most (the least lead time is the hub's config). */
export const maxScheduleAheadMs = 30 * 24 * 60 * 60_000;

/** v1.2: an ISO 8601 instant with its offset; whether it is far enough ahead is the service's check. */
export const publishAt = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset' });

const shuoshuoBody = z
  .strictObject({
    kind: z.literal('shuoshuo'),
    text: text(1, limits.shuoshuoChars),
    // Named in the schema so that a stray title is reported on its own field, not as "unknown key".
    title: z
      .unknown()
      .refine((v) => v === undefined, 'a shuoshuo has no title')
      .transform((): undefined => undefined)
      .optional(),
    images: images.default([]),
    /** v1.2: one video of the author's (`POST /api/videos`) instead of photos. */
    video: objectId.optional(),
    privacy,
    ...audienceFields,
    publishAt: publishAt.optional(),
  })
  .refine((b) => !(b.video && b.images.length), { message: 'a shuoshuo carries photos or a video, not both', path: ['video'] });

const diaryBody = z.strictObject({
  kind: z.literal('diary'),
  title: text(1, limits.diaryTitleChars),
  // HTML: bounded here, sanitised (and measured again) by the service.
  text: z
    .string()
    .refine((s) => s.isWellFormed(), 'must be valid unicode')
    .pipe(z.string().min(1, 'must not be empty').max(maxDiaryInputChars, `must be at most ${maxDiaryInputChars} characters`)),
  images: images.default([]),
  privacy,
  ...audienceFields,
  publishAt: publishAt.optional(),
});

export const createPostBody = z
  .discriminatedUnion('kind', [shuoshuoBody, diaryBody], {
    error: 'must be "shuoshuo" or "diary"',
  })
  .superRefine(checkAudience);
export type CreatePostBody = z.output<typeof createPostBody>;

/** v1.2: what a scheduled post's author may change before it is published. */
export const editScheduledBody = z
  .strictObject({
    title: text(1, limits.diaryTitleChars).optional(),
    text: z
      .string()
      .refine((s) => s.isWellFormed(), 'must be valid unicode')
      .pipe(z.string().trim().min(1, 'must not be empty').max(maxDiaryInputChars, `must be at most ${maxDiaryInputChars} characters`))
      .optional(),
    publishAt: publishAt.optional(),
  })
  .refine((b) => b.title !== undefined || b.text !== undefined || b.publishAt !== undefined, 'nothing to change');
export type EditScheduledBody = z.output<typeof editScheduledBody>;

export const createCommentBody = z.strictObject({
  text: text(1, limits.commentChars),
  /** A comment to reply to; a reply to a reply joins the thread of its top-level comment. */
  parentId: objectId.nullable().optional(),
});
export type CreateCommentBody = z.output<typeof createCommentBody>;

export const commentParams = z.strictObject({ id: objectId, commentId: objectId });

export const postPageQuery = pageQuery;

export const watchPayload = z.strictObject({ postId: objectId });

/** v1.2 `GET /api/posts/:id/likes?cursor=&limit=`: who liked, newest first; `cursor` is the previous page's `next`. */
export const likersQuery = z.strictObject({
  cursor: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type LikersQuery = z.infer<typeof likersQuery>;
