/** What every new post is written with, whatever its kind (shuoshuo, diary or repost). */
import { Types } from 'mongoose';
import type { PostStatus, Privacy } from '../../../shared/dto.js';
import type { StoredAudience } from '../groups/audience.js';

/** Its author, who may see it and its status, stamped now, with no likes or comments yet. */
export function newPostFields(authorId: string, privacy: Privacy, audience: StoredAudience, status: PostStatus) {
  return { author: new Types.ObjectId(authorId), privacy, ...audience, status, createdAt: new Date(), likes: 0, comments: 0 };
}
