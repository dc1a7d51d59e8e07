/**
 * Special care (特别关心, v1.2) as posts see it: when a post becomes visible, each friend who cares for
 * its author gets a `care` notification — through `ctx.notify`, which sends it only if that person may
 * see the post at this moment (the one visibility rule every read and push applies). A post becomes
 * visible once (at creation, when approved, or when its scheduled time comes), and each notice has a
 * once key, so a carer hears of it once even when a scheduled post's announce is retried.
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
    // Once per carer and post, however often the post is announced (a scheduled post's announce is retried).
    const onceKey = `care:post:${subject.id}`;
    for (const to of await care!.carersOf(authorId)) await ctx.notify({ to, kind: 'care', actorId: authorId, subject, onceKey });
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
