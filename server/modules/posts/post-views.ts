/**
 * Post records → `PostDto`s, a page at a time: one batched look-up each for authors, images and
 * the viewer's likes, whatever the page size.
 */
import { Types } from 'mongoose';
import type { PhotoDto, PostDto, UserDto, VideoDto } from '../../../shared/dto.js';
import type { PostContext } from './context.js';
import { createReposts } from './reposts.js';
import type { PostRecord } from './post-model.js';
import { diaryPhotoIds } from './sanitize-diary.js';

/**
 * A diary stores its images as `/photos/<id>`; readers get each photo's URL as the albums service
 * gives it (signed for a non-public album, and short-lived, so never stored in the diary).
 */
function withPhotoUrls(html: string, photos: ReadonlyMap<string, PhotoDto>): string {
  return html.replace(/<img src="\/photos\/([0-9a-f]{24})"/g, (whole, id: string) => {
    const photo = photos.get(id);
    return photo ? `<img src="${photo.url.replace(/&/g, '&amp;')}"` : whole;
  });
}

/** Shown for an author whose account no longer exists, so a page keeps its size. */
const goneUser = (id: string): UserDto => ({ id, handle: 'deleted', displayName: '(deleted)', tier: 'basic' });

export function createPostViews(ctx: PostContext) {
  const { deps, likes } = ctx;
  const reposts = createReposts(ctx);

  /** Post ids among `postIds` that `viewerId` likes. */
  async function likedBy(viewerId: string, postIds: readonly Types.ObjectId[]): Promise<Set<string>> {
    if (postIds.length === 0) return new Set();
    const found = await likes
      .find({ post: { $in: postIds }, user: new Types.ObjectId(viewerId) }, { post: 1, _id: 0 })
      .lean<Array<{ post: Types.ObjectId }>>();
    return new Set(found.map((l) => l.post.toHexString()));
  }

  /** The DTOs of the originals of `records`' reposts, as `viewerId` may see them now. */
  async function embedOriginals(records: readonly PostRecord[], viewerId: string | null): Promise<Map<string, PostDto>> {
    const visible = await reposts.visibleOriginals(records, viewerId);
    if (visible.size === 0) return new Map();
    // Originals are never reposts themselves, so this goes one level deep.
    const dtos = await toDtos([...visible.values()], viewerId);
    return new Map(dtos.map((d) => [d.id, d]));
  }

  /**
   * The DTOs of `records`, in order. `viewerId` null: no `liked` field (anonymous readers, and
   * pushes, which many viewers share).
   */
  async function toDtos(records: readonly PostRecord[], viewerId: string | null): Promise<PostDto[]> {
    if (records.length === 0) return [];
    const imageIds = [
      ...new Set(records.flatMap((p) => [...p.images.map((i) => i.toHexString()), ...(p.kind === 'diary' ? diaryPhotoIds(p.text) : [])])),
    ];
    const videoIds = records.flatMap((p) => (p.video ? [p.video.toHexString()] : []));
    const [users, photos, liked, originals, mentioned, videos] = await Promise.all([
      deps.accounts.getUsers(records.map((p) => p.author.toHexString())),
      imageIds.length ? deps.photos.byIds(imageIds) : Promise.resolve(new Map<string, PhotoDto>()),
      viewerId
        ? likedBy(
            viewerId,
            records.map((p) => p._id),
          )
        : Promise.resolve(undefined),
      embedOriginals(records, viewerId),
      ctx.mentions.forTexts(
        records.map((p) => `${p.title ?? ''} ${p.text}`),
        viewerId,
      ),
      videoIds.length && deps.videos ? deps.videos.byIds(videoIds) : Promise.resolve(new Map<string, VideoDto>()),
    ]);
    return records.map((p, index) => {
      const authorId = p.author.toHexString();
      const id = p._id.toHexString();
      return {
        id,
        author: users.get(authorId) ?? goneUser(authorId),
        kind: p.kind,
        ...(p.title === undefined || p.title === null ? {} : { title: p.title }),
        text: p.kind === 'diary' ? withPhotoUrls(p.text, photos) : p.text,
        images: p.images.flatMap((i) => photos.get(i.toHexString()) ?? []),
        ...(p.video && videos.has(p.video.toHexString()) ? { video: videos.get(p.video.toHexString())! } : {}),
        privacy: p.privacy,
        status: p.status,
        createdAt: p.createdAt.toISOString(),
        counts: { likes: Math.max(0, p.likes), comments: Math.max(0, p.comments), reposts: Math.max(0, p.reposts ?? 0) },
        ...(liked ? { liked: liked.has(id) } : {}),
        mentions: mentioned[index] ?? [],
        ...(p.kind === 'repost' ? { repostOf: (p.repostOf && originals.get(p.repostOf.toHexString())) || null } : {}),
        ...(p.status === 'scheduled' && p.publishAt ? { publishAt: p.publishAt.toISOString() } : {}),
        ...(p.preview ? { preview: p.preview } : {}),
      };
    });
  }

  /** One post's DTO. */
  async function toDto(record: PostRecord, viewerId: string | null): Promise<PostDto> {
    const [dto] = await toDtos([record], viewerId);
    return dto!;
  }

  return { toDtos, toDto };
}

export type PostViews = ReturnType<typeof createPostViews>;
