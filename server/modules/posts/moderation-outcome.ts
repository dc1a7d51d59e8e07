/** Turns the keyword screen's verdict on new text into the status it is stored with. */
import { blocked } from '../../errors.js';
import type { ScreenResult } from '../moderation/screening.js';

export type ScreenedStatus = 'published' | 'held' | 'review';

/** `block` throws (nothing is stored); otherwise the status to store the text with. */
export function statusAfterScreening(result: ScreenResult): ScreenedStatus {
  switch (result.action) {
    case 'block':
      throw blocked(result.pattern ? `blocked: it contains "${result.pattern}", which is not allowed here` : 'blocked by the content rules');
    case 'hold':
      return 'held';
    case 'review':
      return 'review';
    default:
      return 'published';
  }
}
