/** Input schemas of moderation: keyword rules, the review queue, the audit log, certification and tiers. */
import { z } from 'zod';
import { objectId, text } from './common.js';

export const moderationActions = ['block', 'hold', 'review'] as const;

export const ruleBody = z.strictObject({
  pattern: text(1, 100),
  action: z.enum(moderationActions),
});
export type RuleBody = z.infer<typeof ruleBody>;

export const postIdParams = z.strictObject({ postId: objectId });

/** `before` is an audit entry id (newest first). */
export const auditQuery = z.strictObject({
  before: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const certifyBody = z.strictObject({ certified: z.boolean() });

export const tierBody = z.strictObject({ tier: z.enum(['basic', 'yellow']) });
