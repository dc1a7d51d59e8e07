import type { Relation } from './visibility.js';

/** What other modules need to know about friendships (implemented by the friends service). */
export interface FriendRelations {
  /** How `viewerId` (null: anonymous) stands to `ownerId`. */
  relation(viewerId: string | null, ownerId: string): Promise<Relation>;
  areFriends(a: string, b: string): Promise<boolean>;
  /** All friends of `userId`, as user ids. */
  friendIds(userId: string): Promise<string[]>;
}
