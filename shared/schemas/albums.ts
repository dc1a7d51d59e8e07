/** Input schemas of albums and photos. */
import { z } from 'zod';
import { limits } from '../limits.js';
import { objectId, privacy, text } from './common.js';
import { audienceFields, checkAudience } from './groups.js';
import { spaceMusic } from './spaces.js';

export const albumBody = z
  .strictObject({
    title: text(1, limits.albumTitleChars),
    privacy,
    ...audienceFields,
  })
  .superRefine(checkAudience);
export type AlbumBody = z.infer<typeof albumBody>;

/** `PUT /api/albums/:id/music { music }`: the album's background music, validated like the space's; null removes it. */
export const albumMusicBody = z.strictObject({ music: spaceMusic });
export type AlbumMusicBody = z.infer<typeof albumMusicBody>;

/** `PATCH /api/photos/:id { caption }`: empty clears it. */
export const photoCaptionBody = z.strictObject({ caption: text(0, limits.captionChars) });
export type PhotoCaptionBody = z.infer<typeof photoCaptionBody>;

/** `after` is a photo id: photos come in upload order. */
export const photoPageQuery = z.strictObject({
  after: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type PhotoPageQuery = z.infer<typeof photoPageQuery>;

/** The at most 9 photos a shuoshuo may show. */
export const photoIds = z.array(objectId).max(limits.shuoshuoImages, `at most ${limits.shuoshuoImages} images`);

/** `album:watch` / `album:unwatch { albumId }`: follow an open album live. */
export const albumWatchPayload = z.strictObject({ albumId: objectId });
