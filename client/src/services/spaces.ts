/** Reading a space as its page shows it: the space and the first page of its posts. */
import type { PostDto, SpaceDto } from '../../../shared/dto.js';
import { api } from './api.js';

/** Posts per page of a space. */
export const spacePageSize = 20;

/** A space and the first page of its posts (`next`: the cursor of the page after, null at the end). */
export async function readSpace(
  handle: string,
  signal: AbortSignal,
): Promise<{ readonly space: SpaceDto; readonly posts: PostDto[]; readonly next: string | null }> {
  const [{ space }, { posts, next }] = await Promise.all([
    api.call('GET /spaces/:handle', { params: { handle }, signal }),
    api.call('GET /spaces/:handle/posts', { params: { handle }, query: { limit: spacePageSize }, signal }),
  ]);
  return { space, posts, next };
}
