/** Turns the keyword screen's verdict on new text into the status it is stored with. */
import { blocked } from '../../errors.js';
import type { ScreenResult } from '../moderation/screening.js';

export type ScreenedStatus = 'published' | 'held' | 'review';

/** `block` throws (nothing is stored); otherwise the status to store the text with. */
export function statusAfterScreening(result: ScreenResult): ScreenedStatus {
  switch (result.action) {
    case 'block':
      // Never names the keyword (that would teach how to get around it); the audit log keeps it.
      throw blocked('this text cannot be published here');
    case 'hold':
      return 'held';
    case 'review':
      return 'review';
    default:
      return 'published';
  }
}
