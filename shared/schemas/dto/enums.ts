/**
 * The closed word lists of the contract, written once as zod enums; shared/dto.ts derives its unions
 * from these and the mongoose models their `enum:` lists (`.options`), so the server's validation and
 * storage, the API document and the client's types cannot drift apart.
 */
import { z } from 'zod';
import { privacy } from '../common.js';
import { moderationActions } from '../moderation.js';
import { notificationKind } from '../notifications.js';
import { reportSubjectKinds } from '../social.js';
import { spaceColumns, spaceLayouts, spaceModuleKinds } from '../spaces.js';

export { privacy, notificationKind };
export { userLocale } from '../auth.js';
export const tier = z.enum(['basic', 'yellow']);
export const role = z.enum(['user', 'moderator']);
export const postKind = z.enum(['shuoshuo', 'diary', 'repost']);
/** `held` and `review` are visible to the author alone until a moderator approves. */
export const postStatus = z.enum(['published', 'held', 'review', 'rejected', 'removed', 'scheduled']);
export const spaceLayout = z.enum(spaceLayouts);
export const spaceColumn = z.enum(spaceColumns);
export const spaceModuleKind = z.enum(spaceModuleKinds);
export const friendRequestStatus = z.enum(['pending', 'accepted', 'declined']);
export const notificationSubjectType = z.enum([
  'post',
  'comment',
  'space',
  'friend_request',
  'invite',
  'match',
  'guestbook',
  'user',
  'report',
]);
export const inviteStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled', 'expired']);
/** `shuoshuo`: the album photos attached to shuoshuo go into (albums made by hand have none). */
export const albumPurpose = z.literal('shuoshuo');
export const matchStatus = z.enum(['active', 'finished']);
/** How a finished match ended. */
export const matchEndReason = z.enum(['five', 'draw', 'forfeit', 'resign']);
export const moderationAction = z.enum(moderationActions);
export const auditAction = z.enum([
  'rule.create',
  'rule.delete',
  'post.approve',
  'post.reject',
  'post.unpublish',
  'space.certify',
  'space.uncertify',
  'user.tier',
  'comment.approve',
  'comment.reject',
  'content.blocked',
  'report.dismiss',
  'report.remove',
]);
export const reportSubjectKind = z.enum(reportSubjectKinds);
export const reportStatus = z.enum(['open', 'dismissed', 'removed']);
