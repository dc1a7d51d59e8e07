/**
 * What moderation screens call a rule's action and a report's subject, in the reader's words: the
 * moderation page's rules, the reports queue's badges and the audit log's details say the same.
 */
import { msg } from '@lit/localize';
import type { ModerationAction, ReportSubjectKind } from '../../shared/dto.js';

/** The short name of a rule's action, as its badge shows it. */
export const ruleActionName: Readonly<Record<ModerationAction, () => string>> = {
  block: () => msg('block', { id: 'mod.block' }),
  hold: () => msg('hold', { id: 'mod.hold' }),
  review: () => msg('review', { id: 'mod.review' }),
};

/** A rule's action said in full, as the rule form offers it. */
export const ruleActionLongName: Readonly<Record<ModerationAction, () => string>> = {
  block: () => msg('Block (refuse the post)', { id: 'mod.blockLong' }),
  hold: () => msg('Hold for review', { id: 'mod.holdLong' }),
  review: () => msg('Publish to author, preview by moderator', { id: 'mod.reviewLong' }),
};

/** What a report is about. */
export const reportSubjectName: Readonly<Record<ReportSubjectKind, () => string>> = {
  post: () => msg('Post', { id: 'reports.kind.post' }),
  comment: () => msg('Comment', { id: 'reports.kind.comment' }),
  guestbook: () => msg('Guestbook message', { id: 'reports.kind.guestbook' }),
  user: () => msg('User', { id: 'reports.kind.user' }),
  message: () => msg('Private message', { id: 'reports.kind.message' }),
};
