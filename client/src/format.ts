/** Small formatting helpers shared by views. */
import type { Privacy } from '../../shared/dto.js';

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "2 minutes ago", "yesterday", or a date for older things. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return new Date(iso).toLocaleDateString();
}

export const privacyLabel: Readonly<Record<Privacy, string>> = {
  public: 'Everyone',
  friends: 'Friends',
  private: 'Only me',
};

/** A stable warm colour for a user, from their id. */
export function colourFor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hues = [18, 32, 45, 200, 160, 340, 280, 120, 8, 220];
  return `hsl(${hues[h % hues.length]} 65% 52%)`;
}

/** One or two letters for an avatar: the first of up to two words, or the first CJK character. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...(words[0] ?? '')][0] ?? '?';
  const second = words.length > 1 ? ([...(words[1] ?? '')][0] ?? '') : '';
  return (first + second).toUpperCase();
}
