/**
 * Keyword screening of short texts that are shown at once and cannot wait in a moderator's queue:
 * space and music titles, album titles, photo captions, display names. A `block` or `hold` rule
 * refuses the text (422 `blocked`), without naming the keyword (that would teach how to get around
 * it); a `review` rule lets it through, as it does for posts.
 */
import { AppError } from '../../errors.js';
import type { TextScreen } from './screening.js';

/** Throws `blocked`, naming the field but not the rule, for the first field a block/hold rule matches. */
export function screenFields(screen: TextScreen | undefined, fields: Readonly<Record<string, string | null | undefined>>): void {
  if (!screen) return;
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const { action } = screen.screen(value);
    if (action === 'block' || action === 'hold') {
      throw new AppError('blocked', `${field}: this text cannot be used here`, { [field]: 'cannot be used here' });
    }
  }
}
