/** Input schemas of posts (shuoshuo and diaries), comments, likes and the feed. */
import { z } from 'zod';
import { limits } from '../limits.js';
import { objectId, pageQuery, privacy, text } from './common.js';

export const maxShuoshuoImages = limits.shuoshuoImages;
/** Raw diary HTML accepted before sanitising; the sanitised result must fit `maxDiaryChars`. */
export const maxDiaryInputChars = 200_000;
export const maxDiaryChars = 100_000;

const images = z.array(objectId).max(maxShuoshuoImages, `at most ${maxShuoshuoImages} images`);

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
});

export const createPostBody = z.discriminatedUnion('kind', [shuoshuoBody, diaryBody], {
  error: 'must be "shuoshuo" or "diary"',
});
export type CreatePostBody = z.output<typeof createPostBody>;

export const createCommentBody = z.strictObject({
  text: text(1, limits.commentChars),
  /** A comment to reply to; a reply to a reply joins the thread of its top-level comment. */
  parentId: objectId.nullable().optional(),
});
export type CreateCommentBody = z.output<typeof createCommentBody>;

export const commentParams = z.strictObject({ id: objectId, commentId: objectId });

export const postPageQuery = pageQuery;

export const watchPayload = z.strictObject({ postId: objectId });
