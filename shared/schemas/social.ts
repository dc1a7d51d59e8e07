/** v1.1 input schemas of blocking, reports and reposts. */
import { z } from 'zod';
import { objectId, privacy, text } from './common.js';
import { audienceFields, checkAudience } from './groups.js';

/** v1.2: `message` is one private message, reported by one of its two people. */
export const reportSubjectKinds = ['post', 'comment', 'guestbook', 'user', 'message'] as const;

/** `POST /api/reports`: a user is named by id, like every other subject. */
export const reportBody = z.strictObject({
  subject: z.strictObject({ kind: z.enum(reportSubjectKinds), id: objectId }),
  reason: text(1, 500),
});
export type ReportBody = z.infer<typeof reportBody>;

export const resolveReportBody = z.strictObject({ action: z.enum(['dismiss', 'remove']) });
export type ResolveReportBody = z.infer<typeof resolveReportBody>;

/** `POST /api/posts/:id/repost`: an optional comment of one's own. */
export const repostBody = z
  .strictObject({
    text: text(0, 2000).optional(),
    privacy,
    ...audienceFields,
  })
  .superRefine(checkAudience);
export type RepostBody = z.infer<typeof repostBody>;
