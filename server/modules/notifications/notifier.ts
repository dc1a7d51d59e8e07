import type { NotificationKind, NotificationSubject } from '../../../shared/dto.js';

export interface NotifyInput {
  /** The recipient's user id. */
  readonly to: string;
  readonly kind: NotificationKind;
  /** Who did it; null for the system (e.g. moderation). Self-notifications are dropped. */
  readonly actorId: string | null;
  readonly subject: NotificationSubject;
  /** Unread notifications with the same key fold into one (e.g. `like:<postId>`). */
  readonly groupKey?: string;
  /**
   * Stored at most once per recipient with this key (e.g. `mention:post:<id>`): telling of the same
   * thing again — a scheduled post announced again after a node died mid-announce — adds nothing.
   */
  readonly onceKey?: string;
}

/** Stores a notification (numbered per recipient), then pushes it live. Implemented by the notifications service. */
export interface Notifier {
  readonly notify: (input: NotifyInput) => Promise<void>;
  /**
   * Takes one back from the recipient's unread folded notification `groupKey` (e.g. an unlike after
   * a like): its count drops by one, and at zero it is hidden, so like/unlike cycles leave no count
   * that is not there. Read notifications are history and stay.
   */
  readonly withdraw?: (to: string, groupKey: string) => Promise<void>;
}
