/**
 * Why a report is sent. The hub keeps the reason as text: `<key>` or `<key>: <details>`; the key is
 * stored in English so every moderator reads the same thing, and each reader sees it in their language.
 */
import { msg } from '@lit/localize';

export const reportReasons = ['spam', 'harassment', 'inappropriate', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

const labels: Readonly<Record<ReportReason, () => string>> = {
  spam: () => msg('Spam or advertising', { id: 'report.reason.spam' }),
  harassment: () => msg('Harassment or hate', { id: 'report.reason.harassment' }),
  inappropriate: () => msg('Inappropriate content', { id: 'report.reason.inappropriate' }),
  other: () => msg('Something else', { id: 'report.reason.other' }),
};

export const reasonLabel = (reason: ReportReason): string => labels[reason]();

/** A stored reason read back: its key's label (when it has one) and the reporter's own words. */
export function readReason(stored: string): { readonly label: string | null; readonly details: string } {
  const m = /^([a-z]+)(?::\s*([\s\S]*))?$/.exec(stored);
  const key = m?.[1] as ReportReason | undefined;
  if (!m || !key || !(reportReasons as readonly string[]).includes(key)) return { label: null, details: stored };
  return { label: labels[key](), details: m[2] ?? '' };
}
