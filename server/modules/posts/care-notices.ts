/**
 * Special care (特别关心, v1.2) as posts see it: when a post becomes visible, each friend who cares for
 * its author gets a `care` notification — through `ctx.notify`, which sends it only if that person may
 * see the post at this moment (the one visibility rule every read and push applies). A post becomes
 * visible once (at creation, or when approved), so each carer hears of it once.
 */
import type { PostContext } from './context.js';
import { excerpt } from './context.js';
import type { PostRecord } from './post-model.js';
import type { Publication } from './publication.js';

export function withCareNotices(ctx: PostContext, publication: Publication): Publication {
  const { care } = ctx.deps;
  if (!care) return publication;

  async function tellCarers(post: PostRecord): Promise<void> {
    const authorId = post.author.toHexString();
    const subject = { type: 'post' as const, id: post._id.toHexString(), excerpt: excerpt(post.title ?? post.text) };
    for (const to of await care!.carersOf(authorId)) await ctx.notify({ to, kind: 'care', actorId: authorId, subject });
  }

  return {
    ...publication,
    async announce(post, dto) {
      await publication.announce(post, dto);
      if (post.status !== 'published') return;
      try {
        await tellCarers(post);
      } catch (err) {
        ctx.deps.logger.error({ err, postId: dto.id }, 'care notices failed');
      }
    },
  };
}
