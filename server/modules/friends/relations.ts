import { canView, needsCircle, type Circle, type Relation, type Visible } from './visibility.js';

/** What other modules need to know about friendships (implemented by the friends service). */
export interface FriendRelations {
  /** How `viewerId` (null: anonymous) stands to `ownerId`. */
  relation(viewerId: string | null, ownerId: string): Promise<Relation>;
  areFriends(a: string, b: string): Promise<boolean>;
  /** All friends of `userId`, as user ids. */
  friendIds(userId: string): Promise<string[]>;
  /**
   * The same ids as the cached list itself (no copy, never to be changed): the same array until the
   * user's friendships change, so two reads that answer the same array saw no change in between.
   */
  friendIdList(userId: string): Promise<readonly string[]>;
  /** v1.2: which of `ownerId`'s friend groups `viewerId` is in, read now (never cached). */
  circle(viewerId: string, ownerId: string): Promise<Circle>;
}

/**
 * Whether `viewerId`, standing in `relation` to `ownerId`, may see `item`: `canView`, with the
 * viewer's groups looked up only when the item is limited to groups or hides itself from someone.
 */
export async function mayView(
  relations: Pick<FriendRelations, 'circle'>,
  relation: Relation,
  viewerId: string | null,
  ownerId: string,
  item: Visible,
): Promise<boolean> {
  if (relation !== 'friend' || viewerId === null || !needsCircle(item)) return canView(relation, item);
  return canView(relation, item, await relations.circle(viewerId, ownerId));
}
