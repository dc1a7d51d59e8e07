/** Small formatting helpers shared by views. */
import { msg } from '@lit/localize';
import type { Privacy } from '../../shared/dto.js';

/** Relative times live with the other locale-aware formatters; re-exported for existing imports. */
export { timeAgo } from './i18n/format.js';

/** Who may see something, in the shown language (getters, so each read follows a locale switch). */
export const privacyLabel: Readonly<Record<Privacy, string>> = {
  get public() {
    return msg('Everyone', { id: 'privacy.public' });
  },
  get friends() {
    return msg('Friends', { id: 'privacy.friends' });
  },
  get groups() {
    return msg('Some friends', { id: 'privacy.groups' });
  },
  get private() {
    return msg('Only me', { id: 'privacy.private' });
  },
};

/** A stable warm colour for a user, from their id. */
export function colourFor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hues = [18, 32, 45, 200, 160, 340, 280, 120, 8, 220];
  // dark enough that white initials read at ≥ 4.5:1 on every hue (yellow and green are the hardest)
  return `hsl(${hues[h % hues.length]} 60% 30%)`;
}

/** One or two letters for an avatar: the first of up to two words, or the first CJK character. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...(words[0] ?? '')][0] ?? '?';
  const second = words.length > 1 ? ([...(words[1] ?? '')][0] ?? '') : '';
  return (first + second).toUpperCase();
}
