/**
 * An audit entry's detail in the reader's words. The hub writes it in English for its logs too
 * ("hold: 代购", "post 6b15d0cd…: spam: …"); a rule's action and a report's reason get their labels,
 * and an item is named by what it is, never by its id.
 */
import { msg, str } from '@lit/localize';
import type { AuditSubject } from '../../shared/dto.js';
import { reportSubjectName, ruleActionName } from './moderation-labels.js';
import { readReason } from './report-reasons.js';

/** Keyed by the words the hub's English detail uses. */
const ruleAction: Readonly<Record<string, () => string>> = ruleActionName;

const subjectName: Readonly<Record<string, () => string>> = reportSubjectName;

const subjectKind: Readonly<Record<AuditSubject['kind'], () => string>> = {
  post: () => msg('post', { id: 'auditSubject.post' }),
  comment: () => msg('comment', { id: 'auditSubject.comment' }),
  guestbook: () => msg('guestbook message', { id: 'auditSubject.guestbook' }),
  message: () => msg('private message', { id: 'auditSubject.message' }),
  user: () => '',
};

/** The item an entry is about, by whose it is and what it said: 小刚的动态「今天天气很好」, or the user's name. */
export function auditSubject(s: AuditSubject): string {
  if (s.kind === 'user') return s.owner;
  const kind = subjectKind[s.kind]();
  return s.excerpt
    ? msg(str`${s.owner}'s ${kind} “${s.excerpt}”`, { id: 'auditSubject.named' })
    : msg(str`${s.owner}'s ${kind}`, { id: 'auditSubject.owner' });
}

const colon = () => msg(': ', { id: 'common.colon' });

export function auditDetail(action: string, detail: string): string {
  if (action === 'rule.create' || action === 'rule.delete') {
    const m = /^(block|hold|review): ([\s\S]*)$/.exec(detail);
    if (m) return `${ruleAction[m[1]!]!()}${colon()}「${m[2]}」`;
  }
  if (action === 'report.remove' || action === 'report.dismiss') {
    const m = /^(post|comment|guestbook|user) [0-9a-f]{24}: ([\s\S]*)$/.exec(detail);
    if (m) {
      const { label, details } = readReason(m[2]!);
      return `${subjectName[m[1]!]!()}${colon()}${[label, details].filter(Boolean).join(' · ')}`;
    }
  }
  // Whatever else still names an item by id: the id is left out.
  return detail.replace(
    /\b(post|comment|guestbook|user|report|rule) [0-9a-f]{24}\b/g,
    (_all, kind: string) => subjectName[kind]?.() ?? kind,
  );
}
