import type { ModerationAction } from '../../../shared/dto.js';

export interface ScreenResult {
  /** `allow` when no rule matched; otherwise the strictest matching rule's action (block > hold > review). */
  readonly action: 'allow' | ModerationAction;
  /** The matched keyword, to tell the author why. */
  readonly pattern?: string;
}

/** Checks new text (posts, comments, guestbook entries) against the keyword rules. Implemented by the moderation service. */
export interface TextScreen {
  screen(text: string): ScreenResult;
}
