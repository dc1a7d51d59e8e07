/** What a post's kind is called in the reader's words: the post card's byline, the composer's switch, the space's sections and its module names say the same. */
import { msg } from '@lit/localize';
import type { PostDto } from '../../shared/dto.js';

export const postKindName: Readonly<Record<PostDto['kind'], () => string>> = {
  shuoshuo: () => msg('Shuoshuo', { id: 'post.shuoshuo' }),
  diary: () => msg('Diary', { id: 'post.diary' }),
  repost: () => msg('Repost', { id: 'post.repostKind' }),
};
